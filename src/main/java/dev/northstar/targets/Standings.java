package dev.northstar.targets;

import dev.northstar.access.Viewer;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.MetricKeys.MetricTraits;
import dev.northstar.targets.internal.KnownMetrics;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A metric's value against its target: the applicable target, the company's today and the metric's thresholds put
 * through {@link Pacing}. For the pages and APIs that show a value (the evaluator computes the value).
 */
@Service
@Transactional(readOnly = true)
public class Standings {

    /** The target that applies and where the value stands against it. */
    public record Standing(ApplicableTarget target, Pace pace) {
    }

    private final Targets targets;
    private final MetricThresholds thresholds;
    private final KnownMetrics metrics;
    private final OrganizationService organization;

    Standings(Targets targets, MetricThresholds thresholds, KnownMetrics metrics, OrganizationService organization) {
        this.targets = targets;
        this.thresholds = thresholds;
        this.metrics = metrics;
        this.organization = organization;
    }

    /** A value of a metric for a period, to stand against its target; null for no data. */
    public record Asked(String metric, Period period, BigDecimal value) {
    }

    /** @param value the metric's value for the scope and period, or null for no data */
    public Standing of(Viewer viewer, String metric, Scope scope, Period period, BigDecimal value) {
        return of(viewer, scope, List.of(new Asked(metric, period, value))).get(0);
    }

    /** Standings of several values of one scope (a dashboard), in the order asked, reading what they need once. */
    public List<Standing> of(Viewer viewer, Scope scope, List<Asked> asked) {
        List<ApplicableTarget> found = targets.applicable(viewer, scope, wanted(asked));
        return pacing(viewer, asked).paced(asked, found);
    }

    /**
     * Standings of several scopes' values of the same metrics and periods (a page's children), by scope in the order
     * given: their targets are read at once, without the warnings of {@link Targets#applicableToEach}.
     *
     * @param asked per scope, the same metrics and periods in the same order, each with the scope's own value
     */
    public List<List<Standing>> ofEach(Viewer viewer, List<Scope> scopes, List<List<Asked>> asked) {
        List<List<ApplicableTarget>> found = targets.applicableToEach(viewer, scopes, asked.isEmpty() ? List.of() : wanted(asked.get(0)));
        List<List<Standing>> each = new ArrayList<>();
        Pacer pacer = pacing(viewer, asked.isEmpty() ? List.of() : asked.get(0));
        for (int i = 0; i < scopes.size(); i++) {
            each.add(pacer.paced(asked.get(i), found.get(i)));
        }
        return each;
    }

    private static List<Targets.Wanted> wanted(List<Asked> asked) {
        return asked.stream().map(a -> new Targets.Wanted(a.metric(), a.period())).toList();
    }

    /** What pacing needs besides the values and targets, read once for every scope of a question. */
    private Pacer pacing(Viewer viewer, List<Asked> asked) {
        return new Pacer(metrics.requireAll(viewer.companyId(), asked.stream().map(Asked::metric).toList()),
                thresholds.effective(viewer.companyId()), organization.today(viewer));
    }

    private record Pacer(Map<String, MetricTraits> traits, Function<String, Thresholds> effective, LocalDate today) {

        List<Standing> paced(List<Asked> asked, List<ApplicableTarget> found) {
            List<Standing> standings = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                Asked one = asked.get(i);
                ApplicableTarget target = found.get(i);
                standings.add(new Standing(target, Pacing.pace(one.value(), target.value(), one.period(), today, traits.get(one.metric()),
                        effective.apply(one.metric()))));
            }
            return standings;
        }
    }
}

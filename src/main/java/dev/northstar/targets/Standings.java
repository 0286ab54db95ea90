package dev.northstar.targets;

import dev.northstar.access.Viewer;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.internal.KnownMetrics;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;

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

    /** @param value the metric's value for the scope and period, or null for no data */
    public Standing of(Viewer viewer, String metric, Scope scope, Period period, BigDecimal value) {
        ApplicableTarget target = targets.applicable(viewer, metric, scope, period);
        Pace pace = Pacing.pace(value, target.value(), period, organization.today(viewer),
                metrics.require(viewer.companyId(), metric), thresholds.effective(viewer.companyId(), metric));
        return new Standing(target, pace);
    }
}

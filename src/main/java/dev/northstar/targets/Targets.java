package dev.northstar.targets;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.MetricKeys.MetricTraits;
import dev.northstar.targets.internal.KnownMetrics;
import dev.northstar.targets.internal.StoredTarget;
import dev.northstar.targets.internal.TargetRows;
import dev.northstar.targets.internal.TargetValues;
import dev.northstar.targets.internal.WhichTarget;
import dev.northstar.targets.internal.WhichTarget.Found;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Targets per metric, scope and period, with their history. Reads follow the view policy (except
 * {@link #applicableValue}, for other modules, which checks nothing); setting and removing follow
 * {@link AccessPolicy#setTarget}. Which target applies to a period is decided as docs/targets.md says.
 */
@Service
@Transactional
public class Targets {

    private final TargetRows rows;
    private final KnownMetrics metrics;
    private final TargetMismatches mismatches;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final Clock clock;

    Targets(TargetRows rows, KnownMetrics metrics, TargetMismatches mismatches, AccessPolicy policy,
            OrganizationDirectory directory, Clock clock) {
        this.rows = rows;
        this.metrics = metrics;
        this.mismatches = mismatches;
        this.policy = policy;
        this.directory = directory;
        this.clock = clock;
    }

    /** A metric and period whose target is asked for. */
    public record Wanted(String metric, Period period) {

        /** The first day of the earliest period asked for. */
        static LocalDate firstDay(List<Wanted> wanted) {
            return wanted.stream().map(w -> w.period().start()).min(Comparator.naturalOrder()).orElseThrow();
        }

        /** The end (exclusive) of the latest period asked for. */
        static LocalDate end(List<Wanted> wanted) {
            return wanted.stream().map(w -> w.period().end()).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    /** The target that applies to the period, how it was found, and the warnings where this scope's level does not add up. */
    @Transactional(readOnly = true)
    public ApplicableTarget applicable(Viewer viewer, String metric, Scope scope, Period period) {
        return applicable(viewer, scope, List.of(new Wanted(metric, period))).get(0);
    }

    /**
     * {@link #applicable} for several metrics and periods of one scope (a dashboard), in the order asked: the metrics,
     * their targets and the targets of the levels around the scope are each read once for all of them.
     */
    @Transactional(readOnly = true)
    public List<ApplicableTarget> applicable(Viewer viewer, Scope scope, List<Wanted> wanted) {
        Map<String, MetricTraits> traits = metrics.requireAll(viewer.companyId(), wanted.stream().map(Wanted::metric).toList());
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, List<StoredTarget>> byMetric = rows.overlapping(viewer.companyId(), traits.keySet(), scope.key(),
                Wanted.firstDay(wanted), Wanted.end(wanted));
        List<List<TargetMismatch>> mismatched = mismatches.about(viewer, scope, wanted, traits);
        List<ApplicableTarget> applicable = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            Wanted one = wanted.get(i);
            applicable.add(found(one, scope, traits.get(one.metric()), byMetric.getOrDefault(one.metric(), List.of()), mismatched.get(i)));
        }
        return applicable;
    }

    /**
     * {@link #applicable} for the same metrics and periods of several scopes (a page's children), by scope in the order
     * given, with the targets of all of them read at once. Without the warnings where levels do not add up: a page
     * shows those of the level above, whose targets the children's are compared with there.
     */
    @Transactional(readOnly = true)
    public List<List<ApplicableTarget>> applicableToEach(Viewer viewer, List<Scope> scopes, List<Wanted> wanted) {
        Map<String, MetricTraits> traits = metrics.requireAll(viewer.companyId(), wanted.stream().map(Wanted::metric).toList());
        scopes.forEach(scope -> policy.scope(viewer, scope, Action.VIEW).orRefuse());
        if (wanted.isEmpty() || scopes.isEmpty()) {
            return scopes.stream().map(scope -> List.<ApplicableTarget>of()).toList();
        }
        Map<String, List<StoredTarget>> byMetric = rows.overlappingIn(viewer.companyId(), traits.keySet(),
                scopes.stream().map(Scope::key).toList(), Wanted.firstDay(wanted), Wanted.end(wanted));
        List<List<ApplicableTarget>> each = new ArrayList<>();
        for (Scope scope : scopes) {
            List<ApplicableTarget> applicable = new ArrayList<>();
            for (Wanted one : wanted) {
                List<StoredTarget> own = byMetric.getOrDefault(one.metric(), List.of()).stream()
                        .filter(target -> target.scope().equals(scope.key())).toList();
                applicable.add(found(one, scope, traits.get(one.metric()), own, List.of()));
            }
            each.add(applicable);
        }
        return each;
    }

    /** The target of the scope's stored ones that applies to the wanted period (docs/targets.md). */
    private static ApplicableTarget found(Wanted wanted, Scope scope, MetricTraits metric, List<StoredTarget> stored,
                                          List<TargetMismatch> mismatches) {
        Found found = WhichTarget.find(stored, wanted.period(), metric.additive());
        return new ApplicableTarget(wanted.metric(), scope.key(), wanted.period(), metric.unit(), found.value(), found.source(),
                found.from().stream().map(Period::label).toList(), found.found(), mismatches);
    }

    /**
     * The value of the target that applies to the period (docs/targets.md: set, summed from smaller periods or prorated
     * from a larger one), for other modules computing values from targets (quota attainment). <strong>No access
     * check</strong>: the caller decides who may see the scope, as it does for the value the target is compared with.
     * The metric's unit is taken from the definition given, not looked up, so that the caller's definition decides
     * whether targets add up and prorate.
     *
     * @return the target, or empty when none applies
     */
    @Transactional(readOnly = true)
    public Optional<BigDecimal> applicableValue(long companyId, MetricDefinition metric, Scope scope, Period period) {
        boolean additive = new MetricTraits(metric.unit(), metric.direction()).additive();
        return Optional.ofNullable(WhichTarget.find(rows.overlapping(companyId, metric.key(), scope.key(), period), period, additive).value());
    }

    /** Sets the period's target; the change is kept in its history. Setting the value it already has changes nothing. */
    public ApplicableTarget set(Viewer viewer, String metric, Scope scope, Period period, BigDecimal value) {
        metrics.require(viewer.companyId(), metric);
        policy.setTarget(viewer, scope).orRefuse();
        BigDecimal target = TargetValues.check(value);
        Optional<StoredTarget> old = rows.lockAndRead(viewer.companyId(), metric, scope.key(), period);
        if (old.isEmpty() || old.get().value().compareTo(target) != 0) {
            rows.put(viewer.companyId(), metric, scope.key(), period, target);
            rows.recordChange(viewer.companyId(), metric, scope.key(), period, old.map(StoredTarget::value).orElse(null), target,
                    viewer.personId(), Instant.now(clock));
        }
        return applicable(viewer, metric, scope, period);
    }

    /** Removes the target set for exactly this period (404 if there is none); the removal is kept in its history. */
    public void remove(Viewer viewer, String metric, Scope scope, Period period) {
        metrics.require(viewer.companyId(), metric);
        policy.setTarget(viewer, scope).orRefuse();
        StoredTarget old = rows.lockAndRead(viewer.companyId(), metric, scope.key(), period)
                .orElseThrow(() -> new NotFoundException("Target", metric + " of " + scope.key() + " for " + period.label()));
        rows.delete(viewer.companyId(), metric, scope.key(), period);
        rows.recordChange(viewer.companyId(), metric, scope.key(), period, old.value(), null, viewer.personId(), Instant.now(clock));
    }

    /** Every change to the target set for exactly this period, newest first. */
    @Transactional(readOnly = true)
    public List<TargetChange> history(Viewer viewer, String metric, Scope scope, Period period) {
        metrics.require(viewer.companyId(), metric);
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        Map<Long, String> names = new HashMap<>();
        return rows.history(viewer.companyId(), metric, scope.key(), period).stream()
                .map(row -> TargetChange.of(row.periodLabel(), row.oldValue(), row.newValue(), row.changedBy(),
                        names.computeIfAbsent(row.changedBy(), id -> directory.person(viewer.companyId(), id).map(PersonRef::name).orElse(null)),
                        row.changedAt()))
                .toList();
    }
}

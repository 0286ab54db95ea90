package dev.northstar.analytics;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Decision;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.internal.ManualValueStore;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;

/**
 * Values of manual metrics (marketing spend, headcount cost, ...), typed or imported per metric, scope and period.
 * Recording a value again appends it: the history stays, and the latest value counts. A longer period than was
 * recorded sums the recorded periods inside it (see {@link ManualValueStore#value}).
 */
@Service
@Transactional
public class ManualValues {

    private final ManualValueStore store;
    private final MetricCatalog catalog;
    private final AccessPolicy policy;
    private final Clock clock;

    ManualValues(ManualValueStore store, MetricCatalog catalog, AccessPolicy policy, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.policy = policy;
        this.clock = clock;
    }

    /** Records a value for the scope and period; for those who may configure that scope (company admins today). */
    public ManualValue record(Viewer viewer, String metricKey, Scope scope, Period period, BigDecimal value) {
        allowed(viewer, scope, Action.CONFIGURE).orRefuse();
        if (metricKey == null || metricKey.isBlank()) {
            throw new InvalidInputException("metric", "must name the metric the value is for");
        }
        boolean manual = catalog.find(viewer.companyId(), metricKey.strip()).map(m -> m.formula() instanceof Formula.Manual).orElse(false);
        if (!manual) {
            // A value typed for a computed metric would never be read: the evaluator computes that one from the records.
            throw new InvalidInputException("metric", "'" + metricKey.strip() + "' is not a manual metric of this company; "
                    + "values can be recorded only for metrics defined as manual");
        }
        if (value == null) {
            throw new InvalidInputException("value", "must be a number");
        }
        ManualValue recorded = new ManualValue(metricKey.strip(), scope, period.start(), period.end(), value, viewer.personId(), clock.instant());
        store.append(viewer.companyId(), recorded);
        return recorded;
    }

    /** Every value recorded for exactly this period, newest (the one that counts) first. */
    @Transactional(readOnly = true)
    public List<ManualValue> history(Viewer viewer, String metricKey, Scope scope, Period period) {
        allowed(viewer, scope, Action.VIEW).orRefuse();
        return store.history(viewer.companyId(), metricKey, scope, period);
    }

    /** The value for the period, as the evaluator computes it (no access check: for callers that made theirs). */
    @Transactional(readOnly = true)
    public MetricValue value(long companyId, String metricKey, Scope scope, Period period) {
        return store.value(companyId, metricKey, scope, period);
    }

    private Decision allowed(Viewer viewer, Scope scope, Action action) {
        if (scope instanceof Scope.Department) {
            return policy.department(viewer, ((Scope.Department) scope).id(), action);
        }
        if (scope instanceof Scope.Team) {
            return policy.team(viewer, ((Scope.Team) scope).id(), action);
        }
        if (scope instanceof Scope.Person) {
            return policy.person(viewer, ((Scope.Person) scope).id(), action);
        }
        return action == Action.VIEW ? policy.company(viewer, action) : policy.companyData(viewer, "record manual metric values");
    }
}

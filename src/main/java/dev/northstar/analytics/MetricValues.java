package dev.northstar.analytics;

import dev.northstar.analytics.internal.Evaluation;
import dev.northstar.analytics.internal.Evaluations;
import dev.northstar.analytics.internal.Evaluations.Aggregates;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.function.Function;

/**
 * Metric values as pages and the API read them: the same definitions and composition as the {@link ReferenceEvaluator},
 * but rolled-up aggregates come from the rollups whenever those hold the answer (built from the metric's current
 * definition, no cell of the period waiting to be recomputed), and from the raw records otherwise. So an answer is
 * never stale, only sometimes slower. No access check: callers decide who may see the scope.
 */
@Service
public class MetricValues {

    private final Evaluations evaluations;

    MetricValues(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    /** @see ReferenceEvaluator#value */
    // One snapshot for the markers, the rollups and the raw records: a "no cell waits" answer holds for the reads after it.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MetricValue value(long companyId, MetricDefinition metric, Scope scope, Period period,
                             Function<String, Optional<MetricDefinition>> others) {
        return evaluations.start(companyId, others, Aggregates.ROLLUPS_WHEN_CURRENT).value(metric, scope, period);
    }

    /**
     * An evaluation for many values of one question, to be used within the caller's (repeatable read) transaction:
     * what the rollups were built from and which periods wait are read once, and a value met twice is computed once.
     */
    public Evaluation session(long companyId, Function<String, Optional<MetricDefinition>> others) {
        return evaluations.start(companyId, others, Aggregates.ROLLUPS_WHEN_CURRENT);
    }

    /** The value from the rollups as they are, even while cells wait: what verify compares with the reference. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    MetricValue asRolledUp(long companyId, MetricDefinition metric, Scope scope, Period period,
                           Function<String, Optional<MetricDefinition>> others) {
        return evaluations.start(companyId, others, Aggregates.ROLLUPS_AS_THEY_ARE).value(metric, scope, period);
    }
}

package dev.northstar.analytics;

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
 * The reference evaluator: a metric's value for a scope and period, computed at read time by SQL over the raw records
 * (activities, deals and their stage history, revenue lines, manual values, targets), exactly as docs/metrics.md defines it.
 * Correct before fast: the rollups must return the same values, and are verified against this.
 * <p>
 * No access check: callers decide who may see the scope.
 */
@Service
public class ReferenceEvaluator {

    private final Evaluations evaluations;

    ReferenceEvaluator(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    /**
     * @param others the company's other metrics by key, for ratios, derived, cumulative, attainment and target metrics
     * @throws MetricEvaluationException when the metric refers to an unknown metric or to itself, or asks a source for
     *                                   a field it does not have
     */
    // One snapshot for all the queries of a metric: a ratio's parts are never read across a concurrent load.
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public MetricValue value(long companyId, MetricDefinition metric, Scope scope, Period period,
                             Function<String, Optional<MetricDefinition>> others) {
        return evaluations.start(companyId, others, Aggregates.RAW).value(metric, scope, period);
    }
}

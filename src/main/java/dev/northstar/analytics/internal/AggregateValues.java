package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an {@link Evaluation} takes the value of an aggregate metric from: the raw records ({@link AggregateQuery}, the
 * reference) or the rollups ({@link RolledUpAggregates}). Everything composed of aggregates (ratios, derived and
 * cumulative metrics) is computed by the same Evaluation code from whichever source it is given.
 */
interface AggregateValues {

    MetricValue value(MetricDefinition metric, Aggregate aggregate, Frame frame, Scope scope);

    /** Many people's values in one read, by person id, where this source can give them so (else each is asked for). */
    default Optional<Map<Long, MetricValue>> people(MetricDefinition metric, Aggregate aggregate, Frame frame, List<Long> people) {
        return Optional.empty();
    }

    /** Values of these scopes for these periods will be asked for, of several metrics: a hint to read them together. */
    default void expectPeriods(Collection<Scope> scopes, Collection<Period> periods) {
    }
}

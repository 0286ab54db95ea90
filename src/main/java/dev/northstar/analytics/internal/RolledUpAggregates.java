package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Aggregates from the rollups where they hold the answer: the metric is rolled up and its rollups were built from
 * its current definition (and the company's current zone, currency and week start). Cells of the period that wait to
 * be recomputed are read from the raw records ({@link WaitingCells}); for MIN and MAX, the whole value then is.
 * Otherwise from the raw records, so that an answer is never stale. When many people are asked for at once (a
 * leaderboard), their values of a metric and period are read in one query.
 */
final class RolledUpAggregates implements AggregateValues {

    private final RollupStore rollups;
    private final AggregateQuery reference;
    private final boolean asTheyAre;
    /** Per metric, whether its rollups were built from its definition (asked for every person of a leaderboard). */
    private final Map<String, Boolean> current = new HashMap<>();

    /** @param asTheyAre read the rollups even while cells of the period wait (verify compares them as they are) */
    RolledUpAggregates(RollupStore rollups, AggregateQuery reference, boolean asTheyAre) {
        this.rollups = rollups;
        this.reference = reference;
        this.asTheyAre = asTheyAre;
    }

    @Override
    public void expectPeriods(Collection<Scope> scopes, Collection<Period> periods) {
        rollups.expect(scopes, periods);
    }

    @Override
    public MetricValue value(MetricDefinition metric, Aggregate aggregate, Frame frame, Scope scope) {
        if (!readable(metric, aggregate, frame)) {
            return reference.value(aggregate, frame, scope);
        }
        return rollups.value(metric.key(), aggregate, frame, scope, waiting(frame));
    }

    @Override
    public Optional<Map<Long, MetricValue>> people(MetricDefinition metric, Aggregate aggregate, Frame frame, List<Long> people) {
        if (!readable(metric, aggregate, frame)) {
            return Optional.empty();
        }
        Map<Long, MetricValue> read = rollups.people(metric.key(), aggregate, frame, people, waiting(frame));
        Map<Long, MetricValue> values = new HashMap<>(people.size() * 2);
        MetricValue none = RollupStore.none(aggregate.function());
        people.forEach(person -> values.put(person, read.getOrDefault(person, none)));
        return Optional.of(values);
    }

    /**
     * Whether the rollups hold the value: the metric is rolled up, built from its current definition, and, for MIN and
     * MAX, no cell of the period waits.
     */
    private boolean readable(MetricDefinition metric, Aggregate aggregate, Frame frame) {
        if (Rollable.aggregate(metric).isEmpty()) {
            return false;
        }
        boolean built = asTheyAre || current.computeIfAbsent(metric.key(), key -> rollups.builtFrom(frame.companyId(), key)
                .filter(Rollable.fingerprint(aggregate, frame.company())::equals).isPresent());
        return built && (RollupCells.kept(aggregate) || !waiting(frame));
    }

    private boolean waiting(Frame frame) {
        return !asTheyAre && rollups.pending(frame);
    }
}

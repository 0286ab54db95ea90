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
import java.util.Set;

/**
 * Aggregates from the rollups where they hold the answer: the metric is rolled up and its rollups were built from
 * its current definition (and the company's current zone, currency and week start). Cells of the period that wait to
 * be recomputed are read from the raw records ({@link WaitingCells}); for MIN and MAX, the whole value then is.
 * Otherwise from the raw records, so that an answer is never stale. When many people are expected (a leaderboard),
 * a person's value is read with everyone else's of the same metric and period, in one query.
 */
final class RolledUpAggregates implements AggregateValues {

    private final RollupStore rollups;
    private final AggregateQuery reference;
    private final boolean asTheyAre;
    private Set<Long> expectedPeople = Set.of();
    /** Everyone's values by metric and period (a leaderboard's people each ask). */
    private final Map<List<Object>, Map<Long, MetricValue>> everyone = new HashMap<>();
    /** Per metric, whether its rollups were built from its definition (asked for every person of a leaderboard). */
    private final Map<String, Boolean> current = new HashMap<>();

    /** @param asTheyAre read the rollups even while cells of the period wait (verify compares them as they are) */
    RolledUpAggregates(RollupStore rollups, AggregateQuery reference, boolean asTheyAre) {
        this.rollups = rollups;
        this.reference = reference;
        this.asTheyAre = asTheyAre;
    }

    @Override
    public void expectPeople(Collection<Long> people) {
        expectedPeople = Set.copyOf(people);
        everyone.clear(); // read for the people expected before, who may be fewer
    }

    @Override
    public void expectPeriods(Scope scope, Collection<Period> periods) {
        rollups.expect(scope, periods);
    }

    @Override
    public MetricValue value(MetricDefinition metric, Aggregate aggregate, Frame frame, Scope scope) {
        Optional<Aggregate> rollable = Rollable.aggregate(metric);
        if (rollable.isEmpty()) {
            return reference.value(aggregate, frame, scope);
        }
        boolean built = asTheyAre || current.computeIfAbsent(metric.key(), key -> rollups.builtFrom(frame.companyId(), key)
                .filter(Rollable.fingerprint(aggregate, frame.company())::equals).isPresent());
        boolean waiting = !asTheyAre && rollups.pending(frame);
        if (!built || (waiting && !RollupCells.kept(aggregate))) {
            return reference.value(aggregate, frame, scope);
        }
        if (scope instanceof Scope.Person person && expectedPeople.contains(person.id())) {
            Map<Long, MetricValue> values = everyone.computeIfAbsent(List.of(metric.key(), frame.period().start(), frame.period().end()),
                    k -> rollups.people(metric.key(), aggregate, frame, expectedPeople, waiting));
            return values.getOrDefault(person.id(), RollupStore.none(aggregate.function()));
        }
        return rollups.value(metric.key(), aggregate, frame, scope, waiting);
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Scope;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Aggregates from the rollups where they hold the answer: the metric is rolled up, its rollups were built from its
 * current definition (and the company's current zone and currency), and no cell of the period waits to be recomputed.
 * Otherwise from the raw records, so that an answer is never stale. When many people are expected (a leaderboard),
 * a person's value is read with everyone else's of the same metric and period, in one query.
 */
final class RolledUpAggregates implements AggregateValues {

    private final RollupStore rollups;
    private final AggregateQuery reference;
    private final boolean asTheyAre;
    private Set<Long> expectedPeople = Set.of();
    private final Map<String, Map<Long, MetricValue>> everyone = new HashMap<>();

    /** @param asTheyAre read the rollups even while cells of the period wait (verify compares them as they are) */
    RolledUpAggregates(RollupStore rollups, AggregateQuery reference, boolean asTheyAre) {
        this.rollups = rollups;
        this.reference = reference;
        this.asTheyAre = asTheyAre;
    }

    @Override
    public void expectPeople(Collection<Long> people) {
        expectedPeople = Set.copyOf(people);
    }

    @Override
    public MetricValue value(MetricDefinition metric, Aggregate aggregate, Frame frame, Scope scope) {
        Optional<Aggregate> rollable = Rollable.aggregate(metric);
        if (rollable.isEmpty()) {
            return reference.value(aggregate, frame, scope);
        }
        boolean current = asTheyAre || (rollups.builtFrom(frame.companyId(), metric.key())
                .filter(Rollable.fingerprint(aggregate, frame.company())::equals).isPresent() && !rollups.pending(frame));
        if (!current) {
            return reference.value(aggregate, frame, scope);
        }
        if (scope instanceof Scope.Person person && expectedPeople.contains(person.id())) {
            Map<Long, MetricValue> values = everyone.computeIfAbsent(metric.key() + " " + frame.period(),
                    k -> rollups.people(metric.key(), aggregate.function(), frame));
            return values.getOrDefault(person.id(), RollupStore.none(aggregate.function()));
        }
        return rollups.value(metric.key(), aggregate.function(), frame, scope);
    }
}

package dev.northstar.targets;

import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;

import java.util.Map;
import java.util.Optional;

/**
 * Which metric keys a company has, with the two facts targets need about each: its unit (which decides whether
 * targets add up and prorate) and its direction (which decides what "on track" means). The catalog owns metric
 * definitions; this is the hook through which targets learn about them without owning or copying them.
 */
public interface MetricKeys {

    /** Every metric of the company with its unit and direction, by key: for a dashboard's many metrics at once. */
    Map<String, MetricTraits> all(long companyId);

    /** The metric's unit and direction, or empty when the company has no metric with this key. */
    default Optional<MetricTraits> traits(long companyId, String key) {
        return Optional.ofNullable(all(companyId).get(key));
    }

    record MetricTraits(Unit unit, Direction direction) {

        /**
         * Counts and amounts of money add up: the months' quotas sum to the quarter's, a quarter's prorates to its
         * months, and expected-by-today grows through the period. Percents, ratios and durations (averages such as a
         * sales cycle) do not: a 25% win rate each month says nothing about the sum, and is the target every day.
         */
        public boolean additive() {
            return unit == Unit.COUNT || unit == Unit.CURRENCY;
        }

        public boolean higherIsBetter() {
            return direction == Direction.HIGHER_IS_BETTER;
        }
    }
}

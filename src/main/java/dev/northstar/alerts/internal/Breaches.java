package dev.northstar.alerts.internal;

import dev.northstar.alerts.Condition;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricDefinition.Direction;

import java.math.BigDecimal;

/** Whether a metric's reading breaches a rule's condition; pure, so that every condition is tested without a database. */
final class Breaches {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Breaches() {
    }

    /**
     * {@code reading} is the metric for its current period (with the same days of the previous one compared), or, for
     * {@link Condition#NO_DATA_FOR_DAYS}, for the last {@code threshold} days.
     */
    static boolean breached(Condition condition, BigDecimal threshold, MetricReading reading) {
        switch (condition) {
            case ABOVE:
                return !reading.noData() && reading.value().compareTo(threshold) > 0;
            case BELOW:
                return !reading.noData() && reading.value().compareTo(threshold) < 0;
            case WORSENS_BY: {
                MetricReading.Comparison previous = reading.comparisons().values().stream().findFirst().orElse(null);
                if (previous == null || previous.changeShare() == null) {
                    return false;
                }
                BigDecimal worse = reading.direction() == Direction.HIGHER_IS_BETTER ? previous.changeShare().negate() : previous.changeShare();
                return worse.multiply(HUNDRED).compareTo(threshold) >= 0;
            }
            case BEHIND_PACE_BY: {
                BigDecimal percentOfPace = reading.pace() == null ? null : reading.pace().percentOfPace();
                if (percentOfPace == null) {
                    return false;
                }
                return reading.direction() == Direction.HIGHER_IS_BETTER
                        ? percentOfPace.compareTo(HUNDRED.subtract(threshold)) <= 0
                        : percentOfPace.compareTo(HUNDRED.add(threshold)) >= 0;
            }
            case NO_DATA_FOR_DAYS:
                // Counts and sums of nothing are zero rather than no value: either way nothing came in. A ratio of zero
                // (won 0 of 12) has its parts, so it has data.
                return reading.noData() || (reading.denominator() == null && reading.value().signum() == 0);
            default:
                throw new IllegalArgumentException("unknown condition " + condition);
        }
    }
}

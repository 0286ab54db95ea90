package dev.northstar.alerts.internal;

import dev.northstar.alerts.Condition;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Period;
import dev.northstar.targets.Pace;
import dev.northstar.targets.Status;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every condition, both ways, in both directions of a metric. */
class BreachesTest {

    static final Period NOVEMBER = Period.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30));
    static final Period OCTOBER = Period.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));

    @Test
    void aboveAndBelowCompareTheValueAndNeverFireWithoutOne() {
        assertThat(breached(Condition.ABOVE, "10", reading("11"))).isTrue();
        assertThat(breached(Condition.ABOVE, "10", reading("10"))).isFalse();
        assertThat(breached(Condition.BELOW, "10", reading("9.5"))).isTrue();
        assertThat(breached(Condition.BELOW, "10", reading("10"))).isFalse();
        assertThat(breached(Condition.BELOW, "10", reading(null))).as("no value is not below anything").isFalse();
    }

    @Test
    void worseAgainstThePreviousPeriodFollowsTheMetricsDirection() {
        // 80 after 100: 20 % lower, worse when higher is better, better when lower is better
        assertThat(breached(Condition.WORSENS_BY, "20", compared("80", "100", Direction.HIGHER_IS_BETTER))).isTrue();
        assertThat(breached(Condition.WORSENS_BY, "25", compared("80", "100", Direction.HIGHER_IS_BETTER))).isFalse();
        assertThat(breached(Condition.WORSENS_BY, "10", compared("80", "100", Direction.LOWER_IS_BETTER))).isFalse();
        assertThat(breached(Condition.WORSENS_BY, "10", compared("120", "100", Direction.LOWER_IS_BETTER))).isTrue();
    }

    @Test
    void behindPaceFollowsTheMetricsDirection() {
        assertThat(breached(Condition.BEHIND_PACE_BY, "20", paced("79", Direction.HIGHER_IS_BETTER))).isTrue();
        assertThat(breached(Condition.BEHIND_PACE_BY, "20", paced("81", Direction.HIGHER_IS_BETTER))).isFalse();
        assertThat(breached(Condition.BEHIND_PACE_BY, "20", paced("121", Direction.LOWER_IS_BETTER))).isTrue();
        assertThat(breached(Condition.BEHIND_PACE_BY, "20", paced("79", Direction.LOWER_IS_BETTER))).isFalse();
        assertThat(breached(Condition.BEHIND_PACE_BY, "20", reading("5"))).as("no target, no pace").isFalse();
    }

    @Test
    void noDataIsNoValueOrACountOfNothingButNotARatioOfZero() {
        assertThat(breached(Condition.NO_DATA_FOR_DAYS, "3", reading(null))).isTrue();
        assertThat(breached(Condition.NO_DATA_FOR_DAYS, "3", reading("0"))).isTrue();
        assertThat(breached(Condition.NO_DATA_FOR_DAYS, "3", reading("2"))).isFalse();
        MetricReading wonNoneOfTwelve = new MetricReading("win_rate", "Win rate", Unit.PERCENT, 1, Direction.HIGHER_IS_BETTER, "company",
                NOVEMBER, BigDecimal.ZERO, false, BigDecimal.ZERO, BigDecimal.valueOf(12), null, null, Map.of());
        assertThat(breached(Condition.NO_DATA_FOR_DAYS, "3", wonNoneOfTwelve)).isFalse();
    }

    private static boolean breached(Condition condition, String threshold, MetricReading reading) {
        return Breaches.breached(condition, new BigDecimal(threshold), reading);
    }

    private static MetricReading reading(String value) {
        return new MetricReading("calls", "Calls", Unit.COUNT, 0, Direction.HIGHER_IS_BETTER, "company", NOVEMBER,
                value == null ? null : new BigDecimal(value), value == null, null, null, null, null, Map.of());
    }

    private static MetricReading compared(String now, String before, Direction direction) {
        BigDecimal change = new BigDecimal(now).subtract(new BigDecimal(before));
        return new MetricReading("calls", "Calls", Unit.COUNT, 0, direction, "company", NOVEMBER, new BigDecimal(now), false, null, null,
                null, null, Map.of("previous", new MetricReading.Comparison(OCTOBER, new BigDecimal(before), false, change,
                        change.divide(new BigDecimal(before)))));
    }

    private static MetricReading paced(String percentOfPace, Direction direction) {
        return new MetricReading("calls", "Calls", Unit.COUNT, 0, direction, "company", NOVEMBER, BigDecimal.TEN, false, null, null, null,
                new Pace(new BigDecimal("0.5"), BigDecimal.TEN, null, null, new BigDecimal(percentOfPace), Status.AMBER), Map.of());
    }
}

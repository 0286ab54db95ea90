package dev.northstar.targets;

import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Period;
import dev.northstar.targets.MetricKeys.MetricTraits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pacing and status against numbers worked out by hand. April 2026 has 30 days and starts on a Wednesday, so it has
 * 22 working days: 1-3, 6-10, 13-17, 20-24 and 27-30 April. Today counts as gone by.
 */
class PacingTest {

    static final Period APRIL = new Period(Period.Grain.MONTH, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 5, 1), "2026-04");

    @ParameterizedTest(name = "{0} {1} {2} target {3}, {4}: value {5} -> expected {6}, projected {7}, gap {8}, {9}")
    @CsvSource(delimiter = '|', textBlock = """
            # mode       | unit     | direction        | target | today      | value | expected  | projected | gap   | status
            # 10 of 30 days gone: 1000 of 3000 expected; the run rate projects value x 3
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 1000  | 1000      | 3000      | 2000  | GREEN
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 1200  | 1000      | 3600      | 1800  | GREEN
            LINEAR       | CURRENCY | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 950   | 1000      | 2850      | 2050  | AMBER
            # amber starts at exactly 90% of pace
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 900   | 1000      | 2700      | 2100  | AMBER
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 899   | 1000      | 2697      | 2101  | RED
            # zero is a value (red), no data is not (no status colour)
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 | 0     | 1000      | 0         | 3000  | RED
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-10 |       | 1000      |           |       | NO_DATA
            # no target: nothing to judge by, but the run rate still projects
            LINEAR       | COUNT    | HIGHER_IS_BETTER |        | 2026-04-10 | 500   |           | 1500      |       | NONE
            LINEAR       | COUNT    | HIGHER_IS_BETTER |        | 2026-04-10 |       |           |           |       | NONE
            # the first day already expects one day's share; the last day the whole target
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-01 | 0     | 100       | 0         | 3000  | RED
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-04-30 | 2999  | 3000      | 2999      | 1     | AMBER
            # a period in the past: all of it gone by, the projection is the value; met targets have a negative gap
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-05-15 | 3100  | 3000      | 3100      | -100  | GREEN
            # a period in the future: nothing expected yet, no run rate to project
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-03-20 |       | 0         |           |       | NO_DATA
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 3000   | 2026-03-20 | 0     | 0         |           | 3000  | GREEN
            # 7 of 30 days: 700 of 3000, a third of the way is 233.3333
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 1000   | 2026-04-07 | 200   | 233.3333  | 857.1429  | 800   | RED
            # lower is better, counted (e.g. lost deals, at most 30): green at or below pace, amber up to 110%, red above
            LINEAR       | COUNT    | LOWER_IS_BETTER  | 30     | 2026-04-10 | 9     | 10        | 27        | -21   | GREEN
            LINEAR       | COUNT    | LOWER_IS_BETTER  | 30     | 2026-04-10 | 10    | 10        | 30        | -20   | GREEN
            LINEAR       | COUNT    | LOWER_IS_BETTER  | 30     | 2026-04-10 | 11    | 10        | 33        | -19   | AMBER
            LINEAR       | COUNT    | LOWER_IS_BETTER  | 30     | 2026-04-10 | 11.5  | 10        | 34.5      | -18.5 | RED
            LINEAR       | COUNT    | LOWER_IS_BETTER  | 30     | 2026-05-02 | 31    | 30        | 31        | 1     | AMBER
            # lower is better, a duration (sales cycle of at most 40 days): the target is the pace every day, no projection
            LINEAR       | DURATION | LOWER_IS_BETTER  | 40     | 2026-04-10 | 39    | 40        |           | -1    | GREEN
            LINEAR       | DURATION | LOWER_IS_BETTER  | 40     | 2026-04-10 | 44    | 40        |           | 4     | AMBER
            LINEAR       | DURATION | LOWER_IS_BETTER  | 40     | 2026-04-10 | 44.1  | 40        |           | 4.1   | RED
            # higher-is-better percent (win rate of 25%): the target itself is the pace
            LINEAR       | PERCENT  | HIGHER_IS_BETTER | 25     | 2026-04-10 | 25    | 25        |           | 0     | GREEN
            LINEAR       | PERCENT  | HIGHER_IS_BETTER | 25     | 2026-04-10 | 24    | 25        |           | 1     | AMBER
            LINEAR       | RATIO    | HIGHER_IS_BETTER | 25     | 2026-04-01 | 22    | 25        |           | 3     | RED
            LINEAR       | PERCENT  | HIGHER_IS_BETTER | 25     | 2026-04-10 |       | 25        |           |       | NO_DATA
            # working days: Friday 3 April is 3 of 22 gone, and so are Saturday and Sunday; Monday makes 4
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-04-03 | 300   | 300       | 2200      | 1900  | GREEN
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-04-04 | 300   | 300       | 2200      | 1900  | GREEN
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-04-05 | 300   | 300       | 2200      | 1900  | GREEN
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-04-06 | 300   | 400       | 1650      | 1900  | RED
            # the same Sunday counted by calendar days: 5 of 30 gone expects 366.6667, and 300 is 81.8% of it
            LINEAR       | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-04-05 | 300   | 366.6667  | 1800      | 1900  | RED
            # 15 April: 11 working days of 22 gone, half of the target
            WORKING_DAYS | CURRENCY | HIGHER_IS_BETTER | 2200   | 2026-04-15 | 1000  | 1100      | 2000      | 1200  | AMBER
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-05-15 | 2200  | 2200      | 2200      | 0     | GREEN
            WORKING_DAYS | COUNT    | HIGHER_IS_BETTER | 2200   | 2026-03-31 | 0     | 0         |           | 2200  | GREEN
            """)
    void paceAndStatus(PacingMode mode, Unit unit, Direction direction, BigDecimal target, LocalDate today, BigDecimal value,
                       BigDecimal expected, BigDecimal projected, BigDecimal gap, Status status) {
        Pace pace = Pacing.pace(value, target, APRIL, today, new MetricTraits(unit, direction),
                new Thresholds(Thresholds.DEFAULT_AMBER_PERCENT, mode));
        assertEqualOrBothNull(pace.expectedByToday(), expected, "expected by today");
        assertEqualOrBothNull(pace.projectedEnd(), projected, "projected end");
        assertEqualOrBothNull(pace.gapToTarget(), gap, "gap to target");
        assertThat(pace.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            LINEAR       | 2026-03-31 | 0
            LINEAR       | 2026-04-01 | 0.0333
            LINEAR       | 2026-04-15 | 0.5
            LINEAR       | 2026-04-30 | 1
            LINEAR       | 2026-05-01 | 1
            WORKING_DAYS | 2026-04-01 | 0.0455
            WORKING_DAYS | 2026-04-04 | 0.1364
            WORKING_DAYS | 2026-04-15 | 0.5
            WORKING_DAYS | 2026-04-30 | 1
            """)
    void elapsedShare(PacingMode mode, LocalDate today, BigDecimal share) {
        assertThat(Pacing.elapsedShare(APRIL, today, mode)).isEqualByComparingTo(share);
    }

    @Test
    void aPeriodOfWeekendDaysOnlyIsPacedByCalendarDays() {
        Period weekend = Period.of(LocalDate.of(2026, 4, 4), LocalDate.of(2026, 4, 5));
        assertThat(Pacing.elapsedShare(weekend, LocalDate.of(2026, 4, 4), PacingMode.WORKING_DAYS)).isEqualByComparingTo("0.5");
    }

    @ParameterizedTest(name = "amber from {0}%: {1} -> {2} (higher), {3} -> {4} (lower)")
    @CsvSource(delimiter = '|', textBlock = """
            # expected 1000 by 10 April in both directions (target 3000)
            80  | 800 | AMBER | 1200 | AMBER
            80  | 799 | RED   | 1201 | RED
            100 | 999 | RED   | 1001 | RED
            """)
    void theAmberBandIsConfigurable(BigDecimal amberPercent, BigDecimal higherValue, Status higher, BigDecimal lowerValue, Status lower) {
        Thresholds thresholds = new Thresholds(amberPercent, PacingMode.LINEAR);
        LocalDate today = LocalDate.of(2026, 4, 10);
        BigDecimal target = BigDecimal.valueOf(3000);
        assertThat(Pacing.pace(higherValue, target, APRIL, today, new MetricTraits(Unit.COUNT, Direction.HIGHER_IS_BETTER), thresholds)
                .status()).isEqualTo(higher);
        assertThat(Pacing.pace(lowerValue, target, APRIL, today, new MetricTraits(Unit.COUNT, Direction.LOWER_IS_BETTER), thresholds)
                .status()).isEqualTo(lower);
    }

    @Test
    void percentOfPaceIsTheValueAgainstExpected() {
        Pace pace = Pacing.pace(BigDecimal.valueOf(950), BigDecimal.valueOf(3000), APRIL, LocalDate.of(2026, 4, 10),
                new MetricTraits(Unit.COUNT, Direction.HIGHER_IS_BETTER), Thresholds.DEFAULT);
        assertThat(pace.percentOfPace()).isEqualByComparingTo("95");
        assertThat(pace.elapsedShare()).isEqualByComparingTo("0.3333");
    }

    @Test
    void everyStatusHasAWordAndAnIconBesidesItsColour() {
        for (Status status : Status.values()) {
            assertThat(status.word()).as(status.name()).isNotBlank();
            assertThat(status.icon()).as(status.name()).isNotBlank();
        }
        assertThat(Status.values()).extracting(Status::icon).doesNotHaveDuplicates();
    }

    private static void assertEqualOrBothNull(BigDecimal actual, BigDecimal expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isEqualByComparingTo(expected);
        }
    }
}

package dev.northstar.dashboards.web;

import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodChoiceTest {

    final FiscalCalendar calendar = FiscalCalendar.of("Europe/Berlin", 1, 1);
    final LocalDate today = LocalDate.of(2026, 11, 24);

    PeriodChoice choose(String period, String grain, String from, String to, String compare) {
        return PeriodChoice.of(calendar, today, period, grain, from, to, compare, "/teams/5", "calls");
    }

    @Test
    void nothingChosenLeavesEachMetricItsOwnPeriod() {
        PeriodChoice choice = choose(null, null, null, null, null);
        assertThat(choice.label()).isNull();
        assertThat(choice.grain()).isEqualTo("own");
        assertThat(choice.previousHref(calendar)).isNull();
    }

    @Test
    void aGrainMeansItsCurrentPeriodAndTheStepsKeepSortAndComparison() {
        PeriodChoice choice = choose(null, "quarter", null, null, "yearAgo");
        assertThat(choice.label()).isEqualTo("FY2026-Q4");
        assertThat(choice.previousHref(calendar)).isEqualTo("/teams/5?period=FY2026-Q3&compare=yearAgo&sort=calls");
        assertThat(choice.nextHref(calendar)).isEqualTo("/teams/5?period=FY2027-Q1&compare=yearAgo&sort=calls");
        assertThat(choice.sortHref("deals_won")).isEqualTo("/teams/5?period=FY2026-Q4&compare=yearAgo&sort=deals_won");
    }

    @Test
    void aCustomRangeStepsByItsLength() {
        PeriodChoice choice = choose(null, null, "2026-10-01", "2026-10-10", null);
        assertThat(choice.grain()).isEqualTo("shown");
        assertThat(choice.range()).isTrue();
        assertThat(choice.previousHref(calendar)).isEqualTo("/teams/5?period=2026-09-21..2026-09-30&sort=calls");
        assertThat(choice.nextHref(calendar)).isEqualTo("/teams/5?period=2026-10-11..2026-10-20&sort=calls");
    }

    @Test
    void theFormKeepsThePeriodShownUnlessAnotherIsPicked() {
        // stepped to October, then the comparison changed: the form sends the period shown back
        assertThat(choose("2026-10", "shown", null, null, "yearAgo").label()).isEqualTo("2026-10");
        assertThat(choose("2026-10", "shown", null, null, "yearAgo").grain()).isEqualTo("shown");
        // a range shown, then "This quarter" picked while its dates are still in the form: the quarter wins
        assertThat(choose("2026-10-01..2026-10-10", "quarter", "2026-10-01", "2026-10-10", null).label()).isEqualTo("FY2026-Q4");
        // new dates typed over a range shown: the new range
        assertThat(choose("2026-10-01..2026-10-10", "shown", "2026-09-01", "2026-09-05", null).label()).isEqualTo("2026-09-01..2026-09-05");
        // each metric's own, picked while a period is shown: no period
        assertThat(choose("2026-10", "own", null, null, null).label()).isNull();
        // a day shared as a link
        assertThat(choose("2026-11-05", null, null, null, null).grain()).isEqualTo("shown");
    }

    @Test
    void badChoicesNameTheirField() {
        assertThatThrownBy(() -> choose(null, "decade", null, null, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("grain");
        assertThatThrownBy(() -> choose(null, null, "2026-10-01", null, null)).hasMessageContaining("to");
        assertThatThrownBy(() -> choose(null, null, null, null, "tomorrow")).hasMessageContaining("compare");
        assertThatThrownBy(() -> choose("2026-13", null, null, null, null)).hasMessageContaining("period");
    }
}

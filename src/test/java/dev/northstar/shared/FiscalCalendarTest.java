package dev.northstar.shared;

import dev.northstar.shared.Period.Grain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FiscalCalendarTest {

    static final FiscalCalendar ISO = FiscalCalendar.of("Europe/Oslo", 1, 1);
    static final FiscalCalendar FEBRUARY_SUNDAY = FiscalCalendar.of("America/New_York", 2, 7);

    @ParameterizedTest(name = "{0} {1} -> {2} [{3}, {4})")
    @CsvSource({
            // ISO weeks: 2020 has 53, and 3 January 2021 still belongs to it; 29 December 2025 opens 2026-W01.
            "WEEK, 2020-12-31, 2020-W53, 2020-12-28, 2021-01-04",
            "WEEK, 2021-01-03, 2020-W53, 2020-12-28, 2021-01-04",
            "WEEK, 2025-12-29, 2026-W01, 2025-12-29, 2026-01-05",
            "WEEK, 2026-02-11, 2026-W07, 2026-02-09, 2026-02-16",
            "MONTH, 2024-02-29, 2024-02, 2024-02-01, 2024-03-01",
            "QUARTER, 2024-08-15, FY2024-Q3, 2024-07-01, 2024-10-01",
            "YEAR, 2024-12-31, FY2024, 2024-01-01, 2025-01-01",
            "DAY, 2024-02-29, 2024-02-29, 2024-02-29, 2024-03-01",
    })
    void periodsOfAnIsoCalendar(Grain grain, LocalDate day, String label, LocalDate start, LocalDate end) {
        assertThat(ISO.period(grain, day)).isEqualTo(new Period(grain, start, end, label));
    }

    @ParameterizedTest(name = "{0} {1} -> {2} [{3}, {4})")
    @CsvSource({
            // A fiscal year from February is named by the year it ends in; weeks start on Sunday.
            "QUARTER, 2024-01-31, FY2024-Q4, 2023-11-01, 2024-02-01",
            "QUARTER, 2024-02-01, FY2025-Q1, 2024-02-01, 2024-05-01",
            "YEAR, 2024-02-01, FY2025, 2024-02-01, 2025-02-01",
            "YEAR, 2025-01-31, FY2025, 2024-02-01, 2025-02-01",
            "WEEK, 2026-01-03, 2025-W53, 2025-12-28, 2026-01-04",
            "WEEK, 2026-01-04, 2026-W01, 2026-01-04, 2026-01-11",
    })
    void periodsOfAFiscalYearFromFebruaryWithSundayWeeks(Grain grain, LocalDate day, String label, LocalDate start, LocalDate end) {
        assertThat(FEBRUARY_SUNDAY.period(grain, day)).isEqualTo(new Period(grain, start, end, label));
    }

    /** Every day of eight years, every grain, three calendars: the label names the period back, and periods tile. */
    @Test
    void everyPeriodContainsItsDayParsesBackFromItsLabelAndFollowsThePreviousOne() {
        for (FiscalCalendar calendar : List.of(ISO, FEBRUARY_SUNDAY, FiscalCalendar.of("Asia/Kolkata", 4, 6))) {
            for (LocalDate day = LocalDate.of(2019, 1, 1); day.isBefore(LocalDate.of(2027, 1, 1)); day = day.plusDays(1)) {
                for (Grain grain : List.of(Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.QUARTER, Grain.YEAR)) {
                    Period period = calendar.period(grain, day);
                    String where = calendar + " " + grain + " " + day;
                    assertThat(period.contains(day)).as(where).isTrue();
                    assertThat(calendar.parse(period.label())).as(where).isEqualTo(period);
                    assertThat(calendar.previous(period).end()).as(where).isEqualTo(period.start());
                    assertThat(calendar.yearAgo(period).grain()).as(where).isEqualTo(grain);
                }
            }
        }
    }

    @Test
    void aYearAgoIsTheSameWeekNumberMonthQuarterOrDates() {
        assertThat(ISO.yearAgo(ISO.parse("2026-W07")).label()).isEqualTo("2025-W07");
        assertThat(ISO.yearAgo(ISO.parse("2020-W53")).label()).as("2019 has 52 weeks").isEqualTo("2019-W52");
        assertThat(ISO.yearAgo(ISO.parse("2024-02-29")).label()).isEqualTo("2023-02-28");
        assertThat(FEBRUARY_SUNDAY.yearAgo(FEBRUARY_SUNDAY.parse("FY2025-Q1"))).isEqualTo(FEBRUARY_SUNDAY.parse("FY2024-Q1"));
        assertThat(ISO.yearAgo(ISO.parse("2025-01-15..2025-02-14"))).isEqualTo(Period.of(LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 14)));
    }

    @Test
    void theRangeBeforeARangeIsAsLong() {
        Period range = ISO.parse("2026-01-15..2026-02-14");
        assertThat(range.days()).isEqualTo(31);
        assertThat(ISO.previous(range)).isEqualTo(Period.of(LocalDate.of(2025, 12, 15), LocalDate.of(2026, 1, 14)));
        assertThat(ISO.series(ISO.parse("2026-03"), 3)).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03");
    }

    @Test
    void daysAtDaylightSavingChangesStartAtTheirFirstInstantAndLastAsLongAsTheClockSays() {
        // Oslo springs forward on 29 March 2026 (23 hours) and falls back on 25 October 2026 (25 hours).
        assertThat(ISO.startOf(LocalDate.of(2026, 3, 29))).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
        assertThat(Duration.between(ISO.startOf(LocalDate.of(2026, 3, 29)), ISO.startOf(LocalDate.of(2026, 3, 30)))).hasHours(23);
        assertThat(Duration.between(ISO.startOf(LocalDate.of(2026, 10, 25)), ISO.startOf(LocalDate.of(2026, 10, 26)))).hasHours(25);
        assertThat(ISO.dayOf(Instant.parse("2026-10-24T22:30:00Z"))).isEqualTo(LocalDate.of(2026, 10, 25));
        // São Paulo skipped midnight on 4 November 2018: that day began at 01:00.
        FiscalCalendar saoPaulo = new FiscalCalendar(ZoneId.of("America/Sao_Paulo"), 1, DayOfWeek.MONDAY);
        assertThat(saoPaulo.startOf(LocalDate.of(2018, 11, 4))).isEqualTo(Instant.parse("2018-11-04T03:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "2026-13", "2026-W54", "2026-W00", "FY2026-Q5", "2026-02-30", "2026-03-01..2026-02-01", "2000-01-01..2026-01-01", "last month"})
    void aBadLabelIsRefusedSayingWhatPeriodsLookLike(String label) {
        assertThatThrownBy(() -> ISO.parse(label)).isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("period"))
                .hasMessageContaining("'" + label.strip() + "'");
    }
}

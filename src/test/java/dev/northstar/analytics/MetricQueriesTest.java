package dev.northstar.analytics;

import dev.northstar.analytics.MetricQueries.Row;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of {@link MetricQueries}: comparing a running period fairly, and ranking. */
class MetricQueriesTest {

    static final FiscalCalendar CALENDAR = FiscalCalendar.of("Europe/Oslo", 1, 1);

    @Test
    void aRunningPeriodIsComparedWithAsManyDaysOfTheOtherAndAPastOneWhole() {
        Period november = CALENDAR.parse("2026-11");
        LocalDate tenth = LocalDate.of(2026, 11, 10);
        assertThat(MetricQueries.sameDaysGone(CALENDAR.previous(november), november, tenth).label()).isEqualTo("2026-10-01..2026-10-10");
        assertThat(MetricQueries.sameDaysGone(CALENDAR.yearAgo(november), november, tenth).label()).isEqualTo("2025-11-01..2025-11-10");
        // The last day of March against February: February has fewer days, so all of it.
        Period march = CALENDAR.parse("2026-03");
        assertThat(MetricQueries.sameDaysGone(CALENDAR.previous(march), march, LocalDate.of(2026, 3, 31)).label()).isEqualTo("2026-02");
        assertThat(MetricQueries.sameDaysGone(CALENDAR.previous(november), november, LocalDate.of(2026, 12, 1)).label()).isEqualTo("2026-10");
    }

    @Test
    void ranksFollowTheDirectionTiesShareARankAndNoDataComesLast() {
        List<Row> rows = List.of(row("a", "3"), row("b", null), row("c", "5"), row("d", "3.0"), row("e", "1"));
        assertThat(MetricQueries.ranked(rows, Direction.HIGHER_IS_BETTER)).extracting(r -> r.scope() + r.rank())
                .containsExactly("c1", "a2", "d2", "e4", "bnull");
        assertThat(MetricQueries.ranked(rows, Direction.LOWER_IS_BETTER)).extracting(r -> r.scope() + r.rank())
                .containsExactly("e1", "a2", "d2", "c4", "bnull");
    }

    private static Row row(String scope, String value) {
        return new Row(scope, scope, value == null ? null : new BigDecimal(value), value == null, null);
    }
}

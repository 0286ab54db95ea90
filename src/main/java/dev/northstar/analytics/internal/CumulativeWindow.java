package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.catalog.Formula.Cumulative;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;

import java.time.LocalDate;

/**
 * The days a cumulative metric counts, all ending with the period: from the start of the {@code toDateOf} period that
 * holds the period's last day (year-to-date: the fiscal year's start), or the trailing {@code days} days.
 */
public final class CumulativeWindow {

    private CumulativeWindow() {
    }

    public static Period of(String metricKey, Cumulative cumulative, FiscalCalendar calendar, Period period) {
        LocalDate last = period.end().minusDays(1);
        if (cumulative.window() == Cumulative.Window.ROLLING) {
            if (cumulative.days() == null || cumulative.days() < 1) {
                throw new MetricEvaluationException("the rolling window of '" + metricKey + "' needs a number of days of at least 1");
            }
            return Period.of(period.end().minusDays(cumulative.days()), last);
        }
        if (cumulative.toDateOf() == null || cumulative.toDateOf() == Period.Grain.CUSTOM) {
            throw new MetricEvaluationException("the period-to-date window of '" + metricKey + "' needs a grain: DAY, WEEK, MONTH, QUARTER or YEAR");
        }
        return Period.of(calendar.period(cumulative.toDateOf(), last).start(), last);
    }
}

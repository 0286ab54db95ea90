package dev.northstar.shared;

import java.time.LocalDate;

/**
 * A stretch of days in a company's calendar: {@code start} (inclusive) to {@code end} (exclusive), both local dates
 * of the company's time zone, with the label it is written as ({@code 2024-W07}, {@code 2024-03}, {@code FY2024-Q3},
 * {@code FY2024}, {@code 2024-01-15..2024-02-14}). {@link FiscalCalendar} makes them.
 */
public record Period(Grain grain, LocalDate start, LocalDate end, String label) {

    public enum Grain { DAY, WEEK, MONTH, QUARTER, YEAR, CUSTOM }

    public Period {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("a period ends after it starts: " + start + ".." + end);
        }
    }

    /** A custom range of days, {@code last} included. */
    public static Period of(LocalDate first, LocalDate last) {
        return new Period(Grain.CUSTOM, first, last.plusDays(1), first + ".." + last);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && day.isBefore(end);
    }

    public long days() {
        return end.toEpochDay() - start.toEpochDay();
    }
}

package dev.northstar.shared;

import dev.northstar.shared.Period.Grain;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A company's calendar: its time zone (which decides the day of an instant), the month its fiscal year starts and
 * the day its weeks start. Makes and names the periods every number is counted in.
 * <ul>
 *   <li>Weeks start on {@code weekStart}; week 1 of a year is the first week with at least four days in it (the ISO
 *   rule, for any start day), so the last days of December can be week 1 of the next year ({@code 2026-W01} starts
 *   on 29 December 2025 for Monday weeks): {@code 2026-W07}.</li>
 *   <li>Months are calendar months: {@code 2026-03}.</li>
 *   <li>Fiscal years are named by the calendar year they end in: with a fiscal year starting in February, FY2025
 *   runs from 1 February 2024 to 31 January 2025. Quarters are counted from its start: {@code FY2025-Q3}.</li>
 *   <li>Days {@code 2026-03-05} and custom ranges with both ends included, {@code 2026-01-15..2026-02-14}.</li>
 * </ul>
 */
public record FiscalCalendar(ZoneId zone, int fiscalYearStartMonth, DayOfWeek weekStart) {

    private static final Pattern DAY = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");
    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("FY(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("FY(\\d{4})");
    private static final Pattern RANGE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");
    private static final int LONGEST_RANGE_DAYS = 3660;

    public FiscalCalendar {
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new IllegalArgumentException("fiscal year start month must be 1..12: " + fiscalYearStartMonth);
        }
    }

    /** From a company's settings: {@code weekStartDay} is ISO, 1 = Monday ... 7 = Sunday. */
    public static FiscalCalendar of(String timeZone, int fiscalYearStartMonth, int weekStartDay) {
        return new FiscalCalendar(ZoneId.of(timeZone), fiscalYearStartMonth, DayOfWeek.of(weekStartDay));
    }

    /** The period of {@code grain} that contains {@code day}. */
    public Period period(Grain grain, LocalDate day) {
        switch (grain) {
            case DAY:
                return new Period(Grain.DAY, day, day.plusDays(1), day.toString());
            case WEEK: {
                LocalDate start = day.with(TemporalAdjusters.previousOrSame(weekStart));
                WeekFields weeks = weeks();
                // The Thursday-like middle of the week decides its year, as in ISO; WeekFields applies the same rule.
                return new Period(Grain.WEEK, start, start.plusWeeks(1),
                        String.format("%d-W%02d", start.get(weeks.weekBasedYear()), start.get(weeks.weekOfWeekBasedYear())));
            }
            case MONTH: {
                YearMonth month = YearMonth.from(day);
                return new Period(Grain.MONTH, month.atDay(1), month.plusMonths(1).atDay(1), month.toString());
            }
            case QUARTER: {
                LocalDate yearStart = fiscalYearStart(day);
                int quarter = (int) (monthsBetween(yearStart, day) / 3);
                LocalDate start = yearStart.plusMonths(3L * quarter);
                return new Period(Grain.QUARTER, start, start.plusMonths(3), "FY" + fiscalYearName(yearStart) + "-Q" + (quarter + 1));
            }
            case YEAR: {
                LocalDate start = fiscalYearStart(day);
                return new Period(Grain.YEAR, start, start.plusYears(1), "FY" + fiscalYearName(start));
            }
            default:
                throw new IllegalArgumentException("a custom period is not found by a day: name its first and last day");
        }
    }

    /** The period a label names, or a clear error naming the forms it may take. */
    public Period parse(String label) {
        String text = label == null ? "" : label.strip();
        try {
            Matcher m;
            if ((m = RANGE.matcher(text)).matches()) {
                return range(LocalDate.parse(m.group(1)), LocalDate.parse(m.group(2)), text);
            }
            if ((m = DAY.matcher(text)).matches()) {
                return period(Grain.DAY, LocalDate.parse(text));
            }
            if ((m = WEEK.matcher(text)).matches()) {
                return week(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), text);
            }
            if ((m = MONTH.matcher(text)).matches()) {
                return period(Grain.MONTH, YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))).atDay(1));
            }
            if ((m = QUARTER.matcher(text)).matches()) {
                LocalDate yearStart = fiscalYearStartOf(Integer.parseInt(m.group(1)));
                return period(Grain.QUARTER, yearStart.plusMonths(3L * (Integer.parseInt(m.group(2)) - 1)));
            }
            if ((m = YEAR.matcher(text)).matches()) {
                return period(Grain.YEAR, fiscalYearStartOf(Integer.parseInt(m.group(1))));
            }
        } catch (DateTimeException e) {
            throw new InvalidInputException("period", "'" + text + "' is not a date in the calendar: " + e.getMessage());
        }
        throw new InvalidInputException("period", "'" + text + "' is not a period; write a week 2026-W07, a month 2026-03, a fiscal quarter "
                + "FY2026-Q3, a fiscal year FY2026, a day 2026-03-05 or a range 2026-01-15..2026-02-14");
    }

    /** The period just before: the previous week, month, quarter or year; for a range, as many days just before it. */
    public Period previous(Period period) {
        if (period.grain() == Grain.CUSTOM) {
            return Period.of(period.start().minusDays(period.days()), period.start().minusDays(1));
        }
        return period(period.grain(), period.start().minusDays(1));
    }

    /**
     * The same period a year earlier: the same week number (the last week, when that year has no week 53), month,
     * fiscal quarter or fiscal year; for a day or a range, the same dates a year earlier.
     */
    public Period yearAgo(Period period) {
        switch (period.grain()) {
            case CUSTOM:
                return Period.of(period.start().minusYears(1), period.end().minusDays(1).minusYears(1));
            case WEEK: {
                int year = period.start().get(weeks().weekBasedYear()) - 1;
                int number = period.start().get(weeks().weekOfWeekBasedYear());
                return week(year, Math.min(number, weeksIn(year)), null);
            }
            default:
                return period(period.grain(), period.start().minusYears(1));
        }
    }

    /** The {@code count} periods of {@code last}'s grain ending with {@code last}, oldest first. */
    public List<Period> series(Period last, int count) {
        List<Period> periods = new ArrayList<>(count);
        Period period = last;
        for (int i = 0; i < count; i++) {
            periods.add(period);
            period = previous(period);
        }
        Collections.reverse(periods);
        return periods;
    }

    /** The first instant of {@code day} in the company's zone (not always midnight: some zones skip it at DST). */
    public Instant startOf(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The company's day at {@code instant}. */
    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private WeekFields weeks() {
        return WeekFields.of(weekStart, 4);
    }

    private Period week(int year, int number, String label) {
        LocalDate firstWeek = LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(weekStart));
        if (number < 1 || number > weeksIn(year)) {
            throw new InvalidInputException("period", "'" + label + "': " + year + " has weeks 1 to " + weeksIn(year));
        }
        return period(Grain.WEEK, firstWeek.plusWeeks(number - 1L));
    }

    private int weeksIn(int year) {
        LocalDate first = LocalDate.of(year, 1, 4).with(TemporalAdjusters.previousOrSame(weekStart));
        LocalDate next = LocalDate.of(year + 1, 1, 4).with(TemporalAdjusters.previousOrSame(weekStart));
        return (int) ((next.toEpochDay() - first.toEpochDay()) / 7);
    }

    private Period range(LocalDate first, LocalDate last, String label) {
        if (last.isBefore(first)) {
            throw new InvalidInputException("period", "'" + label + "' ends before it starts");
        }
        if (last.toEpochDay() - first.toEpochDay() >= LONGEST_RANGE_DAYS) {
            throw new InvalidInputException("period", "'" + label + "' is longer than " + LONGEST_RANGE_DAYS + " days");
        }
        return Period.of(first, last);
    }

    private LocalDate fiscalYearStart(LocalDate day) {
        int year = day.getMonthValue() >= fiscalYearStartMonth ? day.getYear() : day.getYear() - 1;
        return LocalDate.of(year, fiscalYearStartMonth, 1);
    }

    /** The start of the fiscal year named {@code name} (the calendar year it ends in). */
    private LocalDate fiscalYearStartOf(int name) {
        return LocalDate.of(fiscalYearStartMonth == 1 ? name : name - 1, fiscalYearStartMonth, 1);
    }

    private int fiscalYearName(LocalDate fiscalYearStart) {
        return fiscalYearStart.plusYears(1).minusDays(1).getYear();
    }

    private static long monthsBetween(LocalDate start, LocalDate day) {
        return (day.getYear() - start.getYear()) * 12L + day.getMonthValue() - start.getMonthValue();
    }
}

package dev.northstar.ingest.demo;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How busy a day is, relative to an ordinary working day: weekends nearly empty, a summer dip (July most, the
 * European holiday month), December quiet from the 20th, the first days of January slow, a push in the last two
 * weeks of each quarter, and a company that grows a little over the year.
 */
final class Seasonality {

    private final LocalDate first;
    private final long length;
    /** Cumulative weights of the days before today, to draw the days opportunities are created on. */
    private final double[] cumulativeBeforeToday;

    Seasonality(LocalDate first, LocalDate today) {
        this.first = first;
        this.length = Math.max(1, ChronoUnit.DAYS.between(first, today));
        this.cumulativeBeforeToday = new double[(int) ChronoUnit.DAYS.between(first, today)];
        double sum = 0;
        for (int i = 0; i < cumulativeBeforeToday.length; i++) {
            sum += weight(first.plusDays(i));
            cumulativeBeforeToday[i] = sum;
        }
    }

    /** 1.0 is an ordinary working day; a Sunday is about 0.02. */
    double weight(LocalDate day) {
        return weekday(day) * season(day) * (holiday(day) ? 0.03 : 1.0) * trend(day);
    }

    /** Sales calls and meetings pick up in the last two weeks of a quarter (wins are pulled in by {@link RepYear}). */
    double quarterEndPush(LocalDate day) {
        return endOfQuarter(day) ? 1.25 : 1.0;
    }

    private static boolean endOfQuarter(LocalDate day) {
        return day.getMonthValue() % 3 == 0 && day.getDayOfMonth() > day.lengthOfMonth() - 14;
    }

    boolean workingDay(LocalDate day) {
        return day.getDayOfWeek().getValue() <= 5 && !holiday(day);
    }

    LocalDate nextWorkingDay(LocalDate day) {
        LocalDate next = day;
        while (!workingDay(next)) next = next.plusDays(1);
        return next;
    }

    LocalDate previousWorkingDay(LocalDate day) {
        LocalDate previous = day;
        while (!workingDay(previous)) previous = previous.minusDays(1);
        return previous;
    }

    /** A time on that day: office hours on working days, late morning to afternoon otherwise. */
    LocalTime timeOfDay(LocalDate day, SplittableRandom random) {
        int minutes = workingDay(day) ? 8 * 60 + random.nextInt(10 * 60) : 10 * 60 + random.nextInt(6 * 60);
        return LocalTime.of(minutes / 60, minutes % 60, random.nextInt(60));
    }

    /** A day before today, drawn as often as it is busy. */
    LocalDate drawDayBeforeToday(SplittableRandom random) {
        if (cumulativeBeforeToday.length == 0) {
            return first;
        }
        double target = random.nextDouble() * cumulativeBeforeToday[cumulativeBeforeToday.length - 1];
        int index = Arrays.binarySearch(cumulativeBeforeToday, target);
        return first.plusDays(index >= 0 ? index : Math.min(-index - 1, cumulativeBeforeToday.length - 1));
    }

    private static double weekday(LocalDate day) {
        return switch (day.getDayOfWeek()) {
            case MONDAY, THURSDAY -> 1.0;
            case TUESDAY, WEDNESDAY -> 1.05;
            case FRIDAY -> 0.85;
            case SATURDAY -> 0.04;
            case SUNDAY -> 0.02;
        };
    }

    private static double season(LocalDate day) {
        int date = day.getDayOfMonth();
        return switch (day.getMonth()) {
            case JANUARY -> date <= 6 ? 0.6 : 0.95;
            case JUNE -> date > 20 ? 0.8 : 0.95;
            case JULY -> 0.5;
            case AUGUST -> date <= 15 ? 0.7 : 0.9;
            case DECEMBER -> date >= 20 ? 0.2 : 0.9;
            case MARCH, SEPTEMBER, OCTOBER, NOVEMBER -> 1.05;
            default -> 1.0;
        };
    }

    /** New Year, Labour Day, Christmas and New Year's Eve: the fixed-date holidays most of Europe shares. */
    private static boolean holiday(LocalDate day) {
        Month month = day.getMonth();
        int date = day.getDayOfMonth();
        return month == Month.JANUARY && date == 1 || month == Month.MAY && date == 1
                || month == Month.DECEMBER && (date >= 24 && date <= 26 || date == 31);
    }

    /** From 0.92 at the start to 1.08 today: the company grew. */
    private double trend(LocalDate day) {
        return 0.92 + 0.16 * ChronoUnit.DAYS.between(first, day) / length;
    }
}

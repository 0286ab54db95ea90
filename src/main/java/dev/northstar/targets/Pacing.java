package dev.northstar.targets;

import dev.northstar.shared.Period;
import dev.northstar.targets.MetricKeys.MetricTraits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Pacing and status, as pure arithmetic: no clock, no database. "Today" is passed in and counts as gone by, so the
 * numbers are those for the end of today (on the first day of a month, one day's share is expected already).
 */
public final class Pacing {

    /** Decimals of expected, projected and shares: enough that rounding never flips a status in practice. */
    private static final int SCALE = 4;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Pacing() {
    }

    /**
     * @param value      the metric's value so far, or null for no data (which is not zero)
     * @param target     the period's target, or null for none
     * @param today      the company's today
     */
    public static Pace pace(BigDecimal value, BigDecimal target, Period period, LocalDate today, MetricTraits metric,
                            Thresholds thresholds) {
        Elapsed elapsed = elapsed(period, today, thresholds.pacing());
        BigDecimal expected = target == null ? null : metric.additive() ? elapsed.partOf(target) : target;
        BigDecimal projected = value != null && metric.additive() && elapsed.days > 0 ? elapsed.extrapolate(value) : null;
        BigDecimal gap = value == null || target == null ? null
                : metric.higherIsBetter() ? target.subtract(value) : value.subtract(target);
        BigDecimal percentOfPace = value == null || expected == null || expected.signum() == 0 ? null
                : value.multiply(HUNDRED).divide(expected, 2, RoundingMode.HALF_UP);
        return new Pace(elapsed.share(), expected, projected, gap, percentOfPace, status(value, expected, metric, thresholds));
    }

    /** The share of the period gone by at the end of {@code today}: 0 before it starts, 1 once it is over. */
    public static BigDecimal elapsedShare(Period period, LocalDate today, PacingMode mode) {
        return elapsed(period, today, mode).share();
    }

    static Status status(BigDecimal value, BigDecimal expected, MetricTraits metric, Thresholds thresholds) {
        if (expected == null) {
            return Status.NONE;
        }
        if (value == null) {
            return Status.NO_DATA;
        }
        BigDecimal amberShare = thresholds.amberPercent().divide(HUNDRED);
        if (metric.higherIsBetter()) {
            return value.compareTo(expected) >= 0 ? Status.GREEN
                    : value.compareTo(expected.multiply(amberShare)) >= 0 ? Status.AMBER : Status.RED;
        }
        // Lower is better: the amber band mirrors the higher-is-better one above pace (90% gives up to 110%).
        BigDecimal amberLimit = expected.multiply(BigDecimal.ONE.add(BigDecimal.ONE.subtract(amberShare)));
        return value.compareTo(expected) <= 0 ? Status.GREEN
                : value.compareTo(amberLimit) <= 0 ? Status.AMBER : Status.RED;
    }

    private static Elapsed elapsed(Period period, LocalDate today, PacingMode mode) {
        LocalDate endOfToday = today.plusDays(1);
        LocalDate until = endOfToday.isBefore(period.start()) ? period.start()
                : endOfToday.isAfter(period.end()) ? period.end() : endOfToday;
        if (mode == PacingMode.WORKING_DAYS) {
            long working = workingDays(period.start(), period.end());
            // A period of weekend days only has no working days to spread the target over: count calendar days instead.
            if (working > 0) {
                return new Elapsed(workingDays(period.start(), until), working);
            }
        }
        return new Elapsed(until.toEpochDay() - period.start().toEpochDay(), period.days());
    }

    /** Mondays to Fridays in [from, until). */
    static long workingDays(LocalDate from, LocalDate until) {
        long days = until.toEpochDay() - from.toEpochDay();
        long count = days / 7 * 5; // every full week has five
        for (LocalDate day = from.plusDays(days / 7 * 7); day.isBefore(until); day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                count++;
            }
        }
        return count;
    }

    /** {@code days} of the period's {@code of} counted days are gone by; kept as counts so that shares are exact. */
    private record Elapsed(long days, long of) {

        BigDecimal share() {
            return BigDecimal.valueOf(days).divide(BigDecimal.valueOf(of), SCALE, RoundingMode.HALF_UP);
        }

        BigDecimal partOf(BigDecimal whole) {
            return whole.multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(of), SCALE, RoundingMode.HALF_UP);
        }

        BigDecimal extrapolate(BigDecimal part) {
            return part.multiply(BigDecimal.valueOf(of)).divide(BigDecimal.valueOf(days), SCALE, RoundingMode.HALF_UP);
        }
    }
}

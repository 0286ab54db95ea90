package dev.northstar.accounts;

import dev.northstar.targets.Status;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A metric of one account on a day: its value, the value it is compared with (a month earlier, or the update before
 * the last), the target that applies (the account's own when set), its status, and for entered metrics the day of
 * the value shown.
 */
public record MetricReading(AccountMetric metric, BigDecimal value, BigDecimal previous, BigDecimal target, boolean ownTarget,
                            Status status, LocalDate valueDay) {

    public static MetricReading of(AccountMetric metric, BigDecimal value, BigDecimal previous, BigDecimal ownTarget, LocalDate valueDay) {
        BigDecimal target = ownTarget != null ? ownTarget : metric.target();
        return new MetricReading(metric, value, previous, target, ownTarget != null, metric.status(value, target), valueDay);
    }

    /** Gain (positive) or loss against the value compared with; null when either is missing. */
    public BigDecimal change() {
        return value == null || previous == null ? null : value.subtract(previous);
    }

    /** Whether the change is for the better, by the metric's direction; null when there is no change to judge. */
    public Boolean better() {
        BigDecimal change = change();
        if (change == null || change.signum() == 0) {
            return null;
        }
        return (change.signum() > 0) == metric.higherIsBetter();
    }

    public String colour() {
        return metric.colour(status);
    }
}

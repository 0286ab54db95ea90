package dev.northstar.analytics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * A metric's value for one scope and period: a number, or no data (which is not zero: an empty period has no win
 * rate). A ratio (and an average, which is a sum over a count) keeps its {@code numerator} and {@code denominator},
 * even when it has no value, so that a caller combining scopes or periods sums the parts and divides once instead of
 * averaging ratios.
 *
 * @param value       the number, or null for no data
 * @param numerator   for a ratio: the numerator's value (null when that has no data); null for other metrics
 * @param denominator for a ratio: the denominator's value (null when that has no data); null for other metrics
 */
public record MetricValue(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {

    /**
     * Every division of the evaluator (ratios, averages, derived formulas) rounds to 16 significant digits, so that
     * any other path that divides the same parts (the rollups) gets exactly the same number.
     */
    public static final MathContext PRECISION = MathContext.DECIMAL64;

    private static final MetricValue NO_DATA = new MetricValue(null, null, null);

    public static MetricValue of(BigDecimal value) {
        return value == null ? NO_DATA : new MetricValue(value, null, null);
    }

    public static MetricValue noData() {
        return NO_DATA;
    }

    /** {@code numerator / denominator}; no data when either part has none or the denominator is zero. */
    public static MetricValue ratio(BigDecimal numerator, BigDecimal denominator) {
        BigDecimal value = numerator == null || denominator == null || denominator.signum() == 0
                ? null : numerator.divide(denominator, PRECISION);
        return new MetricValue(value, numerator, denominator);
    }

    public boolean hasData() {
        return value != null;
    }

    public Optional<BigDecimal> asOptional() {
        return Optional.ofNullable(value);
    }

    /** True for ratios and averages: values that carry their parts. */
    public boolean hasParts() {
        return numerator != null || denominator != null;
    }

    @Override
    public String toString() {
        String shown = value == null ? "no data" : value.toPlainString();
        return hasParts() ? shown + " (" + numerator + " / " + denominator + ")" : shown;
    }
}

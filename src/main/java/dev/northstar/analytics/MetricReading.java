package dev.northstar.analytics;

import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;
import dev.northstar.targets.ApplicableTarget;
import dev.northstar.targets.Pace;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A metric's value for one scope and period as pages and the API show it: the number (or no data), the target that
 * applies and where the value stands against it, and the comparisons asked for.
 *
 * @param target      the applicable target; null when none applies
 * @param pace        expected by today, projected end, gap, status; always present (status NONE without target)
 * @param comparisons by name ({@code previous}, {@code yearAgo})
 */
public record MetricReading(String metric, String name, MetricDefinition.Unit unit, int decimals, MetricDefinition.Direction direction,
                            String scope, Period period, BigDecimal value, boolean noData, BigDecimal numerator, BigDecimal denominator,
                            ApplicableTarget target, Pace pace, Map<String, Comparison> comparisons) {

    /**
     * The same metric and scope in another period: its value and the change to this one ({@code change} = this minus
     * that; {@code changeShare} = change / |that|, null when that is zero or either has no data). While this period
     * is still running, the other is cut to as many days as have gone by of this one (its label is then a range).
     */
    public record Comparison(Period period, BigDecimal value, boolean noData, BigDecimal change, BigDecimal changeShare) {

        static Comparison of(Period period, MetricValue then, MetricValue now) {
            if (!then.hasData() || !now.hasData()) {
                return new Comparison(period, then.value(), !then.hasData(), null, null);
            }
            BigDecimal change = now.value().subtract(then.value());
            BigDecimal share = then.value().signum() == 0 ? null : change.divide(then.value().abs(), MetricValue.PRECISION);
            return new Comparison(period, then.value(), false, change, share);
        }
    }
}

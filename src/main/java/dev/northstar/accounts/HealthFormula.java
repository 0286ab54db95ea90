package dev.northstar.accounts;

import dev.northstar.targets.Status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * How an account's health score is made: each weighted metric with a status gives its status's points (0 to 100),
 * and the score is their average weighted by the metrics' weights. A metric without a target or a value does not
 * count, so a score is never dragged down by what nobody measured. From {@code healthyFrom} an account is healthy,
 * from {@code watchFrom} to be watched, below at risk.
 */
public record HealthFormula(BigDecimal greenPoints, BigDecimal amberPoints, BigDecimal redPoints, BigDecimal healthyFrom,
                            BigDecimal watchFrom) {

    public static final HealthFormula DEFAULT = new HealthFormula(BigDecimal.valueOf(100), BigDecimal.valueOf(50), BigDecimal.ZERO,
            BigDecimal.valueOf(70), BigDecimal.valueOf(40));

    public BigDecimal points(Status status) {
        return switch (status) {
            case GREEN -> greenPoints;
            case AMBER -> amberPoints;
            case RED -> redPoints;
            default -> null;
        };
    }

    public Health score(List<MetricReading> readings) {
        List<Health.Part> parts = new ArrayList<>();
        long weights = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (MetricReading reading : readings) {
            int weight = reading.metric().healthWeight();
            BigDecimal points = points(reading.status());
            if (weight <= 0) {
                continue;
            }
            parts.add(new Health.Part(reading.metric().name(), reading.status(), weight, points));
            if (points != null) {
                weights += weight;
                sum = sum.add(points.multiply(BigDecimal.valueOf(weight)));
            }
        }
        BigDecimal score = weights == 0 ? null : sum.divide(BigDecimal.valueOf(weights), 0, RoundingMode.HALF_UP);
        return new Health(score, band(score), parts);
    }

    public Health.Band band(BigDecimal score) {
        if (score == null) {
            return Health.Band.UNKNOWN;
        }
        return score.compareTo(healthyFrom) >= 0 ? Health.Band.HEALTHY : score.compareTo(watchFrom) >= 0 ? Health.Band.WATCH : Health.Band.AT_RISK;
    }

    /** The formula in words, for the pages that show a score. */
    public String inWords() {
        return "Each weighted metric with a status gives " + plain(greenPoints) + " points when green, " + plain(amberPoints)
                + " when amber and " + plain(redPoints) + " when red; the score is their average weighted by each metric's weight. "
                + "Metrics without a target or a value do not count. From " + plain(healthyFrom) + " an account is healthy, from "
                + plain(watchFrom) + " to be watched, below that at risk.";
    }

    private static String plain(BigDecimal number) {
        return number.stripTrailingZeros().toPlainString();
    }
}

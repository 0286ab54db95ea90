package dev.northstar.alerts.internal;

import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Scope;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How alerts, digests and reviews write a metric's value and link to its page. */
public final class MetricWords {

    private MetricWords() {
    }

    /** The metric's page for the scope, as the dashboards serve it. */
    public static String metricPage(Scope scope, String metric) {
        String page;
        if (scope instanceof Scope.Department d) {
            page = "/departments/" + d.id();
        } else if (scope instanceof Scope.Team t) {
            page = "/teams/" + t.id();
        } else if (scope instanceof Scope.Person p) {
            page = "/people/" + p.id();
        } else {
            page = "/company";
        }
        return page + "/metrics/" + metric;
    }

    /** A reading's value in its unit, or "no data". */
    public static String valueOf(MetricReading reading, String currency) {
        return reading.noData() ? "no data" : value(reading.value(), reading.unit(), reading.decimals(), currency);
    }

    /** A reading's target in its unit, or null without one. */
    public static String targetOf(MetricReading reading, String currency) {
        return reading.target() == null || reading.target().value() == null ? null
                : value(reading.target().value(), reading.unit(), reading.decimals(), currency);
    }

    /** A value as its unit writes it: 37, 28.7 %, 1,250,000 EUR, 12.5 d. */
    public static String value(BigDecimal value, Unit unit, int decimals, String currency) {
        if (unit == Unit.PERCENT) {
            return value.movePointRight(2).setScale(Math.max(decimals, 0), RoundingMode.HALF_UP).toPlainString() + " %";
        }
        String number = String.format("%,." + Math.max(decimals, 0) + "f", value.setScale(Math.max(decimals, 0), RoundingMode.HALF_UP));
        return switch (unit) {
            case CURRENCY -> number + " " + currency;
            case DURATION -> number + " d";
            default -> number;
        };
    }
}

package dev.northstar.analytics;

import dev.northstar.catalog.Formula;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Direction;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Metric definitions built in code for the tests, and the catalog they are looked up in. */
final class Metrics {

    private final Map<String, MetricDefinition> byKey = new HashMap<>();

    MetricDefinition add(String key, Formula formula) {
        return add(key, formula, Direction.HIGHER_IS_BETTER);
    }

    MetricDefinition add(String key, Formula formula, Direction direction) {
        MetricDefinition metric = new MetricDefinition(key, key, null, MetricDefinition.Kind.PRIMARY, MetricDefinition.Timing.LAGGING,
                MetricDefinition.Category.PERFORMANCE, MetricDefinition.Area.CONVERSION, null, MetricDefinition.Unit.COUNT, 2,
                direction, null, MetricDefinition.Cadence.MONTHLY, null, null, MetricDefinition.Purpose.REPORTING, formula);
        byKey.put(key, metric);
        return metric;
    }

    /** Deals won and closed, win rate, closed-won revenue, average deal size and sales cycle, all by close date. */
    void addWonDealMetrics() {
        add("deals_won", count(Source.DEALS, TimeField.CLOSED, is("outcome", "won")));
        add("deals_closed", count(Source.DEALS, TimeField.CLOSED, is("outcome", "won", "lost")));
        add("win_rate", new Formula.Ratio("deals_won", "deals_closed"));
        add("closed_won_revenue", aggregate(Source.DEALS, Function.SUM, "amount", TimeField.CLOSED, is("outcome", "won")));
        add("average_deal_size", aggregate(Source.DEALS, Function.AVERAGE, "amount", TimeField.CLOSED, is("outcome", "won")));
        add("sales_cycle", aggregate(Source.DEALS, Function.AVERAGE, "cycleDays", TimeField.CLOSED, is("outcome", "won")));
    }

    MetricDefinition get(String key) {
        return byKey.get(key);
    }

    Optional<MetricDefinition> lookup(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    static Aggregate count(Source source, TimeField time, Filter... filters) {
        return new Aggregate(source, Function.COUNT, null, List.of(filters), time);
    }

    static Aggregate aggregate(Source source, Function function, String field, TimeField time, Filter... filters) {
        return new Aggregate(source, function, field, List.of(filters), time);
    }

    static Filter is(String field, String... values) {
        return new Filter(field, Arrays.asList(values), false);
    }

    static Filter isNot(String field, String... values) {
        return new Filter(field, Arrays.asList(values), true);
    }
}

package dev.northstar.catalog;

import java.util.List;

/**
 * How a metric's value is computed: one of the definition types of a semantic layer (dbt MetricFlow, Cube).
 * Metrics refer to other metrics by key; {@link MetricCatalog} refuses unknown keys and cycles when saving.
 */
public sealed interface Formula permits Formula.Aggregate, Formula.Ratio, Formula.Derived, Formula.Cumulative,
        Formula.StageConversion, Formula.Retention, Formula.Manual, Formula.Attainment, Formula.Target {

    /** The records an aggregate counts. */
    enum Source { ACTIVITIES, DEALS, REVENUE }

    enum Function { COUNT, SUM, AVERAGE, MIN, MAX, COUNT_DISTINCT }

    /**
     * Which date puts a record in a period: an activity's occurred time (in the company's zone), a deal's created
     * or closed date, a revenue line's month; or, for deals, {@code OPEN_AT_END}: the deals open when the period
     * ends (created before its end and not closed by then), in the stage they were in at that moment.
     */
    enum TimeField { OCCURRED, CREATED, CLOSED, MONTH, OPEN_AT_END }

    /**
     * A filter on one field of the source's records: {@code field} in {@code values} (or, with {@code negate}, not
     * in them). Fields: activities {@code type, source, accountRef, dealRef}; deals {@code stage, outcome, currency,
     * source, segment, industry, hasAmount, hasExpectedClose} (segment and industry are the deal's account's; the
     * has-fields take "true" or "false"); revenue {@code source, accountRef, segment, industry}.
     */
    record Filter(String field, List<String> values, boolean negate) {
    }

    /**
     * Count, sum, average, min, max or distinct count of {@code field} over the records of {@code source} whose
     * {@code time} falls in the period and that pass every filter. Fields: activities {@code quantity}; deals
     * {@code amount}, {@code weightedAmount} (amount x the stage's win probability), {@code cycleDays} (closed minus
     * created); revenue {@code mrr}; for COUNT_DISTINCT any filter field, or {@code person}, {@code account}.
     * COUNT needs no field.
     */
    record Aggregate(Source source, Function function, String field, List<Filter> filters, TimeField time) implements Formula {
    }

    /** Sum of the numerator's parts divided by the sum of the denominator's: never an average of ratios. */
    record Ratio(String numerator, String denominator) implements Formula {
    }

    /** A formula over other metrics' keys: {@code + - * /}, parentheses, {@code MIN}, {@code MAX}, {@code IF}. */
    record Derived(String expression) implements Formula {
    }

    /**
     * The base metric over a longer window ending with the period: {@code PERIOD_TO_DATE} from the start of the
     * enclosing {@code toDateOf} grain (e.g. year-to-date), or {@code ROLLING} over the trailing {@code days}.
     */
    record Cumulative(String base, Window window, dev.northstar.shared.Period.Grain toDateOf, Integer days) implements Formula {
        public enum Window { PERIOD_TO_DATE, ROLLING }
    }

    /**
     * Of the deals that entered stage {@code from} within the period, the share that reached stage {@code to}
     * (within {@code withinDays} of entering {@code from}, when set), from the deals' stage history.
     */
    record StageConversion(String from, String to, Integer withinDays) implements Formula {
    }

    /**
     * Measures of recurring revenue, from revenue lines (see docs/metrics.md for the exact definitions): the
     * period's closing MRR, ARR, net new MRR, logo and revenue churn, net and gross revenue retention.
     */
    record Retention(Measure measure) implements Formula {
        public enum Measure { MRR, ARR, NET_NEW_MRR, LOGO_CHURN, REVENUE_CHURN, NRR, GRR }
    }

    /** A value typed or imported per period and scope (e.g. marketing spend). */
    record Manual() implements Formula {
    }

    /**
     * The value of {@code metric} divided by its target for the same scope and period (the target that applies, as
     * docs/targets.md says: set, summed from smaller periods or prorated from a larger one). No data without a target,
     * with a target of 0, or when the metric has no data; the value and the target are kept as the ratio's parts.
     */
    record Attainment(String metric) implements Formula {
    }

    /** The target of {@code metric} that applies to the scope and period, as a value; no data when there is none. */
    record Target(String metric) implements Formula {
    }
}

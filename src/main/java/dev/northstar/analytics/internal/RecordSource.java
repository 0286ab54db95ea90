package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;

import java.util.List;
import java.util.Map;

/**
 * The records an aggregate reads, as SQL: the table with the joins its fields need, which date puts a record in a
 * period, whom a record belongs to, and the expressions of its fields. Field names are those of
 * {@link dev.northstar.catalog.Formula.Aggregate}.
 */
abstract class RecordSource {

    static RecordSource of(Source source) {
        if (source == Source.ACTIVITIES) {
            return new ActivitySource();
        }
        if (source == Source.DEALS) {
            return new DealSource();
        }
        if (source == Source.REVENUE) {
            return new RevenueSource();
        }
        throw new MetricEvaluationException("an aggregate needs a source: ACTIVITIES, DEALS or REVENUE");
    }

    /** The time fields this source has; the first is used when a definition names none. */
    abstract List<TimeField> times();

    /** The table (aliased) with the joins the fields need. */
    abstract String from(TimeField time, Frame frame, Sql sql);

    /** The table alias, whose company_id the query filters on. */
    abstract String alias();

    /** The condition that puts a record in the frame's period by {@code time}. */
    abstract String inPeriod(TimeField time, Frame frame, Sql sql);

    /** The person the record belongs to (null for records of nobody: those count for the company only). */
    abstract String person();

    /** The record's day, which decides the team its person was in. */
    abstract String day(TimeField time, Frame frame, Sql sql);

    /** Numeric fields: what SUM, AVERAGE, MIN and MAX take. */
    abstract Map<String, String> measures(TimeField time);

    /** Fields that filters compare and COUNT_DISTINCT counts. */
    abstract Map<String, String> attributes(TimeField time);

    /** The measures that are amounts of money, counted only in the company's currency. */
    abstract List<String> amounts();

    /**
     * What a person reads of one record when drilling down from a number: headed columns, the record's person's name
     * among them as {@code pn.display_name} (the listing joins the person as {@code pn}).
     */
    abstract List<Column> columns(TimeField time, Frame frame, Sql sql);

    /** The order records are listed in: newest first by the date that put them in the period. */
    abstract String newestFirst(TimeField time);

    /** A column of a record listing: its heading and its SQL expression. */
    record Column(String heading, String expression) {
    }

    /** Counting an account (or deal) means counting its source and external id together: ids are per source. */
    static String distinctRef(String alias, String refColumn) {
        return "case when " + alias + "." + refColumn + " is not null then jsonb_build_array(" + alias + ".source, " + alias + "." + refColumn + ") end";
    }

    final TimeField time(TimeField asked) {
        if (asked == null) {
            return times().get(0);
        }
        if (!times().contains(asked)) {
            throw new MetricEvaluationException(name() + " have no time field " + asked + "; they have " + times());
        }
        return asked;
    }

    final String measure(String field, TimeField time) {
        return known(measures(time), field, "numeric field");
    }

    final String attribute(String field, TimeField time) {
        return known(attributes(time), field, "field");
    }

    /** What COUNT_DISTINCT counts: any attribute, the person, or the account. */
    String distinct(String field, TimeField time) {
        if ("person".equals(field)) {
            return person();
        }
        return attribute(field, time);
    }

    final String name() {
        return getClass().getSimpleName().replace("Source", "").toLowerCase(java.util.Locale.ROOT) + " records";
    }

    private String known(Map<String, String> fields, String field, String what) {
        String expression = field == null ? null : fields.get(field);
        if (expression == null) {
            throw new MetricEvaluationException(name() + " have no " + what + " '" + field + "'; they have " + new java.util.TreeSet<>(fields.keySet()));
        }
        return expression;
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.List;

/**
 * An aggregate over the raw records, in one query. COUNT and SUM of nothing are 0; AVERAGE, MIN and MAX of nothing
 * are no data. An AVERAGE is returned as its parts, the sum over the count, so that averages combine exactly.
 */
final class AggregateQuery implements AggregateValues {

    private final JdbcClient jdbc;

    AggregateQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MetricValue value(dev.northstar.catalog.MetricDefinition metric, Aggregate aggregate, Frame frame, Scope scope) {
        return value(aggregate, frame, scope);
    }

    MetricValue value(Aggregate aggregate, Frame frame, Scope scope) {
        RecordSource source = RecordSource.of(aggregate.source());
        TimeField time = source.time(aggregate.time());
        Sql sql = new Sql();
        String select = select(aggregate, source, time);
        sql.append("select ").append(select)
                .append(" from ").append(source.from(time, frame, sql))
                .append(" where ").append(source.alias()).append(".company_id = ").append(sql.bind(frame.companyId()))
                .append(" and ").append(source.inPeriod(time, frame, sql))
                .append(" and ").append(ScopeCondition.of(scope, source.person(), source.day(time, frame, sql), frame.companyId(), sql));
        sql.append(recordConditions(aggregate, source, time, frame.company(), sql));
        return sql.on(jdbc).query((rs, n) -> aggregate.function() == Function.AVERAGE
                ? MetricValue.ratio(rs.getBigDecimal(1), rs.getBigDecimal(2))
                : MetricValue.of(rs.getBigDecimal(1))).single();
    }

    /** The aggregate's filters, and its currency rule, as conditions each starting with " and ". */
    static String recordConditions(Aggregate aggregate, RecordSource source, TimeField time, CompanyFacts company, Sql sql) {
        StringBuilder conditions = new StringBuilder();
        for (Filter filter : aggregate.filters() == null ? List.<Filter>of() : aggregate.filters()) {
            conditions.append(" and ").append(filter(filter, source.attribute(filter.field(), time), sql));
        }
        if (aggregate.function() != Function.COUNT && aggregate.function() != Function.COUNT_DISTINCT
                && source.amounts().contains(aggregate.field())) {
            // No exchange rates yet: an amount in another currency cannot be added to the company's.
            conditions.append(" and ").append(source.alias()).append(".currency = ").append(sql.bind(company.currency()));
        }
        return conditions.toString();
    }

    private static String select(Aggregate aggregate, RecordSource source, TimeField time) {
        Function function = aggregate.function();
        if (function == null) {
            throw new MetricEvaluationException("an aggregate needs a function: COUNT, SUM, AVERAGE, MIN, MAX or COUNT_DISTINCT");
        }
        switch (function) {
            case COUNT:
                return "count(*)";
            case COUNT_DISTINCT:
                return "count(distinct " + source.distinct(aggregate.field(), time) + ")";
            case SUM:
                return "coalesce(sum(" + source.measure(aggregate.field(), time) + "), 0)";
            case AVERAGE: {
                String field = source.measure(aggregate.field(), time);
                // The count of records that have the field: with none, the ratio has no data.
                return "coalesce(sum(" + field + "), 0), count(" + field + ")";
            }
            case MIN:
                return "min(" + source.measure(aggregate.field(), time) + ")";
            case MAX:
                return "max(" + source.measure(aggregate.field(), time) + ")";
            default:
                throw new IllegalStateException("unknown function " + function);
        }
    }

    /**
     * {@code field in values}, or with {@code negate} not in them. A record without a value for the field never is
     * "one of" the values, and always is "not one of" them. Values compare as text ("true"/"false" for yes-no fields).
     */
    static String filter(Filter filter, String expression, Sql sql) {
        List<String> values = filter.values() == null ? List.of() : filter.values();
        if (values.isEmpty()) {
            return filter.negate() ? "true" : "false";
        }
        String in = "(" + expression + ")::text in (" + sql.bind(values) + ")";
        return filter.negate() ? "(" + expression + " is null or not " + in + ")" : in;
    }
}

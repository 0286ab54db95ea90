package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricRecords.Records;
import dev.northstar.analytics.internal.RecordSource.Column;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The records behind an aggregate's value (the 37 calls, the 12 won deals): the same records {@link AggregateQuery}
 * counts, by the same source, time field, filters, currency rule and scope, so that a list always adds up to its number.
 */
@Component
public class RecordListing {

    private final JdbcClient jdbc;
    /** Reads a whole listing for an export through a cursor, a thousand rows at a time, instead of all at once. */
    private final JdbcClient streaming;

    RecordListing(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setFetchSize(1000);
        this.streaming = JdbcClient.create(template);
    }

    /**
     * The first {@code limit} records counted for the scope and period, and their number up to {@code countUpTo} (a
     * company's year can hold millions, which a page need not count to say there are more than it shows).
     */
    public Records first(long companyId, Aggregate aggregate, Scope scope, Period period, int limit, int countUpTo) {
        Listing listing = listing(companyId, aggregate, scope, period, true);
        listing.sql.append(" limit ").append(listing.sql.bind(limit));
        List<List<Object>> rows = listing.sql.on(jdbc).query((rs, n) -> row(rs, listing.columns.size())).list();
        long total = rows.size();
        if (total == limit) {
            Listing counted = listing(companyId, aggregate, scope, period, false);
            total = new Sql().append("select count(*) from (").append(counted.sql.text()).append(" limit ")
                    .append(String.valueOf(countUpTo + 1)).append(") listed").withParams(counted.sql).on(jdbc).query(Long.class).single();
        }
        return new Records(headings(listing.columns), rows, Math.min(total, countUpTo), total > countUpTo);
    }

    /** Every record counted for the scope and period, one row at a time, after the headings. */
    public void each(long companyId, Aggregate aggregate, Scope scope, Period period, Consumer<List<String>> headings,
                     Consumer<List<Object>> rows) {
        Listing listing = listing(companyId, aggregate, scope, period, true);
        headings.accept(headings(listing.columns));
        listing.sql.on(streaming).query(rs -> {
            rows.accept(row(rs, listing.columns.size()));
        });
    }

    /** The metrics a derived formula reads, by key. */
    public List<String> inputsOf(String derivedFormula) {
        return DerivedFormula.inputs(derivedFormula);
    }

    private record Listing(Sql sql, List<Column> columns) {
    }

    /** The records' query; {@code ordered} lists them newest first (a count needs no order). */
    private Listing listing(long companyId, Aggregate aggregate, Scope scope, Period period, boolean ordered) {
        CompanyFacts company = CompanyFacts.read(jdbc, companyId);
        Frame frame = new Frame(company, period);
        RecordSource source = RecordSource.of(aggregate.source());
        TimeField time = source.time(aggregate.time());
        Sql sql = new Sql();
        List<Column> columns = new ArrayList<>(source.columns(time, frame, sql));
        Column counted = counted(aggregate, source, time);
        if (counted != null && columns.stream().noneMatch(c -> c.expression().equals(counted.expression()))) {
            columns.add(0, counted);
        }
        sql.append("select ");
        columns.forEach(c -> sql.append(c.expression()).append(", "));
        sql.append("1 from ").append(source.from(time, frame, sql))
                .append(" left join person pn on pn.company_id = ").append(source.alias()).append(".company_id and pn.id = ").append(source.person())
                .append(" where ").append(source.alias()).append(".company_id = ").append(sql.bind(companyId))
                .append(" and ").append(source.inPeriod(time, frame, sql))
                .append(" and ").append(ScopeCondition.of(scope, source.person(), source.day(time, frame, sql), companyId, sql))
                .append(AggregateQuery.recordConditions(aggregate, source, time, company, sql))
                .append(counts(aggregate, source, time));
        if (ordered) {
            sql.append(" order by ").append(source.newestFirst(time));
        }
        return new Listing(sql, columns);
    }

    /**
     * Leaves out the records the value skips: those without the field a distinct count, an average, a minimum or a
     * maximum takes (a sum counts them as nothing, and lists them).
     */
    private static String counts(Aggregate aggregate, RecordSource source, TimeField time) {
        Function function = aggregate.function();
        if (function == Function.COUNT_DISTINCT) {
            return " and " + source.distinct(aggregate.field(), time) + " is not null";
        }
        if (function == Function.AVERAGE || function == Function.MIN || function == Function.MAX) {
            return " and " + source.measure(aggregate.field(), time) + " is not null";
        }
        return "";
    }

    /** The field a sum, average, minimum or maximum takes, as a column of its own when the source shows it under no other. */
    private static Column counted(Aggregate aggregate, RecordSource source, TimeField time) {
        Function function = aggregate.function();
        if (function == null || function == Function.COUNT || function == Function.COUNT_DISTINCT) {
            return null;
        }
        String words = aggregate.field().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return new Column(Character.toUpperCase(words.charAt(0)) + words.substring(1), source.measure(aggregate.field(), time));
    }

    private static List<String> headings(List<Column> columns) {
        return columns.stream().map(Column::heading).toList();
    }

    private static List<Object> row(ResultSet rs, int columns) throws SQLException {
        List<Object> row = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            Object value = rs.getObject(i);
            // 7 rather than 7.0000 (quantities keep four decimals), and 100 rather than 1E+2.
            row.add(value instanceof BigDecimal number ? new BigDecimal(number.stripTrailingZeros().toPlainString()) : value);
        }
        return row;
    }
}

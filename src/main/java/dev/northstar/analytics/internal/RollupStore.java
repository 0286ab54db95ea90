package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.Optional;

/** Reads the rollups: a metric's value from its (person, day) rows, and whether those rows can be trusted. */
final class RollupStore {

    private final JdbcClient jdbc;

    RollupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The fingerprint the metric's rollups were built from, if they were. */
    Optional<String> builtFrom(long companyId, String metricKey) {
        return jdbc.sql("select fingerprint from rollup_metric where company_id = ? and metric_key = ?")
                .params(companyId, metricKey).query(String.class).optional();
    }

    /** Whether any cell of the period still waits to be recomputed. */
    boolean pending(Frame frame) {
        return jdbc.sql("select exists (select from rollup_dirty where company_id = ? and day < ? and (onwards or day >= ?))")
                .params(frame.companyId(), frame.period().end(), frame.period().start()).query(Boolean.class).single();
    }

    /** The value from the parts of the scope's cells in the period, as {@link AggregateQuery} computes it from the records. */
    MetricValue value(String metricKey, Function function, Frame frame, Scope scope) {
        Sql sql = new Sql();
        sql.append("select coalesce(sum(r.records), 0), coalesce(sum(r.total), 0), min(r.minimum), max(r.maximum) from rollup_day r")
                .append(" where r.company_id = ").append(sql.bind(frame.companyId()))
                .append(" and r.metric_key = ").append(sql.bind(metricKey))
                .append(" and r.day >= ").append(sql.bind(frame.period().start()))
                .append(" and r.day < ").append(sql.bind(frame.period().end()))
                .append(" and ").append(scope(scope, frame.companyId(), sql));
        return sql.on(jdbc).query((rs, n) -> {
            BigDecimal records = rs.getBigDecimal(1);
            BigDecimal total = rs.getBigDecimal(2);
            switch (function) {
                case COUNT:
                    return MetricValue.of(records);
                case SUM:
                    return MetricValue.of(total);
                case AVERAGE:
                    return MetricValue.ratio(total, records);
                case MIN:
                    return MetricValue.of(rs.getBigDecimal(3));
                case MAX:
                    return MetricValue.of(rs.getBigDecimal(4));
                default:
                    throw new IllegalStateException(function + " is not rolled up");
            }
        }).single();
    }

    /** A row counts for the team its person was in on its day (stamped), and for that team's department today. */
    private static String scope(Scope scope, long companyId, Sql sql) {
        if (scope instanceof Scope.Company) {
            return "true";
        }
        if (scope instanceof Scope.Person) {
            return "r.person_id = " + sql.bind(((Scope.Person) scope).id());
        }
        if (scope instanceof Scope.Team) {
            return "r.team_id = " + sql.bind(((Scope.Team) scope).id());
        }
        if (scope instanceof Scope.Department) {
            return "r.team_id in (select t.id from team t where t.company_id = " + sql.bind(companyId)
                    + " and t.department_id = " + sql.bind(((Scope.Department) scope).id()) + ")";
        }
        throw new IllegalArgumentException("unknown scope " + scope);
    }
}

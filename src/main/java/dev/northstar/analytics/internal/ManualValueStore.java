package dev.northstar.analytics.internal;

import dev.northstar.analytics.ManualValue;
import dev.northstar.analytics.MetricValue;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** The manual_value table: appended rows, the latest per metric, scope and period being the value. */
@Component
public class ManualValueStore {

    private final JdbcClient jdbc;

    ManualValueStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void append(long companyId, ManualValue value) {
        jdbc.sql("""
                        insert into manual_value (company_id, metric_key, scope, period_start, period_end, value, recorded_by, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(companyId, value.metricKey(), value.scope().key(), value.periodStart(), value.periodEnd(), value.value(),
                        value.recordedBy(), OffsetDateTime.ofInstant(value.recordedAt(), ZoneOffset.UTC))
                .update();
    }

    /** Every value recorded for exactly this period, newest first. */
    public List<ManualValue> history(long companyId, String metricKey, Scope scope, Period period) {
        return jdbc.sql("""
                        select metric_key, scope, period_start, period_end, value, recorded_by, recorded_at from manual_value
                        where company_id = ? and metric_key = ? and scope = ? and period_start = ? and period_end = ?
                        order by recorded_at desc, id desc""")
                .params(companyId, metricKey, scope.key(), period.start(), period.end())
                .query(ManualValueStore::row).list();
    }

    /**
     * The value for a period: the latest value of each period recorded inside it, summed, leaving out the periods
     * that lie inside another one recorded inside it (a month's value already holds its weeks'). So a period recorded
     * as such is its own value, and a quarter asked for is the sum of its three recorded months. Nothing recorded
     * inside it: no data.
     */
    public MetricValue value(long companyId, String metricKey, Scope scope, Period period) {
        List<ManualValue> latest = jdbc.sql("""
                        select distinct on (period_start, period_end) metric_key, scope, period_start, period_end, value, recorded_by, recorded_at
                        from manual_value
                        where company_id = ? and metric_key = ? and scope = ? and period_start >= ? and period_end <= ?
                        order by period_start, period_end, recorded_at desc, id desc""")
                .params(companyId, metricKey, scope.key(), period.start(), period.end())
                .query(ManualValueStore::row).list();
        BigDecimal sum = null;
        for (ManualValue value : latest) {
            if (latest.stream().noneMatch(other -> contains(other, value))) {
                sum = sum == null ? value.value() : sum.add(value.value());
            }
        }
        return MetricValue.of(sum);
    }

    /** True if {@code outer} covers every day of {@code inner} and more. */
    private static boolean contains(ManualValue outer, ManualValue inner) {
        boolean covers = !outer.periodStart().isAfter(inner.periodStart()) && !outer.periodEnd().isBefore(inner.periodEnd());
        boolean same = outer.periodStart().equals(inner.periodStart()) && outer.periodEnd().equals(inner.periodEnd());
        return covers && !same;
    }

    private static ManualValue row(ResultSet rs, int n) throws SQLException {
        return new ManualValue(rs.getString(1), Scope.parse(rs.getString(2)), rs.getObject(3, LocalDate.class), rs.getObject(4, LocalDate.class),
                rs.getBigDecimal(5), (Long) rs.getObject(6), rs.getObject(7, OffsetDateTime.class).toInstant());
    }
}

package dev.northstar.targets.internal;

import dev.northstar.shared.Period;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The target and target_change tables. Every query is within one company. */
@Repository
public class TargetRows {

    private static final RowMapper<StoredTarget> TARGET = (rs, n) -> new StoredTarget(rs.getString("scope"),
            new Period(Period.Grain.valueOf(rs.getString("period_grain")), rs.getDate("period_start").toLocalDate(),
                    rs.getDate("period_end").toLocalDate(), rs.getString("period_label")),
            rs.getBigDecimal("value"));

    private static final String SELECT_TARGETS = """
            select metric_key, scope, period_grain, period_start, period_end, period_label, value from target
            where company_id = ?""";
    private static final String SELECT_TARGETS_OF_METRIC = SELECT_TARGETS + " and metric_key = ?";

    private final JdbcClient jdbc;

    TargetRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A change as stored, with who made it by id. */
    public record ChangeRow(String periodLabel, BigDecimal oldValue, BigDecimal newValue, long changedBy, Instant changedAt) {
    }

    /** The metric's targets of one scope that share a day with the period: the only ones that can apply to it. */
    public List<StoredTarget> overlapping(long companyId, String metric, String scope, Period period) {
        return overlapping(companyId, List.of(metric), scope, period.start(), period.end()).getOrDefault(metric, List.of());
    }

    /** The same for several metrics and any day of [from, to), by metric key: a dashboard's targets in one read. */
    public Map<String, List<StoredTarget>> overlapping(long companyId, Collection<String> metrics, String scope, LocalDate from, LocalDate to) {
        return byMetric(jdbc.sql(SELECT_TARGETS + " and metric_key = any(?) and scope = ? and period_start < ? and period_end > ?")
                .params(companyId, metrics.toArray(String[]::new), scope, to, from));
    }

    /** {@link #overlapping} for several scopes (each target carries its scope); by metric key. */
    public Map<String, List<StoredTarget>> overlappingIn(long companyId, Collection<String> metrics, Collection<String> scopes, LocalDate from,
                                                         LocalDate to) {
        return byMetric(jdbc.sql(SELECT_TARGETS + " and metric_key = any(?) and scope = any(?) and period_start < ? and period_end > ?")
                .params(companyId, metrics.toArray(String[]::new), scopes.toArray(String[]::new), to, from));
    }

    /** The targets of every scope of the company, for comparing levels; by metric key. */
    public Map<String, List<StoredTarget>> overlappingAnyScope(long companyId, Collection<String> metrics, LocalDate from, LocalDate to) {
        return byMetric(jdbc.sql(SELECT_TARGETS + " and metric_key = any(?) and period_start < ? and period_end > ?")
                .params(companyId, metrics.toArray(String[]::new), to, from));
    }

    private static Map<String, List<StoredTarget>> byMetric(JdbcClient.StatementSpec query) {
        Map<String, List<StoredTarget>> targets = new HashMap<>();
        query.query(rs -> {
            targets.computeIfAbsent(rs.getString("metric_key"), k -> new ArrayList<>()).add(TARGET.mapRow(rs, 0));
        });
        return targets;
    }

    /**
     * The target set for exactly this period, read after taking a lock on the metric and scope until the transaction
     * ends, so that two people changing it at once each record the value the other left as the old value.
     */
    public Optional<StoredTarget> lockAndRead(long companyId, String metric, String scope, Period period) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || '/' || ? || '/' || ?, 0))")
                .params(Long.toString(companyId), metric, scope).query().singleRow();
        return jdbc.sql(SELECT_TARGETS_OF_METRIC + " and scope = ? and period_start = ? and period_end = ?")
                .params(companyId, metric, scope, period.start(), period.end()).query(TARGET).optional();
    }

    public void put(long companyId, String metric, String scope, Period period, BigDecimal value) {
        jdbc.sql("""
                        insert into target (company_id, metric_key, scope, period_start, period_end, period_grain, period_label, value)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (company_id, metric_key, scope, period_start, period_end)
                        do update set value = excluded.value, period_grain = excluded.period_grain, period_label = excluded.period_label""")
                .params(companyId, metric, scope, period.start(), period.end(), period.grain().name(), period.label(), value).update();
    }

    public void delete(long companyId, String metric, String scope, Period period) {
        jdbc.sql("delete from target where company_id = ? and metric_key = ? and scope = ? and period_start = ? and period_end = ?")
                .params(companyId, metric, scope, period.start(), period.end()).update();
    }

    public void recordChange(long companyId, String metric, String scope, Period period, BigDecimal oldValue, BigDecimal newValue,
                             long personId, Instant at) {
        jdbc.sql("""
                        insert into target_change (company_id, metric_key, scope, period_start, period_end, period_label,
                                                   old_value, new_value, changed_by, changed_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(companyId, metric, scope, period.start(), period.end(), period.label(), oldValue, newValue, personId,
                        Timestamp.from(at))
                .update();
    }

    /** Newest first. */
    public List<ChangeRow> history(long companyId, String metric, String scope, Period period) {
        return jdbc.sql("""
                        select period_label, old_value, new_value, changed_by, changed_at from target_change
                        where company_id = ? and metric_key = ? and scope = ? and period_start = ? and period_end = ?
                        order by id desc""")
                .params(companyId, metric, scope, period.start(), period.end())
                .query((rs, n) -> new ChangeRow(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getLong(4),
                        rs.getTimestamp(5).toInstant()))
                .list();
    }
}

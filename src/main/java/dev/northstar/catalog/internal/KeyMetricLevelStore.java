package dev.northstar.catalog.internal;

import dev.northstar.catalog.KeyMetricLevel;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.MetricDefinition.Kind;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The tables of V10__key_metric_levels.sql: what each level adds or hides, and the company's tracking frequencies. */
@Repository
public class KeyMetricLevelStore {

    /** One level's choice about one metric. */
    public record Choice(KeyMetricLevel level, String metricKey, Mode mode) {
    }

    private final JdbcClient jdbc;

    KeyMetricLevelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every choice of the company's levels: a few rows per level, read at once to resolve any scope. */
    public List<Choice> choices(long companyId) {
        return jdbc.sql("select department_id, team_id, metric_key, mode from key_metric_level where company_id = ? order by id")
                .param(companyId)
                .query((rs, n) -> new Choice(new KeyMetricLevel((Long) rs.getObject(1), (Long) rs.getObject(2)), rs.getString(3),
                        Mode.valueOf(rs.getString(4))))
                .list();
    }

    /** The levels that add this metric. */
    public List<KeyMetricLevel> levelsAdding(long companyId, String metricKey) {
        return jdbc.sql("select department_id, team_id from key_metric_level where company_id = ? and metric_key = ? and mode = 'ADD' order by id")
                .params(companyId, metricKey)
                .query((rs, n) -> new KeyMetricLevel((Long) rs.getObject(1), (Long) rs.getObject(2))).list();
    }

    public void choose(long companyId, KeyMetricLevel level, String metricKey, Mode mode, Instant at, long by) {
        jdbc.sql("""
                        insert into key_metric_level (company_id, department_id, team_id, metric_key, mode, changed_at, changed_by)
                        values (?, ?, ?, ?, ?, ?, ?)
                        on conflict on constraint key_metric_level_once
                        do update set mode = excluded.mode, changed_at = excluded.changed_at, changed_by = excluded.changed_by""")
                .params(companyId, level.departmentId(), level.teamId(), metricKey, mode.name(), Timestamp.from(at), by)
                .update();
    }

    /** Takes the level's choice away: it inherits the metric (or not) as the level above has it. */
    public void forget(long companyId, KeyMetricLevel level, String metricKey) {
        jdbc.sql("""
                        delete from key_metric_level where company_id = ? and department_id is not distinct from ?
                          and team_id is not distinct from ? and metric_key = ?""")
                .params(companyId, level.departmentId(), level.teamId(), metricKey).update();
    }

    /** Before a metric is deleted: hiding it means nothing any more. */
    public void forgetHides(long companyId, String metricKey) {
        jdbc.sql("delete from key_metric_level where company_id = ? and metric_key = ? and mode = 'HIDE'").params(companyId, metricKey).update();
    }

    public Map<Kind, Frequency> frequencies(long companyId) {
        Map<Kind, Frequency> frequencies = new EnumMap<>(Kind.class);
        jdbc.sql("select kind, frequency from key_metric_frequency where company_id = ?").param(companyId)
                .query(rs -> {
                    frequencies.put(Kind.valueOf(rs.getString(1)), Frequency.valueOf(rs.getString(2)));
                });
        return frequencies;
    }

    public void setFrequency(long companyId, Kind kind, Frequency frequency) {
        jdbc.sql("""
                        insert into key_metric_frequency (company_id, kind, frequency) values (?, ?, ?)
                        on conflict (company_id, kind) do update set frequency = excluded.frequency""")
                .params(companyId, kind.name(), frequency.name()).update();
    }
}

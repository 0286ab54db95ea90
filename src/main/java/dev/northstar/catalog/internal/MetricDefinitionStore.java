package dev.northstar.catalog.internal;

import dev.northstar.catalog.DefinitionProblem;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricVersion;
import dev.northstar.shared.ReadOnce;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The tables of V8__metric_catalog.sql: definitions and their versions. Every statement is within one company. */
@Repository
public class MetricDefinitionStore {

    /** The first key of the advisory lock that serializes changes to one company's catalog ("NSMC"). */
    private static final int CATALOG_LOCK = 0x4E534D43;
    private static final String COLUMNS = """
            metric_key, name, description, kind, timing, category, area, parent_key, unit, decimals, direction, owner_id,
            cadence, review_meeting, action_when_worse, purpose, formula::text""";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    MetricDefinitionStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Holds changes to the company's catalog until the transaction ends. References and cycles are judged on the
     * whole catalog, so two changes that are each fine alone (a refers to b; b refers to a) must not pass side by side.
     */
    public void lock(long companyId) {
        jdbc.sql("select pg_advisory_xact_lock(?, ?)").params(CATALOG_LOCK, (int) companyId).query(Object.class).single();
    }

    /** The company's metrics by key; read once per read-only transaction ({@link ReadOnce}), which many questions ask. */
    public List<MetricDefinition> all(long companyId) {
        return ReadOnce.in(List.of("metric definitions", companyId), () -> List.copyOf(
                jdbc.sql("select " + COLUMNS + " from metric_definition where company_id = ? order by metric_key")
                        .param(companyId).query(this::definition).list()));
    }

    public Optional<MetricDefinition> find(long companyId, String key) {
        return jdbc.sql("select " + COLUMNS + " from metric_definition where company_id = ? and metric_key = ?")
                .params(companyId, key).query(this::definition).optional();
    }

    public void insert(long companyId, MetricDefinition d, Instant at, Long by) {
        jdbc.sql("""
                        insert into metric_definition (company_id, metric_key, name, description, kind, timing, category, area, parent_key,
                            unit, decimals, direction, owner_id, cadence, review_meeting, action_when_worse, purpose, formula, version,
                            updated_at, updated_by)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, 1, ?, ?)""")
                .params(companyId, d.key(), d.name(), d.description(), name(d.kind()), name(d.timing()), name(d.category()), name(d.area()),
                        d.parentKey(), name(d.unit()), d.decimals(), name(d.direction()), d.ownerId(), name(d.cadence()), d.reviewMeeting(),
                        d.actionWhenWorse(), name(d.purpose()), formulaJson(d.formula()), Timestamp.from(at), by)
                .update();
    }

    public void update(long companyId, MetricDefinition d, Instant at, Long by) {
        jdbc.sql("""
                        update metric_definition set name = ?, description = ?, kind = ?, timing = ?, category = ?, area = ?, parent_key = ?,
                            unit = ?, decimals = ?, direction = ?, owner_id = ?, cadence = ?, review_meeting = ?, action_when_worse = ?,
                            purpose = ?, formula = ?::jsonb, version = version + 1, updated_at = ?, updated_by = ?
                        where company_id = ? and metric_key = ?""")
                .params(d.name(), d.description(), name(d.kind()), name(d.timing()), name(d.category()), name(d.area()), d.parentKey(),
                        name(d.unit()), d.decimals(), name(d.direction()), d.ownerId(), name(d.cadence()), d.reviewMeeting(),
                        d.actionWhenWorse(), name(d.purpose()), formulaJson(d.formula()), Timestamp.from(at), by, companyId, d.key())
                .update();
    }

    public void delete(long companyId, String key) {
        jdbc.sql("delete from metric_definition where company_id = ? and metric_key = ?").params(companyId, key).update();
    }

    /** Appends a version: the next number after the metric's last one, also after a deletion and a new start. */
    public void appendVersion(long companyId, String key, MetricVersion.Change change, Instant at, Long by,
                              Map<String, Object> before, Map<String, Object> after) {
        jdbc.sql("""
                        insert into metric_definition_version (company_id, metric_key, version, change, changed_at, changed_by, before, after)
                        select ?, ?, coalesce(max(version), 0) + 1, ?, ?, ?, ?::json, ?::json
                        from metric_definition_version where company_id = ? and metric_key = ?""")
                .params(companyId, key, change.name(), Timestamp.from(at), by, before == null ? null : json.writeValueAsString(before),
                        after == null ? null : json.writeValueAsString(after), companyId, key)
                .update();
    }

    /** A version as stored; the person's name is added by the caller. */
    public record StoredVersion(int version, MetricVersion.Change change, Instant changedAt, Long changedBy,
                                Map<String, Object> before, Map<String, Object> after) {
    }

    public List<StoredVersion> versions(long companyId, String key) {
        return jdbc.sql("""
                        select version, change, changed_at, changed_by, before::text, after::text from metric_definition_version
                        where company_id = ? and metric_key = ? order by version""")
                .params(companyId, key)
                .query((rs, n) -> new StoredVersion(rs.getInt(1), MetricVersion.Change.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), (Long) rs.getObject(4), map(rs.getString(5)), map(rs.getString(6))))
                .list();
    }

    private MetricDefinition definition(ResultSet rs, int row) throws SQLException {
        return new MetricDefinition(rs.getString(1), rs.getString(2), rs.getString(3),
                value(MetricDefinition.Kind.class, rs.getString(4)), value(MetricDefinition.Timing.class, rs.getString(5)),
                value(MetricDefinition.Category.class, rs.getString(6)), value(MetricDefinition.Area.class, rs.getString(7)),
                rs.getString(8), value(MetricDefinition.Unit.class, rs.getString(9)), rs.getInt(10),
                value(MetricDefinition.Direction.class, rs.getString(11)), (Long) rs.getObject(12),
                value(MetricDefinition.Cadence.class, rs.getString(13)), rs.getString(14), rs.getString(15),
                value(MetricDefinition.Purpose.class, rs.getString(16)), formula(rs.getString(1), rs.getString(17)));
    }

    /** A stored formula was checked when it was saved: one that no longer reads is a bug, not bad input. */
    private Formula formula(String key, String text) {
        List<DefinitionProblem> problems = new ArrayList<>();
        Formula formula = FormulaDocuments.read(json.readValue(text, Map.class), "formula", new DocumentReader(key, problems));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The stored formula of " + key + " cannot be read: " + problems);
        }
        return formula;
    }

    private String formulaJson(Formula formula) {
        return json.writeValueAsString(FormulaDocuments.write(formula));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> map(String text) {
        return text == null ? null : json.readValue(text, Map.class);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static <E extends Enum<E>> E value(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}

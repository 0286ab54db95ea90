package dev.northstar.connectors.internal;

import dev.northstar.connectors.ConnectorKind;
import dev.northstar.connectors.ConnectorRun;
import dev.northstar.connectors.ConnectorSettings;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Connectors, their runs, and when db-scheduler will next run each. */
@Repository
public class ConnectorStore {

    private static final String COLUMNS = """
            company_id, id, name, kind, record_kind, source, schedule, settings::text, secret_sealed, cursor_field, cursor, enabled,
            alert_after, consecutive_failures, run_as, created_at""";
    private static final String RUN_COLUMNS = """
            id, started_by, started_at, finished_at, ok, received, created, updated, unchanged, rejected, rejections::text, error, cursor_after""";
    private static final TypeReference<List<ConnectorRun.Rejection>> REJECTIONS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ConnectorStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a connector is, as saved; the cursor and failures are the pulls' own. */
    public record Saved(String name, ConnectorKind kind, String recordKind, String source, String schedule, ConnectorSettings settings,
                        String secretSealed, String cursorField, boolean enabled, int alertAfter, long runAs) {
    }

    public List<StoredConnector> connectors(long companyId) {
        return jdbc.sql("select " + COLUMNS + " from connector where company_id = ? order by lower(name)").param(companyId)
                .query(this::connector).list();
    }

    public Optional<StoredConnector> connector(long companyId, long id) {
        return jdbc.sql("select " + COLUMNS + " from connector where company_id = ? and id = ?").params(companyId, id)
                .query(this::connector).optional();
    }

    /** Every enabled connector of every company, for the check at start that each has its pull scheduled. */
    public List<StoredConnector> enabledEverywhere() {
        return jdbc.sql("select " + COLUMNS + " from connector where enabled").query(this::connector).list();
    }

    public long insert(long companyId, Saved saved, String cursor, Instant now) {
        return jdbc.sql("""
                        insert into connector (company_id, name, kind, record_kind, source, schedule, settings, secret_sealed, cursor_field,
                                               cursor, enabled, alert_after, run_as, created_at)
                        values (?, ?, ?, ?, ?, ?, ?::json, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, saved.name(), saved.kind().key(), saved.recordKind(), saved.source(), saved.schedule(),
                        json.writeValueAsString(saved.settings()), saved.secretSealed(), saved.cursorField(), cursor, saved.enabled(),
                        saved.alertAfter(), saved.runAs(), Timestamp.from(now))
                .query(Long.class).single();
    }

    public void update(long companyId, long id, Saved saved) {
        jdbc.sql("""
                        update connector set name = ?, kind = ?, record_kind = ?, source = ?, schedule = ?, settings = ?::json,
                                             secret_sealed = ?, cursor_field = ?, enabled = ?, alert_after = ?, run_as = ?
                        where company_id = ? and id = ?""")
                .params(saved.name(), saved.kind().key(), saved.recordKind(), saved.source(), saved.schedule(),
                        json.writeValueAsString(saved.settings()), saved.secretSealed(), saved.cursorField(), saved.enabled(),
                        saved.alertAfter(), saved.runAs(), companyId, id)
                .update();
    }

    public void setCursor(long companyId, long id, String cursor) {
        jdbc.sql("update connector set cursor = ? where company_id = ? and id = ?").params(cursor, companyId, id).update();
    }

    public void delete(long companyId, long id) {
        jdbc.sql("delete from connector where company_id = ? and id = ?").params(companyId, id).update();
    }

    /** After a pull: the failures in a row (0 after a success), and the cursor if it moved; answers the failures before. */
    public int finish(long companyId, long id, boolean ok, String cursorAfter) {
        return jdbc.sql("""
                        update connector c set consecutive_failures = case when ? then 0 else c.consecutive_failures + 1 end,
                                               cursor = coalesce(?, c.cursor)
                        from connector before where before.company_id = c.company_id and before.id = c.id and c.company_id = ? and c.id = ?
                        returning before.consecutive_failures""")
                .params(ok, cursorAfter, companyId, id).query(Integer.class).optional().orElse(0);
    }

    public long insertRun(long companyId, long connectorId, String startedBy, Instant startedAt, Instant finishedAt, boolean ok,
                          long[] counts, List<ConnectorRun.Rejection> rejections, String error, String cursorAfter) {
        return jdbc.sql("""
                        insert into connector_run (company_id, connector_id, started_by, started_at, finished_at, ok, received, created,
                                                   updated, unchanged, rejected, rejections, error, cursor_after)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning id""")
                .params(companyId, connectorId, startedBy, Timestamp.from(startedAt), Timestamp.from(finishedAt), ok, counts[0], counts[1],
                        counts[2], counts[3], counts[4], rejections.isEmpty() ? null : json.writeValueAsString(rejections), error, cursorAfter)
                .query(Long.class).single();
    }

    public List<ConnectorRun> runs(long companyId, long connectorId, int limit) {
        return jdbc.sql("select " + RUN_COLUMNS + " from connector_run where company_id = ? and connector_id = ? order by id desc limit ?")
                .params(companyId, connectorId, limit).query(this::run).list();
    }

    /** Each connector's latest run. */
    public Map<Long, ConnectorRun> latestRuns(long companyId) {
        record Latest(long connectorId, ConnectorRun run) {
        }
        return jdbc.sql("select distinct on (connector_id) connector_id, " + RUN_COLUMNS
                        + " from connector_run where company_id = ? order by connector_id, id desc")
                .param(companyId)
                .query((rs, n) -> new Latest(rs.getLong(1), runAt(rs, 1)))
                .stream().collect(Collectors.toMap(Latest::connectorId, Latest::run));
    }

    /** When db-scheduler will next run a connector's pull, and whether an instance is running it now. */
    public record Due(Instant at, boolean running) {
    }

    /** When db-scheduler will next run each of the company's connectors (by id), and whether an instance is running it now. */
    public Map<Long, Due> due(String taskName, long companyId) {
        return jdbc.sql("select task_instance, execution_time, picked from scheduled_tasks where task_name = ? and task_instance like ?")
                .params(taskName, companyId + ":%")
                .query((rs, n) -> Map.entry(Long.parseLong(rs.getString(1).substring(rs.getString(1).indexOf(':') + 1)),
                        new Due(instant(rs.getTimestamp(2)), rs.getBoolean(3))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
    }

    /** The same for one connector. */
    public Optional<Due> due(String taskName, long companyId, long id) {
        return jdbc.sql("select execution_time, picked from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(taskName, companyId + ":" + id)
                .query((rs, n) -> new Due(instant(rs.getTimestamp(1)), rs.getBoolean(2))).optional();
    }

    private StoredConnector connector(ResultSet rs, int n) throws SQLException {
        return new StoredConnector(rs.getLong(1), rs.getLong(2), rs.getString(3), ConnectorKind.of(rs.getString(4)), rs.getString(5),
                rs.getString(6), rs.getString(7), json.readValue(rs.getString(8), ConnectorSettings.class), rs.getString(9),
                rs.getString(10), rs.getString(11), rs.getBoolean(12), rs.getInt(13), rs.getInt(14), rs.getLong(15),
                rs.getTimestamp(16).toInstant());
    }

    private ConnectorRun run(ResultSet rs, int n) throws SQLException {
        return runAt(rs, 0);
    }

    /** A run from the columns after {@code offset}. */
    private ConnectorRun runAt(ResultSet rs, int offset) throws SQLException {
        String rejections = rs.getString(offset + 11);
        return new ConnectorRun(rs.getLong(offset + 1), rs.getString(offset + 2), rs.getTimestamp(offset + 3).toInstant(),
                rs.getTimestamp(offset + 4).toInstant(), rs.getBoolean(offset + 5), rs.getLong(offset + 6), rs.getLong(offset + 7),
                rs.getLong(offset + 8), rs.getLong(offset + 9), rs.getLong(offset + 10),
                rejections == null ? List.of() : json.readValue(rejections, REJECTIONS), rs.getString(offset + 12), rs.getString(offset + 13));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}

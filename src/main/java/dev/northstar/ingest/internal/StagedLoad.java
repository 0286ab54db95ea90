package dev.northstar.ingest.internal;

import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.internal.StagedKind.Column;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads records set-based, which is what makes bulk loads fast: valid rows are streamed with COPY into a temporary
 * staging table in chunks (constant memory at any size), rows repeating a key are removed, and one
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE IS DISTINCT FROM writes them all, so a row that has not changed is
 * not touched. Runs inside the caller's transaction; the staging table goes with it.
 */
public final class StagedLoad {

    private static final int CHUNK_CHARS = 2 << 20;

    /** How many rows the upsert created and updated; the rest of the staged rows were unchanged. */
    public record Counts(long staged, long created, long updated) {
        public long unchanged() {
            return staged - created - updated;
        }
    }

    /** One staged row's fate. */
    public record Fate(long line, long id, Outcome outcome) {
    }

    private final StagedKind kind;
    private final long companyId;
    private final JdbcClient jdbc;
    private final Connection connection;
    private final StringBuilder chunk = new StringBuilder(); // grows to a chunk only for loads that big (the logger sends one row)
    private final List<Column> columns;

    public StagedLoad(StagedKind kind, long companyId, DataSource dataSource, JdbcClient jdbc) {
        this.kind = kind;
        this.companyId = companyId;
        this.jdbc = jdbc;
        this.connection = DataSourceUtils.getConnection(dataSource);
        this.columns = Stream.of(kind.keys(), kind.values(), kind.extras()).flatMap(List::stream).toList();
        jdbc.sql("drop table if exists ingest_stage").update();
        // Grouping and sorting the staged rows (repeats, look-alikes) in memory rather than on disk.
        jdbc.sql("set local work_mem = '64MB'").update();
        jdbc.sql("create temp table ingest_stage (line bigint not null, fingerprint text, "
                + columns.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", ")) + ") on commit drop").update();
    }

    /** Stages one row: {@code values} in the order of the kind's keys, values and extras. */
    public void add(long line, String fingerprint, Object[] values) {
        chunk.append(line).append('\t');
        CopyText.append(chunk, fingerprint);
        for (Object value : values) {
            chunk.append('\t');
            CopyText.append(chunk, value);
        }
        chunk.append('\n');
        if (chunk.length() >= CHUNK_CHARS) {
            flush();
        }
    }

    private void flush() {
        if (chunk.isEmpty()) {
            return;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        chunk.setLength(0);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy ingest_stage (line, fingerprint, "
                    + columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") from stdin");
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
        } catch (SQLException e) {
            throw new IllegalStateException("Staging rows with COPY failed: " + e.getMessage(), e);
        }
    }

    /**
     * Removes rows whose key an earlier row of the same load already has, telling {@code repeat} each removed line
     * and the line it repeats: the first one wins.
     */
    public void removeRepeats(BiConsumer<Long, Long> repeat) {
        flush();
        String keys = keyList("");
        jdbc.sql("with repeated as (select " + keys + ", min(line) as first_line from ingest_stage group by " + keys + " having count(*) > 1) "
                        + "delete from ingest_stage s using repeated r where " + keyMatch("s", "r") + " and s.line <> r.first_line "
                        + "returning s.line, r.first_line")
                .query(rs -> {
                    repeat.accept(rs.getLong(1), rs.getLong(2));
                });
    }

    /**
     * Removes rows that would take a stored record away from the person it belongs to when the viewer may not
     * record for that person: upserting by key alone would let anyone who knows an external id claim it.
     * {@code mayRecordFor} decides per stored owner; {@code refused} hears each removed line.
     */
    public void removeTakeovers(java.util.function.LongPredicate mayRecordFor, java.util.function.LongConsumer refused) {
        String owner = kind.ownerColumn();
        if (owner == null) {
            return;
        }
        flush();
        List<Long> lines = new ArrayList<>();
        jdbc.sql("select s.line, t." + owner + " from ingest_stage s join " + kind.table() + " t on t.company_id = " + companyId + " and "
                        + keyMatch("t", "s") + " where t." + owner + " is distinct from s." + owner)
                .query(rs -> {
                    // A record without owner belongs to the company: only admins (who never get here) may claim it.
                    Long stored = (Long) rs.getObject(2);
                    if (stored == null || !mayRecordFor.test(stored)) {
                        lines.add(rs.getLong(1));
                    }
                });
        if (!lines.isEmpty()) {
            jdbc.sql("delete from ingest_stage where line = any(?)").param(lines.toArray(Long[]::new)).update();
            lines.forEach(refused::accept);
        }
    }

    /**
     * Rows that equal an earlier row in every stored value (and, for rows of a file, in every cell but the id) but
     * have another key: exports that repeat a record under a new id. With {@code remove} they are dropped (the
     * first is kept); either way they are counted.
     */
    public long lookalikes(boolean remove) {
        flush();
        String values = kind.values().stream().map(Column::name).collect(Collectors.joining(", "));
        String later = "select line from (select line, row_number() over (partition by fingerprint, " + values + " order by line) as n from ingest_stage) x where n > 1";
        return remove
                ? jdbc.sql("delete from ingest_stage where line in (" + later + ")").update()
                : jdbc.sql("select count(*) from (" + later + ") l").query(Long.class).single();
    }

    /**
     * Upserts the staged rows and says how many were created and updated. Which rows are stored is decided once, in
     * one snapshot: those are upserted; the rest go in with a plain insert, which costs about a third less than the
     * upsert's speculative insertion (see the ingest benchmark). Should another load commit one of those keys after
     * that decision, the plain insert fails on the unique key and is undone to a savepoint, and the rows are upserted
     * after all. (Deciding twice, once per statement, would let a key committed in between slip past both.)
     */
    public Counts merge(OffsetDateTime now) {
        flush();
        long staged = jdbc.sql("select count(*) from ingest_stage").query(Long.class).single();
        jdbc.sql("drop table if exists ingest_stored").update();
        jdbc.sql("create temp table ingest_stored on commit drop as select line from ingest_stage where exists (" + storedTwin() + ")").update();
        markDirtyCells(false);
        Counts stored = upsertCounting(" where line in (select line from ingest_stored)");
        long created;
        jdbc.sql("drop table if exists ingest_created").update();
        jdbc.sql("create temp table ingest_created (id bigint not null) on commit drop").update();
        Savepoint savepoint = savepoint();
        try {
            // The new rows' ids, for the rollups to add them (RecordsCreated) instead of marking their cells.
            created = jdbc.sql("with created as (" + insert() + " where not exists (select from ingest_stored x where x.line = ingest_stage.line)"
                    + " order by " + keyList("") + " returning t.id) insert into ingest_created select id from created").update();
            release(savepoint);
        } catch (DuplicateKeyException raced) {
            rollback(savepoint);
            // The raced rows are stored now, by another load: the cells their stored versions leave are marked too, and
            // so are the cells of the rows this load now creates by the upsert (ingest_created stays empty).
            markDirtyCells(true);
            // Every row once more: those upserted above are unchanged now, so nothing is counted twice.
            Counts late = upsertCounting("");
            created = late.created();
            stored = new Counts(0, stored.created(), stored.updated() + late.updated());
        }
        kind.afterMerge(jdbc, companyId, now);
        return new Counts(staged, created + stored.created(), stored.updated());
    }

    /**
     * The rollup cells the upsert will change, marked in the same transaction (see {@link DirtyCells}); those of rows
     * without a stored twin only with {@code andNew} (otherwise they are inserted plainly and listed in ingest_created).
     */
    private void markDirtyCells(boolean andNew) {
        DirtyCells.mark(jdbc, kind, companyId, keyMatch("t", "s"), keyList("t."), andNew);
    }

    /** Upserts the staged rows that pass {@code filter} (a where clause, or empty for all). */
    private Counts upsertCounting(String filter) {
        return jdbc.sql("with merged as (" + upsert(filter) + " returning (t.xmax = 0) as created) "
                        + "select count(*) filter (where created), count(*) filter (where not created) from merged")
                .query((rs, n) -> new Counts(0, rs.getLong(1), rs.getLong(2))).single();
    }

    private String storedTwin() {
        return "select from " + kind.table() + " t where t.company_id = " + companyId + " and " + keyMatch("t", "ingest_stage");
    }

    private Savepoint savepoint() {
        try {
            return connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not set a savepoint: " + e.getMessage(), e);
        }
    }

    private void release(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not release a savepoint: " + e.getMessage(), e);
        }
    }

    private void rollback(Savepoint savepoint) {
        try {
            connection.rollback(savepoint);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not roll back to a savepoint: " + e.getMessage(), e);
        }
    }

    /** Upserts the staged rows and says for each line whether it was created, updated or unchanged, with its id. */
    public List<Fate> mergeWithFates(OffsetDateTime now) {
        flush();
        markDirtyCells(true);
        List<Fate> fates = new ArrayList<>();
        jdbc.sql("with merged as (" + upsert("") + " returning t.id, " + keyList("t.") + ", (t.xmax = 0) as created) "
                        + "select s.line, coalesce(m.id, old.id), case when m.id is null then 'UNCHANGED' when m.created then 'CREATED' else 'UPDATED' end "
                        + "from ingest_stage s left join merged m on " + keyMatch("m", "s")
                        + " left join " + kind.table() + " old on m.id is null and old.company_id = " + companyId + " and " + keyMatch("old", "s")
                        + " order by s.line")
                .query(rs -> {
                    fates.add(new Fate(rs.getLong(1), rs.getLong(2), Outcome.valueOf(rs.getString(3))));
                });
        kind.afterMerge(jdbc, companyId, now);
        return fates;
    }

    /**
     * What {@link #merge} would do, found by reading only: a staged row with no stored twin would be created, one
     * whose values differ (the upsert's own IS DISTINCT FROM) updated. The dry run of a file import.
     */
    public Counts wouldDo() {
        flush();
        String stored = kind.values().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));
        String staged = kind.values().stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        return jdbc.sql("select count(*), count(*) filter (where t.id is null), count(*) filter (where t.id is not null and ("
                        + stored + ") is distinct from (" + staged + ")) from ingest_stage s left join " + kind.table() + " t on t.company_id = "
                        + companyId + " and " + keyMatch("t", "s"))
                .query((rs, n) -> new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    private String insert() {
        String names = stored().stream().map(Column::name).collect(Collectors.joining(", "));
        return "insert into " + kind.table() + " as t (company_id, " + names + ") select " + companyId + ", " + names + " from ingest_stage";
    }

    private String upsert(String filter) {
        String keys = keyList("");
        // In key order, so that two loads upserting the same records lock them in the same order. (A load whose plain
        // insert raced another's falls back to a second pass while holding its first locks; a deadlock is then
        // possible, and PostgreSQL fails one load whole, writing nothing of it: the sender retries.)
        return insert() + filter + " order by " + keys + " on conflict (company_id, " + keys + ") do update set "
                + kind.values().stream().map(c -> c.name() + " = excluded." + c.name()).collect(Collectors.joining(", "))
                + ", updated_at = now() where (" + kind.values().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "))
                + ") is distinct from (" + kind.values().stream().map(c -> "excluded." + c.name()).collect(Collectors.joining(", ")) + ")";
    }

    private List<Column> stored() {
        return Stream.concat(kind.keys().stream(), kind.values().stream()).toList();
    }

    private String keyList(String prefix) {
        return kind.keys().stream().map(c -> prefix + c.name()).collect(Collectors.joining(", "));
    }

    private String keyMatch(String left, String right) {
        return kind.keys().stream().map(c -> left + "." + c.name() + " = " + right + "." + c.name()).collect(Collectors.joining(" and "));
    }
}

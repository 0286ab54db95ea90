package dev.northstar.ingest.files;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.Ingest.LoadOptions;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.Ingest.Lookalikes;
import dev.northstar.ingest.Ingest.Mode;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.ImportJob.State;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * File imports (company admins): upload a CSV or XLSX file, correct the guessed column mapping, check it (a dry
 * run that does everything but commit, and lists every rejected row), then commit it, all or nothing. Checks and
 * commits run one at a time in the background, reading the file as a stream, and report their progress.
 */
@Service
public class FileImports implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FileImports.class);

    /** How far a running check or commit has read: {@code done} of {@code total} (bytes, or rows when total is unknown: 0). */
    public record Progress(long done, long total) {
        public int percent() {
            return total <= 0 ? -1 : (int) Math.min(100, done * 100 / total);
        }
    }

    /** A rejected field of a row, as the check found it. */
    public record Rejection(long line, String field, String value, String reason) {
    }

    /** Rejections that share a field and reason, counted: 1,589 rows with one unknown stage are one finding. */
    public record RejectionGroup(String field, String reason, long rows, long firstLine, String exampleValue) {
    }

    /** The header and first rows, for the mapping page. */
    public record Preview(List<String> header, List<TabularFile.Row> rows) {
    }

    public record Template(long id, String name, ImportSettings settings) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final AccessPolicy policy;
    private final Ingest ingest;
    private final PeopleLoader people;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Path directory;
    // Jobs run as the person who started them (the security context goes with each task), so the audit log names them.
    private final ExecutorService runner = new DelegatingSecurityContextExecutorService(
            Executors.newSingleThreadExecutor(r -> new Thread(r, "file-import")));
    private final Map<Long, TabularFile> reading = new ConcurrentHashMap<>();

    FileImports(JdbcClient jdbc, JdbcTemplate jdbcTemplate, AccessPolicy policy, Ingest ingest, PeopleLoader people, JsonMapper json,
                TransactionTemplate transactions, @Value("${northstar.imports.dir}") Path directory) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.policy = policy;
        this.ingest = ingest;
        this.people = people;
        this.json = json;
        this.transactions = transactions;
        this.directory = directory;
    }

    /** Stores the file and guesses how to read it from its header and first rows. */
    public ImportJob upload(Viewer viewer, RecordKind kind, String fileName, InputStream content, String source) {
        mayImport(viewer);
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : Path.of(fileName).getFileName().toString();
        String chosenSource = source == null || source.isBlank() ? defaultSource(name) : source.strip();
        if (chosenSource.length() > 100) {
            throw new InvalidInputException("source", "must be at most 100 characters");
        }
        Path file;
        try {
            Files.createDirectories(directory);
            file = directory.resolve(UUID.randomUUID() + (TabularFile.isSpreadsheet(name) ? ".xlsx" : ".csv"));
            Files.copy(content, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the upload in " + directory, e);
        }
        ImportSettings guess;
        try (TabularFile table = TabularFile.open(file, name)) {
            List<TabularFile.Row> samples = firstRows(table, 20);
            guess = ColumnGuess.guess(kind, table.header(), samples);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw new InvalidInputException("file", reason(e));
        }
        long id = jdbc.sql("""
                        insert into import_job (company_id, person_id, kind, file_name, file_path, file_size, source, settings, state)
                        values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, 'uploaded') returning id""")
                .params(viewer.companyId(), viewer.personId(), kind.key(), name, file.toString(), size(file), chosenSource,
                        json.writeValueAsString(guess))
                .query(Long.class).single();
        return job(viewer, id);
    }

    public ImportJob job(Viewer viewer, long id) {
        mayImport(viewer);
        return jdbc.sql("select * from import_job where company_id = ? and id = ?").params(viewer.companyId(), id)
                .query(this::job).optional().orElseThrow(() -> new NotFoundException("Import", id));
    }

    public List<ImportJob> jobs(Viewer viewer) {
        mayImport(viewer);
        return jdbc.sql("select * from import_job where company_id = ? order by id desc limit 50").param(viewer.companyId())
                .query(this::job).list();
    }

    /** The header and first rows; nothing once the import is committed (its file is deleted then). */
    public Preview preview(Viewer viewer, long id) {
        return preview(viewer, job(viewer, id));
    }

    /** The preview of a job the caller has just read (and so been allowed to see). */
    public Preview preview(Viewer viewer, ImportJob job) {
        if (job.state() == State.COMMITTED) {
            return new Preview(List.of(), List.of());
        }
        try (TabularFile table = TabularFile.open(path(viewer, job.id()), job.fileName())) {
            return new Preview(table.header(), firstRows(table, 5));
        } catch (IOException e) {
            throw new InvalidInputException("file", reason(e));
        }
    }

    /** New settings make the last check void: the file must be checked again before it can be committed. */
    public ImportJob configure(Viewer viewer, long id, String source, ImportSettings settings) {
        ImportJob job = notRunning(job(viewer, id));
        if (job.state() == State.COMMITTED) {
            throw new ConflictException("This import is committed; upload the file again to import it anew.");
        }
        settings.check(job.kind(), preview(viewer, job).header());
        String chosenSource = source == null || source.isBlank() ? job.source() : source.strip();
        jdbc.sql("update import_job set settings = ?::jsonb, source = ?, state = 'uploaded', failure = null where company_id = ? and id = ?")
                .params(json.writeValueAsString(settings), chosenSource, viewer.companyId(), id).update();
        return job(viewer, id);
    }

    /** Starts the dry run; the future completes with the job as the run left it. */
    public CompletableFuture<ImportJob> check(Viewer viewer, long id) {
        ImportJob job = notRunning(job(viewer, id));
        if (job.state() == State.COMMITTED) {
            throw new ConflictException("This import is committed already.");
        }
        job.settings().check(job.kind(), preview(viewer, job).header());
        claim(viewer, id, State.CHECKING, "state in ('uploaded', 'checked', 'failed')");
        return CompletableFuture.supplyAsync(() -> run(viewer, job, Mode.DRY_RUN, false), runner);
    }

    /**
     * Starts the commit of a checked file: everything or nothing. Rows the check rejected are left out only when
     * {@code skipRejected}; otherwise any rejected row stops the commit.
     */
    public CompletableFuture<ImportJob> commit(Viewer viewer, long id, boolean skipRejected) {
        ImportJob job = notRunning(job(viewer, id));
        if (!job.committable()) {
            throw new ConflictException("Check the file first: only a checked import can be committed (this one is " + job.state().name().toLowerCase(Locale.ROOT) + ").");
        }
        if (job.rejectedRows() != null && job.rejectedRows() > 0 && !skipRejected) {
            throw new ConflictException(job.rejectedRows() + " rows were rejected. Fix the file or the mapping and check again, or commit leaving them out.");
        }
        claim(viewer, id, State.COMMITTING, "state = 'checked'");
        return CompletableFuture.supplyAsync(() -> run(viewer, job, Mode.COMMIT, skipRejected), runner);
    }

    /** Deletes an import that is not running, and its file. */
    public void discard(Viewer viewer, long id) {
        notRunning(job(viewer, id));
        Path file = path(viewer, id);
        jdbc.sql("delete from import_job where company_id = ? and id = ?").params(viewer.companyId(), id).update();
        deleteQuietly(file);
    }

    public Progress progress(Viewer viewer, long id) {
        return progress(job(viewer, id));
    }

    /** The progress of a job the caller has just read (and so been allowed to see). */
    public Progress progress(ImportJob job) {
        TabularFile file = reading.get(job.id());
        if (file == null) {
            return new Progress(job.state().running() ? 0 : 1, job.state().running() ? job.fileSize() : 1);
        }
        return TabularFile.isSpreadsheet(job.fileName()) ? new Progress(file.progress(), 0) : new Progress(file.progress(), job.fileSize());
    }

    public List<Rejection> rejections(Viewer viewer, long id, int offset, int limit) {
        job(viewer, id);
        return jdbc.sql("select line, field, value, reason from import_rejection where company_id = ? and job_id = ? order by line, field offset ? limit ?")
                .params(viewer.companyId(), id, offset, limit)
                .query((rs, n) -> new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    public List<RejectionGroup> rejectionGroups(Viewer viewer, long id, int limit) {
        job(viewer, id);
        return jdbc.sql("""
                        select field, reason, count(*), min(line), min(value) from import_rejection where company_id = ? and job_id = ?
                        group by field, reason order by count(*) desc, min(line) limit ?""")
                .params(viewer.companyId(), id, limit)
                .query((rs, n) -> new RejectionGroup(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5))).list();
    }

    @Transactional
    public Template saveTemplate(Viewer viewer, long jobId, String name) {
        ImportJob job = job(viewer, jobId);
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "must not be empty");
        }
        long id = jdbc.sql("""
                        insert into import_template (company_id, kind, name, settings) values (?, ?, ?, ?::jsonb)
                        on conflict (company_id, kind, name) do update set settings = excluded.settings returning id""")
                .params(viewer.companyId(), job.kind().key(), name.strip(), json.writeValueAsString(job.settings())).query(Long.class).single();
        return new Template(id, name.strip(), job.settings());
    }

    public List<Template> templates(Viewer viewer, RecordKind kind) {
        mayImport(viewer);
        return jdbc.sql("select id, name, settings::text from import_template where company_id = ? and kind = ? order by lower(name)")
                .params(viewer.companyId(), kind.key())
                .query((rs, n) -> new Template(rs.getLong(1), rs.getString(2), json.readValue(rs.getString(3), ImportSettings.class))).list();
    }

    /** Applies a saved template: its columns that this file has, its constants and formats. */
    public ImportJob applyTemplate(Viewer viewer, long jobId, long templateId) {
        ImportJob job = job(viewer, jobId);
        Template template = templates(viewer, job.kind()).stream().filter(t -> t.id() == templateId).findFirst()
                .orElseThrow(() -> new NotFoundException("Template", templateId));
        List<String> header = preview(viewer, job).header();
        Map<String, String> columns = new HashMap<>(template.settings().columns());
        columns.values().removeIf(column -> !header.contains(column));
        ImportSettings settings = template.settings();
        return configure(viewer, jobId, null, new ImportSettings(columns, settings.constants(), settings.locale(), settings.dateFormat(),
                settings.emailDomain(), settings.skipLookalikes()));
    }

    // ---- the background run -------------------------------------------------------------------------------

    private ImportJob run(Viewer viewer, ImportJob job, Mode mode, boolean skipRejected) {
        long started = System.nanoTime();
        try (TabularFile table = TabularFile.open(path(viewer, job.id()), job.fileName())) {
            reading.put(job.id(), table);
            Map<String, Integer> columns = new HashMap<>();
            job.settings().columns().forEach((field, header) -> columns.put(field, table.header().indexOf(header)));
            Iterator<MappedRecord> records = new Iterator<>() {
                final Iterator<TabularFile.Row> rows = table.rows();

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public MappedRecord next() {
                    return new MappedRecord(rows.next(), columns, job.settings().constants());
                }
            };
            LoadSummary summary = job.kind() == RecordKind.PEOPLE ? loadPeople(viewer, job, records, mode) : transactions.execute(status -> {
                jdbc.sql("delete from import_rejection where company_id = ? and job_id = ?").params(viewer.companyId(), job.id()).update();
                try (RejectionWriter rejections = new RejectionWriter(jdbcTemplate, viewer.companyId(), job.id())) {
                    LoadSummary result = load(viewer, job, records, mode, rejections);
                    rejections.flush();
                    if (mode == Mode.COMMIT && refusedAtCommit(job, result, skipRejected)) {
                        status.setRollbackOnly(); // something changed since the check: nothing is written
                    }
                    return result;
                }
            });
            boolean refused = mode == Mode.COMMIT && refusedAtCommit(job, summary, skipRejected);
            // A refused commit wrote nothing and its rejections were rolled back with it: the file must be checked again.
            State state = refused ? State.UPLOADED : mode == Mode.COMMIT ? State.COMMITTED : State.CHECKED;
            String failure = refused ? summary.rejected() + " rows were rejected at commit time (the data changed since the check); nothing was written. Check again." : null;
            jdbc.sql("""
                            update import_job set state = ?, total_rows = ?, created_rows = ?, updated_rows = ?, unchanged_rows = ?,
                                   rejected_rows = ?, lookalike_rows = ?, failure = ?, finished_at = now() where company_id = ? and id = ?""")
                    .params(state.name().toLowerCase(Locale.ROOT), summary.received(), summary.created(), summary.updated(), summary.unchanged(),
                            summary.rejected(), summary.lookalikes(), failure, viewer.companyId(), job.id()).update();
            log.info("Import {} ({}, {} rows) {} in {} ms: {}", job.id(), job.kind().key(), summary.received(),
                    mode == Mode.COMMIT ? "committed" : "checked", (System.nanoTime() - started) / 1_000_000, summary);
            if (state == State.COMMITTED) {
                deleteQuietly(path(viewer, job.id()));
            }
        } catch (RuntimeException | IOException e) {
            log.warn("Import {} failed", job.id(), e);
            setState(viewer, job.id(), State.FAILED, reason(e));
        } finally {
            reading.remove(job.id());
        }
        return job(viewer, job.id());
    }

    /**
     * People go through {@link dev.northstar.ingest.PeopleImport}, which runs its own transaction (a savepoint a row)
     * and hands the rejections over when it has finished, so they are written after it.
     */
    private LoadSummary loadPeople(Viewer viewer, ImportJob job, Iterator<MappedRecord> records, Mode mode) {
        jdbc.sql("delete from import_rejection where company_id = ? and job_id = ?").params(viewer.companyId(), job.id()).update();
        try (RejectionWriter rejections = new RejectionWriter(jdbcTemplate, viewer.companyId(), job.id())) {
            LoadSummary result = people.load(viewer, records, job.settings().emailDomain(), mode, rejections);
            rejections.flush();
            return result;
        }
    }

    private LoadSummary load(Viewer viewer, ImportJob job, Iterator<MappedRecord> records, Mode mode, Ingest.Rejections rejections) {
        Lookalikes lookalikes = job.kind() == RecordKind.ACTIVITIES
                ? (job.settings().skipLookalikes() ? Lookalikes.SKIP : Lookalikes.COUNT) : Lookalikes.IGNORE;
        return ingest.load(viewer, job.kind(), records, new LoadOptions(job.settings().rules(), job.source(), mode, lookalikes), rejections);
    }

    /** A commit goes ahead only with the rejections the check showed, and only when told to leave them out. */
    private static boolean refusedAtCommit(ImportJob job, LoadSummary summary, boolean skipRejected) {
        long shown = job.rejectedRows() == null ? 0 : job.rejectedRows();
        return summary.rejected() > 0 && (!skipRejected || summary.rejected() > shown);
    }

    public long rejectionCount(Viewer viewer, long id) {
        job(viewer, id);
        return jdbc.sql("select count(*) from import_rejection where company_id = ? and job_id = ?").params(viewer.companyId(), id)
                .query(Long.class).single();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void mayImport(Viewer viewer) {
        policy.companyData(viewer, "import files").orRefuse();
    }

    private ImportJob notRunning(ImportJob job) {
        if (job.state().running()) {
            throw new ConflictException("This import is " + job.state().name().toLowerCase(Locale.ROOT) + " now; wait until it has finished.");
        }
        return job;
    }

    /** Moves the job into a running state only from the states given, so that a double click starts one run, not two. */
    private void claim(Viewer viewer, long id, State running, String fromStates) {
        int claimed = jdbc.sql("update import_job set state = ?, failure = null where company_id = ? and id = ? and " + fromStates)
                .params(running.name().toLowerCase(Locale.ROOT), viewer.companyId(), id).update();
        if (claimed == 0) {
            throw new ConflictException("This import has just been started or changed; reload the page.");
        }
    }

    private void setState(Viewer viewer, long id, State state, String failure) {
        jdbc.sql("update import_job set state = ?, failure = ? where company_id = ? and id = ?")
                .params(state.name().toLowerCase(Locale.ROOT), failure, viewer.companyId(), id).update();
    }

    private Path path(Viewer viewer, long id) {
        return Path.of(jdbc.sql("select file_path from import_job where company_id = ? and id = ?").params(viewer.companyId(), id)
                .query(String.class).optional().orElseThrow(() -> new NotFoundException("Import", id)));
    }

    private ImportJob job(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ImportJob(rs.getLong("id"), rs.getLong("person_id"), RecordKind.byKey(rs.getString("kind")).orElseThrow(),
                rs.getString("file_name"), rs.getLong("file_size"), rs.getString("source"),
                json.readValue(rs.getString("settings"), ImportSettings.class), State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                (Long) rs.getObject("total_rows"), (Long) rs.getObject("created_rows"), (Long) rs.getObject("updated_rows"),
                (Long) rs.getObject("unchanged_rows"), (Long) rs.getObject("rejected_rows"), (Long) rs.getObject("lookalike_rows"),
                rs.getString("failure"), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static List<TabularFile.Row> firstRows(TabularFile table, int count) {
        List<TabularFile.Row> rows = new ArrayList<>();
        Iterator<TabularFile.Row> iterator = table.rows();
        while (rows.size() < count && iterator.hasNext()) {
            rows.add(iterator.next());
        }
        return rows;
    }

    static String defaultSource(String fileName) {
        String stem = fileName.replaceFirst("\\.[^.]*$", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return stem.isEmpty() ? "file" : "file:" + stem;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete {}", file, e);
        }
    }

    private static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > 500 ? message.substring(0, 500) + "…" : message;
    }

    /**
     * A check or commit runs in this JVM only; one that was running when the application stopped will never finish,
     * so it is marked failed (a commit's transaction was rolled back with the connection) and can be checked again.
     * With several application instances on one database, this would also end the others' runs: imports are meant
     * to run on one instance (see the README).
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void failRunsInterruptedByARestart() {
        int interrupted = jdbc.sql("update import_job set state = 'failed', failure = ? where state in ('checking', 'committing')")
                .param("Northstar stopped while this ran, so nothing was written. Check the file again.").update();
        if (interrupted > 0) {
            log.warn("{} imports were interrupted by a restart and are marked failed", interrupted);
        }
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }

    /** Writes rejections in batches, so that any number of them fits in memory. */
    private static final class RejectionWriter implements Ingest.Rejections, AutoCloseable {
        private final JdbcTemplate jdbc;
        private final long companyId;
        private final long jobId;
        private final List<Object[]> batch = new ArrayList<>();

        RejectionWriter(JdbcTemplate jdbc, long companyId, long jobId) {
            this.jdbc = jdbc;
            this.companyId = companyId;
            this.jobId = jobId;
        }

        @Override
        public void reject(long line, String label, List<FieldError> errors) {
            for (FieldError error : errors) {
                String value = error.value() == null ? null : error.value().length() > 200 ? error.value().substring(0, 200) + "…" : error.value();
                batch.add(new Object[]{companyId, jobId, line, error.field(), value, error.reason()});
            }
            if (batch.size() >= 1_000) {
                flush();
            }
        }

        void flush() {
            if (!batch.isEmpty()) {
                jdbc.batchUpdate("insert into import_rejection (company_id, job_id, line, field, value, reason) values (?, ?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }

        @Override
        public void close() {
            batch.clear();
        }
    }
}

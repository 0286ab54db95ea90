package dev.northstar.ingest;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.NorthstarProcess;
import dev.northstar.database.TestDatabases;
import dev.northstar.database.TestDatabases.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Northstar killed with SIGKILL in the middle of a large import, and started again on the same database, leaves the raw
 * records and the rollups consistent. A client sends JSON batches of 10,000 activities (new ones and corrections of
 * earlier ones), one after another from a background thread, 400,000 planned; the server is killed inside the
 * transaction that loads a batch, while rollup cells wait in {@code rollup_dirty}. Then: every batch the client saw
 * accepted is stored, the one on its way is stored whole or not at all, the restarted server's sweep works off every
 * waiting cell (no rebuild is asked for: it would hide lost cells), verify finds no difference, and the client's retry
 * of the interrupted batch with its Idempotency-Key completes the import.
 * <p>
 * Cells are sure to wait at the kill: for the last batch before it the test holds the company's rollup lock, as a long
 * recompute on another instance would, so that the after-commit workers queue up behind it. Each run's output is in
 * {@code target/kill-during-import/}.
 */
class KillDuringImportTest {

    static final Path LOGS = Path.of("target", "kill-during-import");
    static final Path FIRST_RUN = LOGS.resolve("first-run.log");
    static final int ROLLUP_LOCK = dev.northstar.analytics.internal.RollupWorker.ROLLUP_LOCK;
    static final int PLANNED_BATCHES = 40;
    static final int ACCEPTED_BEFORE_LOCK = 1;
    static final int ACCEPTED_WHILE_LOCKED = 1;
    static final Duration PATIENCE = Duration.ofMinutes(3);
    /** The sweep comes round every second, rather than every 5, so that the restarted server catches up sooner. */
    static final List<String> SETTINGS = List.of("northstar.analytics.rollups.sweep-delay=1s",
            "northstar.imports.dir=" + LOGS.resolve("imports").toAbsolutePath());

    final long seed = Long.getLong("kill.seed", System.nanoTime());
    final ExecutorService client = Executors.newSingleThreadExecutor(); // the common pool may have one thread here
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    NorthstarProcess northstar;
    /**
     * The running server's address, kept after the kill: the client thread may send once more after the test let go
     * of the killed process, and must then fail to connect (the cut-off it waits for), not find no server.
     */
    volatile String baseUrl;

    @AfterEach
    void stop() {
        client.shutdownNow();
        if (northstar != null) {
            northstar.close();
        }
    }

    @Test
    void rawRecordsAndRollupsAreConsistentAfterAKillDuringALargeImport() throws Exception {
        Database database = TestDatabases.create("northstar_kill_" + ProcessHandle.current().pid() + "_" + System.currentTimeMillis());
        JdbcClient jdbc = JdbcClient.create(new DriverManagerDataSource(database.url(), database.user(), database.password()));
        northstar = NorthstarProcess.start(database, FIRST_RUN, SETTINGS);
        baseUrl = northstar.baseUrl();
        phase("started");
        KillTestCompany company = KillTestCompany.create(jdbc);
        String why = "seed " + seed + " (-Dkill.seed), output in " + LOGS.toAbsolutePath();

        assertThat(post("/api/v1/metrics/library", company, "{}", null).statusCode()).as(why).isEqualTo(200);
        await(() -> count(jdbc, "select count(*) from rollup_metric where company_id = ?", company.id()) > 0,
                "the library's metrics are rolled up (an empty build) before the import");

        phase("library built");
        ImportLedger ledger = new ImportLedger(company, new Random(seed));
        AtomicReference<ImportLedger.Batch> onItsWay = new AtomicReference<>();
        Future<Boolean> sending = client.submit(() -> sendUntilCutOff(ledger, company, onItsWay));

        Kill kill = killWhileABatchLoads(database, jdbc, company.id(), ledger, onItsWay, sending);
        northstar = null;
        // A session of the killed server that was running a statement ends when it next talks to it: then the database has settled.
        await(() -> sessions(jdbc, FIRST_RUN) == 0, "the killed server's database sessions end");
        assertThat(sending.get(1, TimeUnit.MINUTES)).as("the import was still running when the server was killed; " + why).isTrue();
        ImportLedger.Batch interrupted = onItsWay.get();
        System.out.printf("Killed Northstar (exit %d) after %d accepted batches, batch %s on its way, %d cells waiting, the load at %s; %s%n",
                kill.exit(), ledger.accepted(), interrupted == null ? "none" : interrupted.number(), kill.cellsWaiting(), kill.loading(), why);
        phase("killed");

        assertThat(kill.exit()).as("killed with SIGKILL (128 + 9)").isEqualTo(NorthstarProcess.KILLED_BY_SIGKILL);
        assertThat(ledger.accepted()).as(why).isGreaterThanOrEqualTo(ACCEPTED_BEFORE_LOCK + ACCEPTED_WHILE_LOCKED).isLessThan(PLANNED_BATCHES);
        assertThat(kill.cellsWaiting()).as("rollup cells waited when the server was killed; " + why).isPositive();
        assertThat(count(jdbc, "select count(*) from rollup_dirty where company_id = ?", company.id()))
                .as("the waiting cells outlive the server; " + why).isGreaterThanOrEqualTo(kill.cellsWaiting());
        assertAllOrNothing(ledger.stored(jdbc), ledger, interrupted, why);

        northstar = NorthstarProcess.start(database, LOGS.resolve("second-run.log"), SETTINGS);
        baseUrl = northstar.baseUrl();
        phase("restarted");
        await(() -> count(jdbc, "select count(*) from rollup_dirty where company_id = ?", company.id()) == 0,
                "the restarted server's sweep works off the cells that waited");
        phase("caught up");
        String verification = get("/api/v1/rollups/verify?from=" + ImportLedger.FIRST_MONTH + "&to=" + ImportLedger.LAST_MONTH, company);
        assertThat(JsonPath.<List<?>>read(verification, "$.differences")).as("verify after the restart; " + why).isEmpty();
        assertThat(JsonPath.<Number>read(verification, "$.compared").longValue()).isPositive();
        phase("verified");
        assertThat(count(jdbc, "select count(*) from rollup_dirty where company_id = ?", company.id())).as("cells waiting").isZero();
        assertThat(count(jdbc, "select count(*) from rollup_day where company_id = ?", company.id())).as("rolled-up cells").isPositive();

        if (interrupted != null) { // the client retries what it was not told the fate of; the first answer, or the work done now
            HttpResponse<String> retry = post("/api/v1/activities", company, interrupted.json(), interrupted.idempotencyKey());
            assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
            ledger.accept(interrupted);
            assertThat(ImportLedger.difference(ledger.expected(), ledger.stored(jdbc))).as("after the retry; " + why).isEmpty();
        }
    }

    /** How the server died: its exit code, the cells waiting then, and the load's statements that were running. */
    record Kill(int exit, long cellsWaiting, List<String> loading) {
    }

    /**
     * Lets the first batches be worked off by the rollup workers, then holds them off for the next (as a long recompute
     * would), and kills the server somewhere in the transaction that loads the batch after those.
     */
    private Kill killWhileABatchLoads(Database database, JdbcClient jdbc, long companyId, ImportLedger ledger,
                                      AtomicReference<ImportLedger.Batch> onItsWay, Future<Boolean> sending) throws Exception {
        await(() -> ledger.accepted() >= ACCEPTED_BEFORE_LOCK || sending.isDone(), "the first batches are accepted");
        failEarly(sending);
        try (Connection rollupLock = holdRollupLock(database, companyId)) {
            int lockedAt = ledger.accepted();
            await(() -> ledger.accepted() >= lockedAt + ACCEPTED_WHILE_LOCKED && onItsWay.get() != null || sending.isDone(),
                    "batches are accepted while the rollup workers wait");
            failEarly(sending);
            await(() -> !loadStatements(jdbc).isEmpty() || sending.isDone(), "the server loads the next batch");
            failEarly(sending);
            // Somewhere in the load's transaction: staging its rows, marking cells, upserting, committing.
            Thread.sleep(new Random(seed).nextInt(400));
            long waiting = count(jdbc, "select count(*) from rollup_dirty where company_id = ?", companyId);
            List<String> loading = loadStatements(jdbc);
            assertThat(sessions(jdbc, FIRST_RUN)).as("the server's database sessions, by name").isPositive();
            int exit = northstar.kill();
            northstar.close();
            return new Kill(exit, waiting, loading);
        }
    }

    /**
     * Sends batches until the server stops answering (true) or every planned batch is accepted (false); the batch on its
     * way when the server stopped answering is left in {@code onItsWay}.
     */
    private boolean sendUntilCutOff(ImportLedger ledger, KillTestCompany company, AtomicReference<ImportLedger.Batch> onItsWay) throws Exception {
        for (int number = 0; number < PLANNED_BATCHES; number++) {
            ImportLedger.Batch batch = ledger.next(number);
            onItsWay.set(batch);
            HttpResponse<String> answer;
            try {
                answer = post("/api/v1/activities", company, batch.json(), batch.idempotencyKey());
            } catch (IOException cutOff) {
                return true;
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            long rejected = ((Number) JsonPath.read(answer.body(), "$.rejected")).longValue();
            assertThat(rejected).as("rejected records of batch %d: %s", number, JsonPath.read(answer.body(), "$.results[?(@.outcome == 'REJECTED')]").toString())
                    .isZero();
            ledger.accept(batch);
            onItsWay.set(null);
        }
        return false;
    }

    /** What the crash left: the accepted batches, and the one on its way whole or not at all. */
    private static void assertAllOrNothing(Map<String, String> stored, ImportLedger ledger, ImportLedger.Batch interrupted, String why) {
        String withoutIt = ImportLedger.difference(ledger.expected(), stored);
        if (interrupted == null) {
            assertThat(withoutIt).as("the stored activities are those of the accepted batches; " + why).isEmpty();
            return;
        }
        String withIt = ImportLedger.difference(ledger.expectedWith(interrupted), stored);
        System.out.printf("Batch %d, on its way at the kill, is stored %s%n", interrupted.number(),
                withIt.isEmpty() ? "whole" : withoutIt.isEmpty() ? "not at all" : "in part");
        assertThat(withoutIt.isEmpty() || withIt.isEmpty())
                .as("the stored activities are those of the accepted batches, with batch %d whole or not at all; %s%n"
                        + "compared with the accepted batches: %s%ncompared with batch %d too: %s", interrupted.number(), why, withoutIt,
                        interrupted.number(), withIt)
                .isTrue();
    }

    private long phaseStart = System.nanoTime();

    /** How long each phase took, for a run that is slower than it should be. */
    private void phase(String what) {
        System.out.printf("PHASE %-16s %6d ms%n", what, (System.nanoTime() - phaseStart) / 1_000_000);
        phaseStart = System.nanoTime();
    }

    /** The statements of open transactions that load staged rows (their beginnings): a batch being written. */
    private static List<String> loadStatements(JdbcClient jdbc) {
        return jdbc.sql("""
                        select left(query, 50) from pg_stat_activity
                        where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null and query like '%ingest_stage%'""")
                .query(String.class).list();
    }

    private static long sessions(JdbcClient jdbc, Path serverLog) {
        return jdbc.sql("select count(*) from pg_stat_activity where application_name = ?").param(NorthstarProcess.sessionName(serverLog))
                .query(Long.class).single();
    }

    /** A client that stopped before the kill failed: its failure is the test's. */
    private static void failEarly(Future<Boolean> sending) throws Exception {
        if (sending.isDone()) {
            sending.get();
        }
    }

    /**
     * Holds the company's rollup lock on a connection of its own until closed: workers that want it wait (after-commit)
     * or pass (the sweep), so the cells of the batches committed meanwhile wait in rollup_dirty.
     */
    private static Connection holdRollupLock(Database database, long companyId) throws SQLException {
        Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
        try (var lock = connection.prepareStatement("select pg_advisory_lock(?, ?)")) {
            lock.setInt(1, ROLLUP_LOCK);
            lock.setInt(2, (int) companyId);
            lock.execute();
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private HttpResponse<String> post(String path, KillTestCompany company, String json, String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(PATIENCE)
                .header("Authorization", "Bearer " + company.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String get(String path, KillTestCompany company) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(PATIENCE)
                .header("Authorization", "Bearer " + company.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private static long count(JdbcClient jdbc, String sql, long companyId) {
        return jdbc.sql(sql).param(companyId).query(Long.class).single();
    }

    /** Polls until the condition holds; slow machines get all the time they need, a server that died does not. */
    private void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (northstar != null && !northstar.alive()) {
                throw new AssertionError("Northstar died while waiting until " + what + ":\n" + northstar.logTail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + PATIENCE + " in vain until " + what + " (seed " + seed + ")");
            }
            Thread.sleep(100);
        }
    }
}

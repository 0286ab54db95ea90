package dev.northstar.ingest;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.RollupsVerified;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.Ingest.Mode;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two loads that write the same records at the same time: the second waits for the first, and when the first commits,
 * the second neither fails on the unique key nor loses a write (its fast plain insert is undone to a savepoint and the
 * rows are upserted).
 */
@SpringBootTest
class ConcurrentLoadTest {

    /** The racing loads' activities are on 4 May 2026; the cells both loads change are marked by both. */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of("2026-05", "2026-05", DemoOrganization.DEMO_COMPANY);

    @Autowired Ingest ingest;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired OrganizationDirectory directory;
    @Autowired TransactionTemplate transactions;

    Viewer admin;
    String source;

    @BeforeEach
    void company() {
        DemoFixture org = new DemoFixture(jdbc, demo);
        admin = directory.viewer(org.company(DemoOrganization.DEMO_COMPANY), org.person("admin@demo.northstar.dev")).orElseThrow();
        source = "race" + System.nanoTime();
        // A company's first load writes its default pipeline; that is done here, so that only the activities race.
        load(List.of());
    }

    @Test
    void aLoadRacingAnotherForTheSameNewKeysUpsertsThemInsteadOfFailing() throws Exception {
        // keys 0..2, then keys 1..3: two of them the first load's, one the second's own
        LoadSummary[] answers = race(records(0, 3, "call"), records(1, 4, "email"), "with created as (insert into activity%");

        assertThat(answers[0].created()).isEqualTo(3);
        assertThat(answers[1].created()).as("only key 3 is new to the second load").isEqualTo(1);
        assertThat(answers[1].updated()).as("keys 1 and 2 change from call to email").isEqualTo(2);
        assertThat(stored()).containsExactly("k0:call", "k1:email", "k2:email", "k3:email");
    }

    /**
     * The second load finds key 0 stored and key 1 new, then waits for the first load's lock on key 0 while the first
     * inserts key 1 and commits. Key 1 must still get the second load's values: it was new when the second load
     * looked, so its plain insert fails and the rows are upserted (deciding "new" again later would skip it).
     */
    @Test
    void aKeyAnotherLoadCommitsWhileThisOneWaitsIsStillWritten() throws Exception {
        assertThat(load(records(0, 1, "meeting")).created()).isEqualTo(1);
        // The second load waits where it first locks the stored key 0: marking the rollup cells the stored row leaves.
        LoadSummary[] answers = race(records(0, 2, "call"), records(0, 2, "email"), "with stored as (select s.line%");

        assertThat(answers[0].created()).isEqualTo(1);
        assertThat(answers[0].updated()).isEqualTo(1);
        assertThat(answers[1].updated()).as("both keys change from call to email").isEqualTo(2);
        assertThat(stored()).containsExactly("k0:email", "k1:email");
    }

    /**
     * Runs {@code first} in a transaction that stays open until {@code second}, started meanwhile, waits for a lock in
     * a statement like {@code waitingIn}; then commits the first and answers both loads' summaries.
     */
    private LoadSummary[] race(List<RawRecord> first, List<RawRecord> second, String waitingIn) throws Exception {
        ExecutorService loads = Executors.newFixedThreadPool(2); // the common pool may have one thread on two cores
        try {
            CountDownLatch firstWrote = new CountDownLatch(1);
            CountDownLatch mayCommit = new CountDownLatch(1);
            CompletableFuture<LoadSummary> firstLoad = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
                LoadSummary summary = load(first);
                firstWrote.countDown();
                await(mayCommit);
                return summary;
            }), loads);
            assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<LoadSummary> secondLoad = CompletableFuture.supplyAsync(() -> load(second), loads);
            waitUntilALoadWaitsForALock(waitingIn);
            mayCommit.countDown();
            return new LoadSummary[]{firstLoad.get(30, TimeUnit.SECONDS), secondLoad.get(30, TimeUnit.SECONDS)};
        } finally {
            loads.shutdown();
        }
    }

    private LoadSummary load(List<RawRecord> records) {
        return ingest.load(admin, RecordKind.ACTIVITIES, records.iterator(), ReadingRules.API, source, Mode.COMMIT, (l, r, e) -> { });
    }

    private List<String> stored() {
        return jdbc.sql("select external_id || ':' || type from activity where source = ? order by external_id").param(source)
                .query(String.class).list();
    }

    private void waitUntilALoadWaitsForALock(String statement) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like ?")
                .param(statement).query(Long.class).single() == 0) {
            assertThat(System.nanoTime()).as("the second load never waited for the first").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static List<RawRecord> records(int from, int to, String type) {
        List<RawRecord> records = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, String> fields = Map.of("externalId", "k" + i, "type", type, "person", "rep@demo.northstar.dev",
                    "occurredAt", "2026-05-04T09:30:00Z");
            long line = i;
            records.add(new RawRecord() {
                public long line() {
                    return line;
                }

                public String get(String field) {
                    return fields.get(field);
                }
            });
        }
        return records;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.northstar.ingest;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.Ingest.Mode;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.Test;
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
 * Two loads that write the same new records at the same time: the second waits for the first, and when the first
 * commits, it answers with what is stored instead of failing on the unique key (its fast plain insert is undone to
 * a savepoint and the rows are upserted).
 */
@SpringBootTest
class ConcurrentLoadTest {

    @Autowired Ingest ingest;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired OrganizationDirectory directory;
    @Autowired TransactionTemplate transactions;

    @Test
    void aLoadRacingAnotherForTheSameNewKeysUpsertsThemInsteadOfFailing() throws Exception {
        DemoFixture org = new DemoFixture(jdbc, demo);
        Viewer admin = directory.viewer(org.company(DemoOrganization.DEMO_COMPANY), org.person("admin@demo.northstar.dev")).orElseThrow();
        String source = "race" + System.nanoTime();
        List<RawRecord> first = records(0, 3, "call");    // keys 0..2
        List<RawRecord> second = records(1, 4, "email");  // keys 1..3: two of them the first load's, one its own

        // A company's first load writes its default pipeline; that is done here, so that only the activities race.
        ingest.load(admin, RecordKind.ACTIVITIES, List.<RawRecord>of().iterator(), ReadingRules.API, source, Mode.COMMIT, (l, r, e) -> { });
        ExecutorService loads = Executors.newFixedThreadPool(2); // the common pool may have one thread on two cores
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<LoadSummary> firstLoad = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
            LoadSummary summary = ingest.load(admin, RecordKind.ACTIVITIES, first.iterator(), ReadingRules.API, source, Mode.COMMIT, (l, r, e) -> { });
            firstWrote.countDown();
            await(mayCommit);
            return summary;
        }), loads);
        assertThat(firstWrote.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<LoadSummary> secondLoad = CompletableFuture.supplyAsync(() ->
                ingest.load(admin, RecordKind.ACTIVITIES, second.iterator(), ReadingRules.API, source, Mode.COMMIT, (l, r, e) -> { }), loads);
        waitUntilALoadWaitsForALock();
        mayCommit.countDown();

        assertThat(firstLoad.get(30, TimeUnit.SECONDS).created()).isEqualTo(3);
        LoadSummary answer = secondLoad.get(30, TimeUnit.SECONDS);
        assertThat(answer.created()).as("only key 3 is new to the second load").isEqualTo(1);
        assertThat(answer.updated()).as("keys 1 and 2 change from call to email").isEqualTo(2);
        assertThat(jdbc.sql("select external_id || ':' || type from activity where source = ? order by external_id").param(source)
                .query(String.class).list()).containsExactly("k0:call", "k1:email", "k2:email", "k3:email");
        loads.shutdown();
    }

    private void waitUntilALoadWaitsForALock() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.sql("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into activity%'")
                .query(Long.class).single() == 0) {
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

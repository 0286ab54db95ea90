package dev.northstar.analytics;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.internal.RollupWorker;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.YearMonth;

import static dev.northstar.analytics.Metrics.aggregate;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A batch recomputed while a metric had another definition, and the definition changed back before the rebuild: the
 * rollups must not look current again (they missed the batch's records in their cells). No sweep in this test, so
 * that the batch runs exactly when it says.
 */
@SpringBootTest(properties = {"northstar.analytics.rollups.sweep-delay=1h", "northstar.analytics.rollups.definition-check-initial-delay=1h",
        "northstar.analytics.rollups.busy-tries=0"})
class RollupDefinitionFlipTest {

    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired MetricCatalog catalog;
    @Autowired MetricValues values;
    @Autowired ReferenceEvaluator reference;
    @Autowired RollupMaintenance rollups;
    @Autowired RollupWorker worker;
    @Autowired javax.sql.DataSource dataSource;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;
    @Autowired dev.northstar.ingest.Ingest ingest;

    private static final MetricDefinition SUM = new Metrics().add("quantity", aggregate(Source.ACTIVITIES, Function.SUM, "quantity", TimeField.OCCURRED));
    private static final MetricDefinition MAX = new Metrics().add("quantity", aggregate(Source.ACTIVITIES, Function.MAX, "quantity", TimeField.OCCURRED));

    /** A company with Ana and the metric "quantity" as SUM, built after an activity of 5 on 10 March (when given). */
    private record Built(TestCompany company, Viewer admin, long ana) {
    }

    private Built built(boolean withActivity) {
        TestCompany company = TestCompany.create(jdbc, "UTC", "EUR", 1);
        Viewer admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        long ana = company.person("Ana");
        catalog.save(admin, SUM);
        if (withActivity) {
            company.activity(ana, "call", "2026-03-10T10:00", "5");
        }
        rollups.rebuild(company.id);
        return new Built(company, admin, ana);
    }

    @Test
    void aDefinitionChangedAndBackDoesNotMakeABatchRunInBetweenLookCurrent() throws Exception {
        Built built = built(true);
        TestCompany company = built.company();
        // MAX for a moment: a load arrives and a batch recomputes its cell by that definition (MAX has no cells). The
        // company's rollup lock is held around each definition change, so that the worker woken by it does nothing.
        try (java.sql.Connection holder = dataSource.getConnection()) {
            lock(holder, company.id, true);
            catalog.save(built.admin(), MAX);
            company.activity(built.ana(), "call", "2026-03-11T10:00", "7");
            jdbc.sql("insert into rollup_dirty (company_id, person_id, day) values (?, ?, date '2026-03-11')").params(company.id, built.ana()).update();
            Thread.sleep(500); // the woken worker finds the lock taken
            lock(holder, company.id, false);
            assertThat(worker.recomputeOneBatch(company.id)).isEqualTo(1);
            saveWhileLocked(holder, built, SUM); // back to SUM before any rebuild
        }
        readBeforeAndAfterTheRebuild(company, "12");
        assertThat(reference.value(company.id, quantity(company), Scope.COMPANY, MARCH, k -> catalog.find(company.id, k)).value())
                .isEqualByComparingTo("12");
        assertThat(rollups.verify(company.id, null, YearMonth.of(2026, 3), YearMonth.of(2026, 3)).differences()).isEmpty();
    }

    /**
     * The same with a load in between instead of a batch: the load adds its new record to the rollups of the metrics
     * that are current, and must forget the metric built from the other definition, or the definition changed back makes
     * rollups without the record look current. (The load's part is called as a load calls it, without the wake-up
     * after its commit, whose rebuild would hide the difference.)
     */
    @Test
    void aDefinitionChangedAndBackDoesNotMakeALoadInBetweenLookCurrent() throws Exception {
        Built built = built(true);
        TestCompany company = built.company();
        try (java.sql.Connection holder = dataSource.getConnection()) {
            saveWhileLocked(holder, built, MAX);
            transactions.executeWithoutResult(status -> {
                company.activity(built.ana(), "call", "2026-03-11T10:00", "7");
                jdbc.sql("create temp table ingest_created (id bigint not null) on commit drop").update();
                jdbc.sql("insert into ingest_created select max(id) from activity where company_id = ?").param(company.id).update();
                worker.addCreated(company.id, Source.ACTIVITIES);
            });
            saveWhileLocked(holder, built, SUM);
        }
        readBeforeAndAfterTheRebuild(company, "12");
    }

    /**
     * A rebuild can hold the company's rollup lock for minutes: a load does not wait for it, but marks its new records'
     * cells for the worker, as it marks a changed record's.
     */
    @Test
    void aLoadWhileTheRollupLockIsTakenMarksItsRecordsInsteadOfWaiting() throws Exception {
        Built built = built(false);
        TestCompany company = built.company();
        try (java.sql.Connection holder = dataSource.getConnection()) {
            lock(holder, company.id, true);
            var loaded = java.util.concurrent.CompletableFuture.supplyAsync(() -> ingest.load(built.admin(), dev.northstar.ingest.RecordKind.ACTIVITIES,
                    java.util.List.<dev.northstar.ingest.RawRecord>of(new dev.northstar.ingest.RawRecord() {
                        public long line() {
                            return 1;
                        }

                        public String get(String field) {
                            return java.util.Map.of("externalId", "x1", "type", "call", "personId", String.valueOf(built.ana()),
                                    "occurredAt", "2026-03-12T10:00:00Z", "quantity", "4").get(field);
                        }
                    }).iterator(), dev.northstar.ingest.ReadingRules.API, "api", dev.northstar.ingest.Ingest.Mode.COMMIT, (l, r, e) -> { }));
            assertThat(loaded.get(30, java.util.concurrent.TimeUnit.SECONDS).created()).as("the load did not wait for the lock").isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from rollup_dirty where company_id = ? and person_id = ? and day = date '2026-03-12'")
                    .params(company.id, built.ana()).query(Long.class).single()).as("its cell marked").isEqualTo(1);
            lock(holder, company.id, false);
        }
        readBeforeAndAfterTheRebuild(company, "4");
    }

    private static final Period MARCH = FiscalCalendar.of("UTC", 1, 1).parse("2026-03");

    /** A definition saved while the company's rollup lock is held, so that the worker woken by it does nothing. */
    private void saveWhileLocked(java.sql.Connection holder, Built built, MetricDefinition definition) throws Exception {
        lock(holder, built.company().id, true);
        catalog.save(built.admin(), definition);
        Thread.sleep(500); // the woken worker finds the lock taken
        lock(holder, built.company().id, false);
    }

    private MetricDefinition quantity(TestCompany company) {
        return catalog.find(company.id, "quantity").orElseThrow();
    }

    /** March's quantity for the company, read before the worker catches up and from the rollups after. */
    private void readBeforeAndAfterTheRebuild(TestCompany company, String expected) {
        assertThat(values.value(company.id, quantity(company), Scope.COMPANY, MARCH, k -> catalog.find(company.id, k)).value())
                .as("read path before the rebuild").isEqualByComparingTo(expected);
        rollups.catchUp(company.id);
        assertThat(values.asRolledUp(company.id, quantity(company), Scope.COMPANY, MARCH, k -> catalog.find(company.id, k)).value())
                .as("the rollups after the rebuild").isEqualByComparingTo(expected);
    }

    /** The rollup worker's advisory lock of the company, held or let go. */
    private static void lock(java.sql.Connection connection, long companyId, boolean hold) throws java.sql.SQLException {
        try (var statement = connection.prepareStatement(hold ? "select pg_advisory_lock(?, ?)" : "select pg_advisory_unlock(?, ?)")) {
            statement.setInt(1, RollupWorker.ROLLUP_LOCK);
            statement.setInt(2, (int) companyId);
            statement.execute();
        }
    }
}

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
@SpringBootTest(properties = {"northstar.analytics.rollups.sweep-delay=1h", "northstar.analytics.rollups.definition-check-initial-delay=1h"})
class RollupDefinitionFlipTest {

    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired MetricCatalog catalog;
    @Autowired MetricValues values;
    @Autowired ReferenceEvaluator reference;
    @Autowired RollupMaintenance rollups;
    @Autowired RollupWorker worker;
    @Autowired javax.sql.DataSource dataSource;

    @Test
    void aDefinitionChangedAndBackDoesNotMakeABatchRunInBetweenLookCurrent() throws Exception {
        TestCompany company = TestCompany.create(jdbc, "UTC", "EUR", 1);
        Viewer admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        long ana = company.person("Ana");
        MetricDefinition sum = new Metrics().add("quantity", aggregate(Source.ACTIVITIES, Function.SUM, "quantity", TimeField.OCCURRED));
        catalog.save(admin, sum);
        company.activity(ana, "call", "2026-03-10T10:00", "5");
        rollups.rebuild(company.id);

        // MAX for a moment: a load arrives and a batch recomputes its cell by that definition (MAX has no cells). The
        // company's rollup lock is held around each definition change, so that the worker woken by it does nothing.
        try (java.sql.Connection holder = dataSource.getConnection()) {
            lock(holder, company.id, true);
            catalog.save(admin, new Metrics().add("quantity", aggregate(Source.ACTIVITIES, Function.MAX, "quantity", TimeField.OCCURRED)));
            company.activity(ana, "call", "2026-03-11T10:00", "7");
            jdbc.sql("insert into rollup_dirty (company_id, person_id, day) values (?, ?, date '2026-03-11')").params(company.id, ana).update();
            Thread.sleep(500); // the woken worker finds the lock taken
            lock(holder, company.id, false);
            assertThat(worker.recomputeOneBatch(company.id)).isEqualTo(1);
            // Back to SUM before any rebuild.
            lock(holder, company.id, true);
            catalog.save(admin, sum);
            Thread.sleep(500);
            lock(holder, company.id, false);
        }

        Period march = FiscalCalendar.of("UTC", 1, 1).parse("2026-03");
        MetricDefinition metric = catalog.find(company.id, "quantity").orElseThrow();
        assertThat(values.value(company.id, metric, Scope.COMPANY, march, k -> catalog.find(company.id, k)).value())
                .as("read path before the rebuild").isEqualByComparingTo("12");
        rollups.catchUp(company.id);
        assertThat(values.asRolledUp(company.id, metric, Scope.COMPANY, march, k -> catalog.find(company.id, k)).value())
                .as("the rollups after the rebuild").isEqualByComparingTo("12");
        assertThat(reference.value(company.id, metric, Scope.COMPANY, march, k -> catalog.find(company.id, k)).value()).isEqualByComparingTo("12");
        assertThat(rollups.verify(company.id, null, YearMonth.of(2026, 3), YearMonth.of(2026, 3)).differences()).isEmpty();
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

package dev.northstar.analytics;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.ingest.PipelineStages;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read path never answers from rollups that do not hold the answer: while a cell of the period waits to be
 * recomputed, or while a metric's rollups were built from another definition, it reads the raw records.
 */
@SpringBootTest
class RollupReadPathTest {

    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired MetricCatalog catalog;
    @Autowired MetricValues values;
    @Autowired RollupMaintenance rollups;
    @Autowired TransactionTemplate transactions;
    @Autowired PipelineStages pipeline;

    @Test
    void readsTheRawRecordsWhileCellsWaitOrTheDefinitionChanged() {
        TestCompany company = TestCompany.create(jdbc, "Europe/Oslo", "EUR", 1);
        Viewer admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        long ana = company.person("Ana");
        catalog.save(admin, new Metrics().add("calls", count(Source.ACTIVITIES, TimeField.OCCURRED, is("type", "call"))));
        company.activity(ana, "call", "2026-03-10T10:00", null);
        rollups.rebuild(company.id);
        Period march = FiscalCalendar.of("Europe/Oslo", 1, 1).parse("2026-03");
        assertThat(calls(company, march, true)).isEqualByComparingTo("1");

        // In one transaction that the worker cannot see: a record written with its marker, as a load writes it.
        transactions.executeWithoutResult(status -> {
            company.activity(ana, "call", "2026-03-11T10:00", null);
            jdbc.sql("insert into rollup_dirty (company_id, person_id, day) values (?, ?, date '2026-03-11')").params(company.id, ana).update();
            assertThat(calls(company, march, true)).as("the rollups as they are").isEqualByComparingTo("1");
            assertThat(calls(company, march, false)).as("the read path, while a cell of March waits").isEqualByComparingTo("2");
            status.setRollbackOnly();
        });

        transactions.executeWithoutResult(status -> {
            catalog.save(admin, new Metrics().add("calls", count(Source.ACTIVITIES, TimeField.OCCURRED, is("type", "email"))));
            assertThat(calls(company, march, true)).as("built from the old definition").isEqualByComparingTo("1");
            assertThat(calls(company, march, false)).as("the read path, with a changed definition").isEqualByComparingTo("0");
            status.setRollbackOnly();
        });

        rollups.catchUp(company.id);
        assertThat(calls(company, march, false)).isEqualByComparingTo("1");
        assertThat(rollups.verify(company.id, null, YearMonth.of(2026, 1), YearMonth.of(2026, 6)).differences()).isEmpty();
    }

    /** A pipeline change that makes a stage "won" closes its open deals today and reopens none: their cells follow. */
    @Test
    void aPipelineChangeThatClosesDealsMovesThemInTheRollups() {
        TestCompany company = TestCompany.create(jdbc, "UTC", "EUR", 1);
        Viewer admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        long ana = company.person("Ana");
        catalog.save(admin, new Metrics().add("deals_won", count(Source.DEALS, TimeField.CLOSED, is("outcome", "won"))));
        company.deal(ana, "negotiation", "100", "2026-01-05", null);
        company.deal(ana, "won", "200", "2026-01-05", "2026-02-01");
        rollups.rebuild(company.id);
        List<PipelineStages.Stage> stages = PipelineStages.DEFAULTS.stream()
                .map(s -> s.key().equals("negotiation") ? new PipelineStages.Stage(s.key(), s.name(), s.position(), s.winProbability(), PipelineStages.Outcome.WON) : s)
                .toList();
        pipeline.replace(admin, stages);
        rollups.catchUp(company.id);

        java.time.LocalDate today = jdbc.sql("select current_date").query(java.time.LocalDate.class).single();
        YearMonth first = YearMonth.of(2026, 1);
        YearMonth last = YearMonth.from(today).isBefore(first) ? first : YearMonth.from(today);
        assertThat(rollups.verify(company.id, null, first, last).differences()).isEmpty();
        assertThat(jdbc.sql("select coalesce(sum(records), 0) from rollup_day where company_id = ?").param(company.id).query(Long.class).single())
                .as("both deals won").isEqualTo(2);
    }

    private BigDecimal calls(TestCompany company, Period period, boolean asTheyAre) {
        MetricDefinition metric = catalog.find(company.id, "calls").orElseThrow();
        MetricValue value = asTheyAre
                ? values.asRolledUp(company.id, metric, Scope.COMPANY, period, key -> catalog.find(company.id, key))
                : values.value(company.id, metric, Scope.COMPANY, period, key -> catalog.find(company.id, key));
        return value.value();
    }
}

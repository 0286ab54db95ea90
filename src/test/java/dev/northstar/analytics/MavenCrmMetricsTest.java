package dev.northstar.analytics;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.ingest.PipelineStages;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.FileImports;
import dev.northstar.ingest.files.ImportJob;
import dev.northstar.ingest.files.ImportSettings;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.DemoOrganization.Blueprint;
import dev.northstar.organization.DemoOrganization.Login;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Maven Analytics CRM data set (8,800 opportunities of 35 agents in 3 regional offices, closed in 2017), loaded
 * through the real file import: sales_teams.csv makes the regional offices departments and the managers' teams,
 * sales_pipeline.csv the deals. Win rate, closed-won revenue, average deal size and sales cycle by regional office
 * and quarter from the reference evaluator must equal a second computation, written in plain SQL here.
 * <p>
 * The data set may not be shipped with the project: it is read from ../shared/datasets, and the test is skipped when
 * it is absent.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MavenCrmMetricsTest {

    static final Path MAVEN = Paths.get("..", "shared", "datasets", "maven-crm-sales-opportunities");
    static final List<String> QUARTERS = List.of("FY2017-Q1", "FY2017-Q2", "FY2017-Q3", "FY2017-Q4", "FY2017");

    @Autowired ReferenceEvaluator evaluator;
    @Autowired FileImports imports;
    @Autowired PipelineStages pipeline;
    @Autowired OrganizationDirectory directory;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;

    final Metrics metrics = new Metrics();
    long company;
    FiscalCalendar calendar;

    /** What the plain SQL below finds for one regional office (or the company) and period. */
    record Expected(String office, String period, long won, long closed, BigDecimal revenue, BigDecimal averageSize, BigDecimal cycle) {
    }

    @BeforeAll
    void load() throws Exception {
        assumeTrue(Files.isDirectory(MAVEN), "Skipped: the Maven CRM data set is not in " + MAVEN.toAbsolutePath());
        String admin = "admin" + System.nanoTime() + "@maven-metrics.test";
        company = demo.generate(new Blueprint("Maven metrics " + System.nanoTime(), "maven-metrics.test", List.of(), 0,
                List.of(new Login(admin, "Morgan Admin", "admin", null, null)), 1)).companyId();
        calendar = FiscalCalendar.of("Europe/Oslo", 1, 1); // the demo company's settings: Oslo, fiscal year from January
        Viewer viewer = directory.viewer(company, jdbc.sql("select id from person where email = ?").param(admin).query(Long.class).single())
                .orElseThrow();

        // The data set's stages are Prospecting > Engaging > Won / Lost: Engaging joins the default pipeline.
        List<PipelineStages.Stage> stages = new ArrayList<>(PipelineStages.DEFAULTS);
        stages.add(1, new PipelineStages.Stage("engaging", "Engaging", 0, BigDecimal.valueOf(30), PipelineStages.Outcome.OPEN));
        pipeline.replace(viewer, stages);

        importFile(viewer, RecordKind.PEOPLE, "sales_teams.csv", "maven.example");
        importFile(viewer, RecordKind.DEALS, "sales_pipeline.csv", null);
        assertThat(jdbc.sql("select count(*) from deal where company_id = ?").param(company).query(Long.class).single()).isEqualTo(8800);
        // The import puts people in their teams from today; the data set has no history of teams, so its agents are
        // taken to have been in them all along.
        jdbc.sql("update membership set valid_from = date '2016-01-01' where company_id = ?").param(company).update();

        metrics.addWonDealMetrics();
    }

    private void importFile(Viewer viewer, RecordKind kind, String file, String emailDomain) throws Exception {
        ImportJob job;
        try (InputStream content = Files.newInputStream(MAVEN.resolve(file))) {
            job = imports.upload(viewer, kind, file, content, "maven");
        }
        ImportSettings guessed = job.settings();
        imports.configure(viewer, job.id(), null, new ImportSettings(guessed.columns(), guessed.constants(), guessed.locale(),
                guessed.dateFormat(), emailDomain, false));
        ImportJob checked = imports.check(viewer, job.id()).get(180, TimeUnit.SECONDS);
        assertThat(checked.rejectedRows()).as("rows of %s rejected by the check", file).isZero();
        assertThat(imports.commit(viewer, job.id(), false).get(180, TimeUnit.SECONDS).state()).isEqualTo(ImportJob.State.COMMITTED);
    }

    @Test
    void winRateRevenueDealSizeAndCycleByRegionalOfficeAndQuarterEqualPlainSql() {
        List<Expected> expected = plainSql();
        assertThat(expected).as("three offices and the company, four quarters and the year").hasSize(4 * 5);
        System.out.printf("%nMaven CRM, 2017, reference evaluator (= plain SQL):%n%-8s %-10s %6s %7s %12s %10s %8s%n",
                "office", "period", "won", "closed", "revenue", "avg size", "cycle");
        for (Expected row : expected) {
            Scope scope = row.office().equals("(company)") ? Scope.COMPANY : new Scope.Department(department(row.office()));
            Period period = calendar.parse(row.period());
            MetricValue winRate = value("win_rate", scope, period);
            assertThat(winRate.numerator()).as("won, %s %s", row.office(), row.period()).isEqualByComparingTo(BigDecimal.valueOf(row.won()));
            assertThat(winRate.denominator()).as("closed, %s %s", row.office(), row.period()).isEqualByComparingTo(BigDecimal.valueOf(row.closed()));
            assertThat(winRate.value()).as("win rate, %s %s", row.office(), row.period())
                    .isCloseTo(BigDecimal.valueOf(row.won()).divide(BigDecimal.valueOf(row.closed()), 20, RoundingMode.HALF_EVEN), within(new BigDecimal("1e-14")));
            assertThat(value("closed_won_revenue", scope, period).value()).as("revenue, %s %s", row.office(), row.period())
                    .isEqualByComparingTo(row.revenue());
            assertThat(value("average_deal_size", scope, period).value()).as("average deal size, %s %s", row.office(), row.period())
                    .isCloseTo(row.averageSize(), within(new BigDecimal("1e-10")));
            assertThat(value("sales_cycle", scope, period).value()).as("sales cycle, %s %s", row.office(), row.period())
                    .isCloseTo(row.cycle(), within(new BigDecimal("1e-12")));
            System.out.printf("%-8s %-10s %6d %7d %12s %10s %8s%n", row.office().replace("(company)", "all"), row.period(), row.won(), row.closed(),
                    row.revenue().toPlainString(), row.averageSize().setScale(2, RoundingMode.HALF_EVEN), row.cycle().setScale(2, RoundingMode.HALF_EVEN));
        }
    }

    @Test
    void theOfficesAddUpToTheCompany() {
        Period year = calendar.parse("FY2017");
        BigDecimal revenue = BigDecimal.ZERO;
        BigDecimal won = BigDecimal.ZERO;
        for (long office : jdbc.sql("select id from department where company_id = ?").param(company).query(Long.class).list()) {
            revenue = revenue.add(value("closed_won_revenue", new Scope.Department(office), year).value());
            won = won.add(value("win_rate", new Scope.Department(office), year).numerator());
        }
        assertThat(revenue).isEqualByComparingTo(value("closed_won_revenue", Scope.COMPANY, year).value());
        assertThat(won).isEqualByComparingTo("4238");
        assertThat(value("win_rate", Scope.COMPANY, calendar.parse("FY2016")).hasData()).as("nothing closed in 2016").isFalse();
    }

    private MetricValue value(String metric, Scope scope, Period period) {
        MetricDefinition definition = metrics.get(metric);
        return evaluator.value(company, definition, scope, period, metrics::lookup);
    }

    private long department(String name) {
        return jdbc.sql("select id from department where company_id = ? and name = ?").params(company, name).query(Long.class).single();
    }

    /**
     * The same four measures, computed another way: every agent is in one team, so a deal's office is its owner's
     * team's department, and the quarters of a fiscal year starting in January are calendar quarters.
     */
    private List<Expected> plainSql() {
        return jdbc.sql("""
                        with closed as (
                            select coalesce(dep.name, '(company)') as office, d.outcome, d.amount, d.closed_on - d.created_on as days,
                                   'FY' || extract(year from d.closed_on) || '-Q' || extract(quarter from d.closed_on) as quarter,
                                   'FY' || extract(year from d.closed_on) as year
                            from deal d
                            join membership m on m.company_id = d.company_id and m.person_id = d.owner_id
                            join team t on t.company_id = m.company_id and t.id = m.team_id
                            join department dep on dep.company_id = t.company_id and dep.id = t.department_id
                            where d.company_id = ? and d.outcome in ('won', 'lost')),
                        periods as (
                            select office, quarter as period, outcome, amount, days from closed
                            union all select office, year, outcome, amount, days from closed
                            union all select '(company)', quarter, outcome, amount, days from closed
                            union all select '(company)', year, outcome, amount, days from closed)
                        select office, period, count(*) filter (where outcome = 'won'), count(*),
                               coalesce(sum(amount) filter (where outcome = 'won'), 0),
                               avg(amount) filter (where outcome = 'won'), avg(days) filter (where outcome = 'won')
                        from periods group by office, period order by office, period""")
                .param(company)
                .query((rs, n) -> new Expected(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getBigDecimal(5),
                        rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
    }
}

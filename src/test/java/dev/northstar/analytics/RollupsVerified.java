package dev.northstar.analytics;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.RollupMaintenance.Difference;
import dev.northstar.analytics.RollupMaintenance.Verification;
import dev.northstar.analytics.internal.Rollable;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricLibrary;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * For a test class that loads raw records: the rollups it leaves behind equal the raw records. Each company the class
 * writes to gets the metric library before its first test, so that the library's metrics are rolled up while the class
 * loads and every load's markers are worked off as they come, as in production. After the last test the rollups are
 * brought up to date ({@link RollupMaintenance#catchUp}) and {@link RollupMaintenance#verify verified} over the months
 * that hold the loaded data; every difference fails the class.
 * <p>
 * On a {@code @SpringBootTest} class: {@code @RegisterExtension static final RollupsVerified ROLLUPS =
 * RollupsVerified.of("2026-05", "2026-05", "Demo Corp");}. A company a test creates itself is handed over with
 * {@link #track}, before the test loads anything into it.
 * <p>
 * Verify compares every scope and period one by one (Demo Corp has some 70 scopes), so the months are kept to what was
 * loaded, and only the library's rolled-up aggregates are compared. The ratio, derived and cumulative metrics are made
 * of their values by the same code on both paths ({@link RollupEqualityTest} compares them too), every other metric is
 * read from the raw records on both paths, and the metrics other test classes define in a shared company would make the
 * cost depend on which classes ran before.
 */
public final class RollupsVerified implements BeforeTestExecutionCallback, AfterAllCallback {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RollupsVerified.class);
    /** One wrong cell shows in every scope and period above it: the first few differences tell what went wrong. */
    private static final int SHOWN = 40;
    private static final Set<String> LIBRARY = MetricLibrary.definitions().stream().map(MetricDefinition::key).collect(Collectors.toSet());

    private final YearMonth from;
    private final YearMonth to;
    private final List<String> companyNames;
    private final Set<Long> companies = new LinkedHashSet<>();
    private ApplicationContext context;

    private RollupsVerified(YearMonth from, YearMonth to, List<String> companyNames) {
        this.from = from;
        this.to = to;
        this.companyNames = companyNames;
    }

    /** The companies with these names (made by the class's own set-up), verified from month {@code from} to {@code to}. */
    public static RollupsVerified of(String from, String to, String... companyNames) {
        return of(YearMonth.parse(from), YearMonth.parse(to), companyNames);
    }

    public static RollupsVerified of(YearMonth from, YearMonth to, String... companyNames) {
        return new RollupsVerified(from, to, List.of(companyNames));
    }

    /**
     * Deletes activities behind ingest's back, as a test's clean-up does, and marks the rollup cells they leave, as
     * ingest marks the cells of what it writes: every day of each person from the day before their first deleted
     * activity on (a day early, as the company's day may begin before the UTC day).
     */
    public static void deleteActivities(JdbcClient jdbc, String condition, Object... params) {
        jdbc.sql("with gone as (delete from activity where " + condition + " returning company_id, person_id, occurred_at) "
                        + "insert into rollup_dirty (company_id, person_id, day, onwards) "
                        + "select company_id, person_id, min(occurred_at)::date - 1, true from gone group by company_id, person_id")
                .params(params).update();
    }

    /** After the class's {@code @BeforeEach}, which may have made the companies, and before the test loads anything. */
    @Override
    public void beforeTestExecution(ExtensionContext extension) {
        context = SpringExtension.getApplicationContext(extension);
        for (String name : companyNames) {
            bean(JdbcClient.class).sql("select id from company where name = ?").param(name).query(Long.class).optional().ifPresent(this::track);
        }
    }

    /** A company a test writes to: gets the metric library now, unless it has it, and is verified after the last test. */
    public long track(long companyId) {
        if (companies.add(companyId)) {
            long admin = bean(JdbcClient.class).sql("select min(person_id) from company_admin where company_id = ?").param(companyId)
                    .query(Long.class).optional()
                    .orElseThrow(() -> new IllegalStateException("company " + companyId + " has no admin to install the metric library"));
            Viewer viewer = bean(OrganizationDirectory.class).viewer(companyId, admin).orElseThrow();
            bean(MetricLibrary.class).install(viewer); // keys the company has are left as they are
        }
        return companyId;
    }

    @Override
    public void afterAll(ExtensionContext extension) {
        if (companies.isEmpty()) {
            return; // no test ran
        }
        context = SpringExtension.getApplicationContext(extension);
        RollupMaintenance rollups = bean(RollupMaintenance.class);
        for (long company : companies) {
            long started = System.nanoTime();
            rollups.catchUp(company);
            List<String> metrics = rolledUpLibraryMetrics(company);
            long compared = 0;
            List<Difference> differences = new ArrayList<>();
            for (String metric : metrics) {
                Verification verification = rollups.verify(company, metric, from, to);
                compared += verification.compared();
                differences.addAll(verification.differences());
            }
            log.info("Rollups of company {} verified from {} to {}: {} metrics, {} values, {} differences, in {} ms", company, from, to,
                    metrics.size(), compared, differences.size(), (System.nanoTime() - started) / 1_000_000);
            assertThat(metrics).as("rolled-up metrics of the library in company %d", company).isNotEmpty();
            if (!differences.isEmpty()) {
                fail("The rollups of company %d after %s differ from the raw records from %s to %s (rolled up, reference):%n%s".formatted(
                        company, extension.getRequiredTestClass().getSimpleName(), from, to, shown(differences)));
            }
        }
    }

    private List<String> rolledUpLibraryMetrics(long company) {
        return bean(MetricCatalog.class).all(company).stream()
                .filter(metric -> LIBRARY.contains(metric.key()) && Rollable.aggregate(metric).isPresent())
                .map(MetricDefinition::key).toList();
    }

    private static String shown(List<Difference> differences) {
        return differences.stream().limit(SHOWN)
                .map(d -> "  %s for %s in %s: %s, %s".formatted(d.metric(), d.scope(), d.period(), d.rolledUp(), d.reference()))
                .collect(Collectors.joining("\n"))
                + (differences.size() > SHOWN ? "%n  ... %d in all".formatted(differences.size()) : "");
    }

    private <T> T bean(Class<T> type) {
        if (context == null) {
            throw new IllegalStateException("track a company from a test method, once the Spring context has started");
        }
        return context.getBean(type);
    }
}

package dev.northstar.analytics;

import dev.northstar.analytics.internal.CompanyFacts;
import dev.northstar.analytics.internal.RollupWorker;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilding the rollups from the raw records, bringing them up to date, and verifying them: every metric that is
 * rolled up or composed of other metrics (ratio, derived, cumulative), for every scope (the company, each department,
 * team and person) and every month and fiscal quarter of a range, from the rollups as they are and from the
 * {@link ReferenceEvaluator}; every difference is reported. No access check: callers decide (admins only).
 */
@Service
public class RollupMaintenance {

    /** One value the two paths disagree on; a value is shown as text, or as the error the path raised. */
    public record Difference(String metric, String scope, String period, String rolledUp, String reference) {
    }

    public record Verification(long compared, List<Difference> differences) {
        public boolean equal() {
            return differences.isEmpty();
        }
    }

    private final RollupWorker worker;
    private final MetricValues values;
    private final ReferenceEvaluator reference;
    private final MetricCatalog catalog;
    private final JdbcClient jdbc;

    RollupMaintenance(RollupWorker worker, MetricValues values, ReferenceEvaluator reference, MetricCatalog catalog, JdbcClient jdbc) {
        this.worker = worker;
        this.values = values;
        this.reference = reference;
        this.catalog = catalog;
        this.jdbc = jdbc;
    }

    /** Every rolled-up metric of the company, from the raw records. */
    public void rebuild(long companyId) {
        worker.rebuild(companyId);
    }

    /** Recomputes every waiting cell and out-of-date metric now (waiting for a worker that is at it). */
    public void catchUp(long companyId) {
        worker.catchUp(companyId);
    }

    /** @param metricKey one metric, or null for all that are rolled up or composed */
    public Verification verify(long companyId, String metricKey, YearMonth from, YearMonth to) {
        List<MetricDefinition> metrics = metricKey == null
                ? catalog.all(companyId).stream().filter(RollupMaintenance::composedOrAggregate).toList()
                : List.of(catalog.find(companyId, metricKey).orElseThrow(() -> new NotFoundException("Metric", metricKey)));
        List<Period> periods = periods(CompanyFacts.read(jdbc, companyId).calendar(), from, to);
        List<Difference> differences = new ArrayList<>();
        long compared = 0;
        for (MetricDefinition metric : metrics) {
            for (Scope scope : scopes(companyId)) {
                for (Period period : periods) {
                    compared++;
                    String rolledUp = shown(() -> values.asRolledUp(companyId, metric, scope, period, key -> catalog.find(companyId, key)));
                    String expected = shown(() -> reference.value(companyId, metric, scope, period, key -> catalog.find(companyId, key)));
                    if (!rolledUp.equals(expected)) {
                        differences.add(new Difference(metric.key(), scope.key(), period.label(), rolledUp, expected));
                    }
                }
            }
        }
        return new Verification(compared, differences);
    }

    private static boolean composedOrAggregate(MetricDefinition metric) {
        Formula formula = metric.formula();
        return formula instanceof Formula.Aggregate || formula instanceof Formula.Ratio || formula instanceof Formula.Derived
                || formula instanceof Formula.Cumulative;
    }

    private List<Scope> scopes(long companyId) {
        List<Scope> scopes = new ArrayList<>();
        scopes.add(new Scope.Company());
        jdbc.sql("select id from department where company_id = ? order by id").param(companyId).query(Long.class).list()
                .forEach(id -> scopes.add(new Scope.Department(id)));
        jdbc.sql("select id from team where company_id = ? order by id").param(companyId).query(Long.class).list()
                .forEach(id -> scopes.add(new Scope.Team(id)));
        jdbc.sql("select id from person where company_id = ? order by id").param(companyId).query(Long.class).list()
                .forEach(id -> scopes.add(new Scope.Person(id)));
        return scopes;
    }

    /** The months from {@code from} to {@code to}, and the fiscal quarters that hold them. */
    static List<Period> periods(FiscalCalendar calendar, YearMonth from, YearMonth to) {
        Set<Period> months = new LinkedHashSet<>();
        Set<Period> quarters = new LinkedHashSet<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(calendar.period(Grain.MONTH, month.atDay(1)));
            quarters.add(calendar.period(Grain.QUARTER, month.atDay(1)));
        }
        List<Period> periods = new ArrayList<>(months);
        periods.addAll(quarters);
        return periods;
    }

    /**
     * A value as text that compares numbers by value (10.50 equals 10.5), with a ratio's parts; or the error raised.
     */
    private static String shown(java.util.function.Supplier<MetricValue> value) {
        try {
            MetricValue v = value.get();
            return plain(v.value()) + (v.hasParts() ? " (" + plain(v.numerator()) + " / " + plain(v.denominator()) + ")" : "");
        } catch (MetricEvaluationException e) {
            return "error: " + e.getMessage();
        }
    }

    private static String plain(java.math.BigDecimal number) {
        return number == null ? "no data" : number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }
}

package dev.northstar.catalog.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.catalog.MetricLibrary;
import dev.northstar.organization.DemoCompanyGenerated;
import dev.northstar.shared.Scope;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Gives every demo company the metric library and a handful of company key metrics as it is generated, so that the
 * key-metrics answers and pages of a fresh demo show numbers over its history rather than an empty list. Under the
 * same switch as the demo history (never in tests, which install what they need).
 */
@Component
@ConditionalOnProperty(name = "northstar.demo.history", havingValue = "true")
class DemoMetricsForNewDemoCompanies {

    /** Results first, then the activities that drive them (seed 000's primary and secondary metrics). */
    static final List<String> COMPANY_KEY_METRICS = List.of("closed_won_revenue", "deals_won", "win_rate", "open_pipeline", "calls",
            "meetings_booked");

    private final MetricLibrary library;
    private final KeyMetricLevels levels;
    private final OrganizationDirectory directory;

    DemoMetricsForNewDemoCompanies(MetricLibrary library, KeyMetricLevels levels, OrganizationDirectory directory) {
        this.library = library;
        this.levels = levels;
        this.directory = directory;
    }

    @EventListener
    // Early: demo data that reads the metrics (the demo targets) comes later.
    @Order(1)
    void on(DemoCompanyGenerated company) {
        Viewer admin = directory.everyone(company.companyId()).stream()
                .map(person -> directory.viewer(company.companyId(), person.ref().id()).orElseThrow())
                .filter(Viewer::admin).findFirst()
                .orElseThrow(() -> new IllegalStateException("a demo company has an admin"));
        int installed = library.install(admin).added().size();
        COMPANY_KEY_METRICS.forEach(key -> levels.choose(admin, Scope.COMPANY, key, Mode.ADD));
        company.added(installed + " metrics from the library, " + COMPANY_KEY_METRICS.size() + " of them company key metrics");
    }
}

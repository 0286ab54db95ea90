package dev.northstar.analytics.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricValue;
import dev.northstar.analytics.MetricValues;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.organization.DemoCompanyGenerated;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import dev.northstar.targets.Targets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Gives every demo company quarterly targets, so that a fresh demo's pages show pace and status rather than "No
 * target". Each person with a history gets, per additive key metric, their last full quarter's value plus a tenth,
 * rounded to two significant figures, for the current quarter, the one before it and the next; a team's target is
 * its members' sum, a department's its teams', the company's its departments' (weeks and months prorate from the
 * quarter). Runs after the demo metrics and history (same switch, later order), in the generating transaction.
 */
@Component
@ConditionalOnProperty(name = "northstar.demo.history", havingValue = "true")
class DemoTargetsForNewDemoCompanies {

    /** The demo's key metrics that add up over people and time (win rate and open pipeline do not). */
    static final List<String> METRICS = List.of("closed_won_revenue", "deals_won", "calls", "meetings_booked");
    private static final BigDecimal STRETCH = new BigDecimal("1.1");

    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final MetricCatalog catalog;
    private final MetricValues values;
    private final Targets targets;

    DemoTargetsForNewDemoCompanies(OrganizationDirectory directory, OrganizationService organization, MetricCatalog catalog,
                                   MetricValues values, Targets targets) {
        this.directory = directory;
        this.organization = organization;
        this.catalog = catalog;
        this.values = values;
        this.targets = targets;
    }

    @EventListener
    @Order(Ordered.LOWEST_PRECEDENCE)
    void on(DemoCompanyGenerated company) {
        List<PersonEntry> people = directory.everyone(company.companyId());
        Viewer admin = people.stream().map(p -> directory.viewer(company.companyId(), p.ref().id()).orElseThrow())
                .filter(Viewer::admin).findFirst()
                .orElseThrow(() -> new IllegalStateException("a demo company has an admin"));
        Map<String, MetricDefinition> metrics = new LinkedHashMap<>();
        catalog.all(company.companyId()).forEach(m -> metrics.put(m.key(), m));
        if (!metrics.keySet().containsAll(METRICS)) {
            return; // the demo metrics were not installed: nothing to aim at
        }
        FiscalCalendar calendar = organization.company(admin).calendar();
        Period current = calendar.period(Grain.QUARTER, organization.today(admin));
        Period last = calendar.previous(current);
        List<Period> quarters = List.of(last, current, calendar.period(Grain.QUARTER, current.end()));
        Evaluation evaluation = values.session(company.companyId(), key -> Optional.ofNullable(metrics.get(key)));
        List<Long> ids = people.stream().filter(PersonEntry::active).map(p -> p.ref().id()).toList();
        int set = 0;
        for (String key : METRICS) {
            Map<Long, MetricValue> lastQuarter = evaluation.people(metrics.get(key), ids, last);
            Map<Scope, BigDecimal> aims = new LinkedHashMap<>();
            for (PersonEntry person : people) {
                MetricValue value = lastQuarter.get(person.ref().id());
                if (value == null || !value.hasData() || value.value().signum() <= 0 || person.ref().teamId() == null) {
                    continue;
                }
                BigDecimal aim = stretched(value.value());
                aims.put(new Scope.Person(person.ref().id()), aim);
                aims.merge(new Scope.Team(person.ref().teamId()), aim, BigDecimal::add);
                aims.merge(new Scope.Department(person.ref().departmentId()), aim, BigDecimal::add);
                aims.merge(Scope.COMPANY, aim, BigDecimal::add);
            }
            for (Map.Entry<Scope, BigDecimal> aim : aims.entrySet()) {
                for (Period quarter : quarters) {
                    targets.set(admin, key, aim.getKey(), quarter, aim.getValue());
                    set++;
                }
            }
        }
        company.added(set + " quarterly targets (last full quarter plus a tenth)");
    }

    /** A tenth more, to two significant figures: 1,234 becomes 1,400, 37 becomes 41. */
    static BigDecimal stretched(BigDecimal value) {
        BigDecimal aim = value.multiply(STRETCH).round(new MathContext(2, RoundingMode.CEILING));
        return aim.setScale(Math.max(0, aim.scale()), RoundingMode.UNNECESSARY).max(BigDecimal.ONE);
    }
}

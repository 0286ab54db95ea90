package dev.northstar.accounts.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.organization.Company;
import dev.northstar.organization.DemoCompanyGenerated;
import dev.northstar.organization.OrganizationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;

/**
 * With {@code northstar.accounts.ravenstack-dir} set to a copy of the RavenStack data set, loads it once into the
 * company named by {@code northstar.accounts.ravenstack-company} (the demo's by default) at start-up, its accounts
 * owned in turn by the company's people in teams, subscriptions without an end running to this month.
 */
@Component
class RavenstackDemo {

    private static final Logger log = LoggerFactory.getLogger(RavenstackDemo.class);

    private final RavenstackDataset dataset;
    private final OrganizationService organization;
    private final OrganizationDirectory directory;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String dir;
    private final String companyName;

    RavenstackDemo(RavenstackDataset dataset, OrganizationService organization, OrganizationDirectory directory, JdbcClient jdbc, Clock clock,
                   @Value("${northstar.accounts.ravenstack-dir:}") String dir,
                   @Value("${northstar.accounts.ravenstack-company:Demo Corp}") String companyName) {
        this.dataset = dataset;
        this.organization = organization;
        this.directory = directory;
        this.jdbc = jdbc;
        this.clock = clock;
        this.dir = dir;
        this.companyName = companyName;
    }

    /** A demo company made now (first start): loaded in its making, so that its start-up banner says so. */
    @EventListener
    void on(DemoCompanyGenerated generated) {
        if (!dir.isBlank() && generated.companyName().equals(companyName)) {
            organization.companies().stream().filter(c -> c.id() == generated.companyId()).findFirst()
                    .map(this::loadInto).ifPresent(generated::added);
        }
    }

    /** A company made before (a restart with the setting newly given). */
    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (dir.isBlank()) {
            return;
        }
        organization.companies().stream().filter(c -> c.name().equals(companyName)).findFirst().ifPresent(this::loadInto);
    }

    private String loadInto(Company company) {
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            log.warn("northstar.accounts.ravenstack-dir {} is not a directory; the RavenStack data set is not loaded", path);
            return null;
        }
        boolean loaded = jdbc.sql("select exists (select 1 from account where company_id = ? and source = ?)")
                .params(company.id(), RavenstackDataset.SOURCE).query(Boolean.class).single();
        if (loaded) {
            return null;
        }
        var admin = directory.admins(company.id()).stream().findFirst().orElse(null);
        if (admin == null) {
            log.warn("{} has no admin to load the RavenStack data set as", companyName);
            return null;
        }
        var owners = directory.everyone(company.id()).stream().filter(p -> p.active() && p.ref().teamId() != null).map(p -> p.ref().id()).toList();
        var result = dataset.load(admin, path, owners, YearMonth.now(clock.withZone(java.time.ZoneId.of(company.timeZone()))));
        log.info("RavenStack data set loaded into {}: {}", companyName, result);
        return "%,d RavenStack accounts with %,d months of recurring revenue and %,d satisfaction scores (source ravenstack)"
                .formatted(result.accounts(), result.revenueLines(), result.satisfactionValues());
    }
}

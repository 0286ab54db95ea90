package dev.northstar.organization.internal;

import dev.northstar.organization.DemoOrganization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * On the embedded demo database (see {@code DatabaseEnvironmentPostProcessor}), creates the demo companies on first
 * start and prints where Northstar is and how to log in. Never on a server named by NORTHSTAR_DB_URL.
 */
@Component
@ConditionalOnProperty(name = "northstar.demo.enabled", havingValue = "true")
class DemoOnFirstStart {

    private static final Logger log = LoggerFactory.getLogger(DemoOnFirstStart.class);

    private final DemoOrganization demo;
    private final Environment environment;

    DemoOnFirstStart(DemoOrganization demo, Environment environment) {
        this.demo = demo;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        List<DemoOrganization.Generated> generated = demo.generateDemoCompaniesIfMissing();
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        log.info("""

                ==================================================================
                 Northstar is running at http://localhost:{}/
                 {}{}
                 Demo logins (password '{}'):
                   admin@demo.northstar.dev          company admin of Demo Corp
                   manager@demo.northstar.dev        manager of the Sales department
                   lead@demo.northstar.dev           lead of the Enterprise team (Sales)
                   rep@demo.northstar.dev            member of the Enterprise team
                   other.manager@demo.northstar.dev  manager of Customer Success
                   admin@other.northstar.dev         company admin of Other Inc
                 API docs: http://localhost:{}/api/docs
                ==================================================================""",
                port, generated.isEmpty() ? "Demo data already present." : "Demo Corp and Other Inc were generated on this first start.",
                additions(generated), DemoOrganization.DEMO_PASSWORD, port);
    }

    /** What other modules added to each generated company (its history), one indented line each. */
    private static String additions(List<DemoOrganization.Generated> generated) {
        StringBuilder lines = new StringBuilder();
        for (DemoOrganization.Generated company : generated) {
            for (String addition : company.additions()) {
                lines.append("\n   ").append(company.companyName()).append(": ").append(addition);
            }
        }
        return lines.toString();
    }
}

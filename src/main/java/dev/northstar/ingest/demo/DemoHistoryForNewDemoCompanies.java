package dev.northstar.ingest.demo;

import dev.northstar.organization.DemoCompanyGenerated;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Gives every demo company a year of history as it is generated, in the same transaction, so that on first start
 * every page has something true to show. Only where {@code northstar.demo.history} is true: by default wherever the
 * demo companies are generated (the embedded database), never in tests, which create demo companies by the dozen
 * and write a history only where they ask for one.
 */
@Component
@ConditionalOnProperty(name = "northstar.demo.history", havingValue = "true")
class DemoHistoryForNewDemoCompanies {

    private final DemoHistories histories;

    DemoHistoryForNewDemoCompanies(DemoHistories histories) {
        this.histories = histories;
    }

    @EventListener
    // Early: demo data that reads the history (the demo targets) comes later.
    @Order(2)
    void on(DemoCompanyGenerated company) {
        company.added(histories.generateAndWrite(company.companyId(), company.seed(), 1.0).summary());
    }
}

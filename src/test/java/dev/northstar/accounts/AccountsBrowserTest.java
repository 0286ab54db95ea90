package dev.northstar.accounts;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import dev.northstar.Browsers;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep opens the portfolio, drills into one of their accounts, reads its summary and health, opens the metric
 * details, records a value and sees it in the timeline's history; axe-core checks each page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountsBrowserTest {

    static Browsers browsers;

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void aRepDrillsFromThePortfolioIntoAnAccountAndRecordsAValue() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        String name = "Browser Bakery " + System.nanoTime();
        long company = jdbc.sql("select id from company where name = 'Demo Corp'").query(Long.class).single();
        long rep = jdbc.sql("select id from person where email = 'rep@demo.northstar.dev'").query(Long.class).single();
        String ref = "browser-" + System.nanoTime();
        jdbc.sql("insert into account (company_id, source, external_id, name, owner_id, segment) values (?, 'browser', ?, ?, ?, 'SMB')")
                .params(company, ref, name, rep).update();
        jdbc.sql("insert into revenue_line (company_id, source, account_ref, month, mrr, currency) values (?, 'browser', ?, date_trunc('month', now())::date, 1200, 'USD'), (?, 'browser', ?, (date_trunc('month', now()) - interval '1 month')::date, 1000, 'USD')")
                .params(company, ref, company, ref).update();
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            Browsers.logIn(page, "http://localhost:" + port, "rep@demo.northstar.dev");
            page.click("header >> text=Accounts");
            page.waitForURL(address -> address.endsWith("/accounts"));
            assertThat(page.locator("#accounts")).containsText(name);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the portfolio").isEmpty();
            Browsers.screenshot(page, "accounts-portfolio-rep");

            page.click("#accounts >> text=" + name);
            page.waitForLoadState();
            assertThat(page.locator("h1")).hasText(name);
            assertThat(page.locator(".top-four")).containsText("1,200 USD");
            assertThat(page.locator(".top-four")).containsText("120 %");
            assertThat(page.locator(".top-four")).containsText("+200 USD (better)");
            assertThat(page.locator(".card.health")).containsText("weighted");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the account summary").isEmpty();
            Browsers.screenshot(page, "account-summary-rep");

            page.click("text=View metric details");
            page.waitForLoadState();
            page.click("table.account-metrics >> text=Customer sentiment");
            page.waitForLoadState();
            var row = page.locator("table.account-metrics tr", new Page.LocatorOptions().setHasText("Customer sentiment"));
            row.locator("summary").click();
            row.locator("input[name=value]").fill("2");
            row.locator("button:has-text('Record value')").click();
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("Customer sentiment recorded");
            assertThat(page.locator("#edits")).containsText("Riley Rep");
            assertThat(page.locator("#edits")).containsText("2 of 3");
            assertThat(page.locator("table.account-metrics tr", new Page.LocatorOptions().setHasText("Customer sentiment"))).containsText("At risk");
            assertThat(page.locator("#metric-chart svg")).hasCount(1);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the metric details").isEmpty();
            Browsers.screenshot(page, "account-metric-details-rep");
        }
    }
}

package dev.northstar.alerts;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.northstar.Browsers;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.alerts.internal.AlertChecks;
import dev.northstar.catalog.MetricLibrary;
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

/** A rep makes an alert on their own calls through the form, is told in the bell, reads it, and removes the alert. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertsBrowserTest {

    static Browsers browsers;

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;
    @Autowired AlertChecks checks;
    @Autowired MetricLibrary library;
    @Autowired OrganizationDirectory directory;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void aRepMakesAnAlertIsToldInTheBellAndReadsIt() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        long company = jdbc.sql("select id from company where name = 'Demo Corp'").query(Long.class).single();
        long admin = jdbc.sql("select id from person where email = 'admin@demo.northstar.dev'").query(Long.class).single();
        library.install(directory.viewer(company, admin).orElseThrow());
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            Browsers.logIn(page, "http://localhost:" + port, "rep@demo.northstar.dev");
            page.click("header >> text=Alerts");
            page.waitForLoadState();
            page.selectOption("select[name=metric]", new SelectOption().setLabel("Calls"));
            page.selectOption("select[name=scope]", new SelectOption().setLabel("Riley Rep (you)"));
            page.selectOption("select[name=condition]", "below");
            page.fill("input[name=threshold]", "1000000");
            page.click("text=Make alert");
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("Alert made: Calls for Riley Rep below 1,000,000.");
            assertThat(page.locator("table.alert-rules")).containsText("✓ Not breached");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the alerts page").isEmpty();
            Browsers.screenshot(page, "alerts-rep");

            checks.check(company);
            page.reload();
            assertThat(page.locator("table.alert-rules")).containsText("✕ Breached since");
            assertThat(page.locator("a.bell .count")).isVisible();
            page.click("a.bell");
            page.waitForLoadState();
            var told = page.locator("article.notification.unread", new Page.LocatorOptions().setHasText("Calls for Riley Rep is below 1,000,000"));
            assertThat(told).hasCount(1);
            assertThat(told).containsText("Now ");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the notifications page").isEmpty();
            Browsers.screenshot(page, "notifications-rep");
            told.locator("text=Mark read").click();
            page.waitForLoadState();
            assertThat(page.locator("article.notification.unread", new Page.LocatorOptions().setHasText("Calls for Riley Rep is below 1,000,000")))
                    .hasCount(0);

            page.click("header >> text=Alerts");
            page.waitForLoadState();
            page.locator("tr", new Page.LocatorOptions().setHasText("Calls for Riley Rep below 1,000,000")).locator("text=Remove").click();
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("Alert removed.");
        }
    }
}

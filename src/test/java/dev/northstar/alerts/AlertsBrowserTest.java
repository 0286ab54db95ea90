package dev.northstar.alerts;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.northstar.Browsers;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.alerts.internal.AlertChecks;
import dev.northstar.catalog.MetricLibrary;
import dev.northstar.organization.DemoOrganization;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rep makes an alert on their own calls through the form, is told in the bell, reads it, and removes the alert; an
 * admin connects chat channels (real HTTP servers here) and reads the delivery log; a rep chooses what they get.
 */
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

    @Test
    void anAdminConnectsAChatChannelAndReadsTheDeliveryLogAndARepChoosesWhatTheyGet() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        long company = jdbc.sql("select id from company where name = 'Demo Corp'").query(Long.class).single();
        long admin = jdbc.sql("select id from person where email = 'admin@demo.northstar.dev'").query(Long.class).single();
        library.install(directory.viewer(company, admin).orElseThrow()); // metrics with review cadences
        HttpServer channels = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> posts = new CopyOnWriteArrayList<>();
        channels.createContext("/ok", exchange -> answer(exchange, 200, posts));
        channels.createContext("/broken", exchange -> answer(exchange, 503, posts));
        channels.start();
        String base = "http://127.0.0.1:" + channels.getAddress().getPort();
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            Browsers.logIn(page, "http://localhost:" + port, "admin@demo.northstar.dev");
            page.click("header >> text=Alerts");
            page.waitForLoadState();
            page.click("nav.tabs >> text=Chat channels");
            page.waitForURL(address -> address.endsWith("/alerts/webhooks"));
            page.fill("input[name=name]", "#sales-floor");
            page.fill("input[name=url]", base + "/ok/T000/B000/secret-path");
            page.click("text=Add channel");
            page.waitForLoadState();
            assertThat(page.locator("code.token").textContent()).matches("[0-9a-f]{64}");
            assertThat(page.locator("table.webhooks")).containsText(base + "/…");
            assertThat(page.locator("table.webhooks")).not().containsText("secret-path");
            page.locator("tr", new Page.LocatorOptions().setHasText("#sales-floor")).locator("text=Send a test").click();
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("The test reached #sales-floor.");
            assertThat(posts).hasSize(1);
            assertThat(posts.get(0)).contains("Test from Northstar");

            page.fill("input[name=name]", "#broken");
            page.fill("input[name=url]", base + "/broken");
            page.click("text=Add channel");
            page.waitForLoadState();
            page.locator("tr", new Page.LocatorOptions().setHasText("#broken")).locator("text=Send a test").click();
            page.waitForLoadState();
            assertThat(page.locator(".flash.error")).containsText("The test did not reach #broken: HTTP 503");
            assertThat(page.locator("tr", new Page.LocatorOptions().setHasText("#broken"))).containsText("Trying again at");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the chat channels page").isEmpty();
            Browsers.screenshot(page, "alert-channels-admin");

            page.click("nav.tabs >> text=Delivery log");
            page.waitForURL(address -> address.contains("/alerts/deliveries"));
            assertThat(page.locator("table.deliveries tbody tr", new Page.LocatorOptions().setHasText("#sales-floor"))).containsText("✓ Sent");
            page.selectOption("select[name=state]", "pending");
            page.click("button:has-text('Show')");
            page.waitForLoadState();
            assertThat(page.locator("table.deliveries tbody tr")).hasCount(1);
            assertThat(page.locator("table.deliveries tbody tr")).containsText("HTTP 503");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the delivery log").isEmpty();
            Browsers.screenshot(page, "delivery-log-admin");

            page.click("nav.tabs >> text=Alerts");
            page.waitForLoadState();
            assertThat(page.locator("select[name=webhookId] option")).containsText(new String[] {"No chat channel", "#broken", "#sales-floor"});

            page.click("nav.tabs >> text=Reviews");
            page.waitForURL(address -> address.contains("/reviews"));
            page.click("nav.cadences >> text=Monthly");
            page.waitForURL(address -> address.contains("cadence=monthly"));
            assertThat(page.locator("h2").first()).containsText("Monthly review for");
            assertThat(page.locator("table.review tbody tr")).not().hasCount(0);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the reviews page").isEmpty();
            Browsers.screenshot(page, "reviews-admin");
        } finally {
            channels.stop(0);
        }
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            Browsers.logIn(page, "http://localhost:" + port, "rep@demo.northstar.dev");
            page.navigate("http://localhost:" + port + "/notifications/settings");
            assertThat(page.locator("nav.tabs")).not().containsText("Delivery log");
            assertThat(page.locator("text=This server sends no e-mail yet")).isVisible();
            page.uncheck("input[name=emailBreaches]");
            page.click("button:has-text('Save')");
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("Saved.");
            assertThat(page.locator("input[name=emailBreaches]")).not().isChecked();
            assertThat(page.locator("input[name=emailResolutions]")).isChecked();
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("the page fits a phone").isLessThanOrEqualTo(0);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the settings page").isEmpty();
            Browsers.screenshot(page, "notification-settings-rep-phone");
            page.click("text=see this week's");
            page.waitForURL(address -> address.endsWith("/notifications/digest"));
            assertThat(page.locator("h2").first()).containsText("Your week in Northstar (");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the digest page").isEmpty();
            Browsers.screenshot(page, "digest-rep-phone");
        }
    }

    private static void answer(HttpExchange exchange, int status, List<String> posts) throws IOException {
        posts.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = (status == 200 ? "ok" : "service unavailable").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}

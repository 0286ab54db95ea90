package dev.northstar.web;

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


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real headless Chromium against the running application: log in as people of different roles, open
 * the pages they live in, and keep screenshots in target/screenshots for a person to look at.
 * Skips with a message when Chromium is not installed, except under CI, where .ci/run installs it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {

    static Browsers browsers;
    static Browser browser;

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
        browser = browsers.browser;
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void aRepLogsInAndSeesTheirHomeAndTeam() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860))) {
            Page page = context.newPage();
            logIn(page, "rep@demo.northstar.dev");
            assertThat(page.locator("h1").textContent()).isEqualTo("Hello, Riley Rep");
            screenshot(page, "home-rep");

            page.click("main >> text=Enterprise team");
            assertThat(page.url()).contains("/teams/");
            assertThat(page.content()).contains("Riley Rep").contains("Lee Lead");
            screenshot(page, "team-rep");
        }
    }

    @Test
    void theHomePageFitsAPhone() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            logIn(page, "lead@demo.northstar.dev");
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("no sideways scrolling on a phone").isLessThanOrEqualTo(0);
            screenshot(page, "home-lead-phone");
        }
    }

    @Test
    void aRepIsToldWhyTheyCannotOpenAnotherDepartment() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext()) {
            Page page = context.newPage();
            logIn(page, "rep@demo.northstar.dev");
            var response = page.navigate(url("/api/v1/departments"));
            assertThat(response.status()).isEqualTo(200);
            // The rep's own team belongs to Sales, which the rep does not manage.
            String sales = page.evaluate("() => fetch('/api/v1/teams').then(r => r.json()).then(t => t[0].departmentId)").toString();
            var refused = page.navigate(url("/organization/departments/" + sales));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.locator(".reason").textContent()).isEqualTo("You are not a manager of the Sales department.");
            assertThat(page.locator("header.top .who").textContent()).as("the page keeps its navigation").contains("Riley Rep");
            screenshot(page, "refused-rep");
        }
    }

    @Test
    void anAdminSeesTheOrganization() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "admin@demo.northstar.dev");
            page.navigate(url("/organization/teams"));
            assertThat(page.content()).contains("Sales").contains("Customer Success").contains("Marketing").contains("Enterprise");
            screenshot(page, "organization-admin");
            page.navigate(url("/organization/roles"));
            assertThat(page.content()).contains("Morgan Manager").contains("Casey Success").contains("Alex Admin");
            screenshot(page, "roles-admin");
            page.navigate(url("/account/tokens"));
            page.fill("input[name=name]", "Browser test");
            page.click("text=Create token");
            assertThat(page.locator("code.token").textContent()).startsWith("ns_");
            screenshot(page, "tokens-admin");
        }
    }

    @Test
    void aLeadLogsAnActivityForAMemberAndAnAdminChoosesTheTeamsTypes() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            logIn(page, "lead@demo.northstar.dev");
            page.click("header.top >> text=Log activity");
            // htmx starts on DOMContentLoaded: a change made before it would go unheard.
            page.waitForLoadState();
            assertThat(page.locator("h1").textContent()).isEqualTo("Log an activity");
            // Choosing the person reloads the form for them (htmx), keeping what was typed.
            page.fill("input[name=quantity]", "25");
            String member = page.locator("select[name=personId] option").nth(1).getAttribute("value");
            page.selectOption("select[name=personId]", member);
            page.waitForSelector("h2:has-text('Latest activities of')");
            assertThat(page.inputValue("input[name=quantity]")).isEqualTo("25");
            page.selectOption("select[name=type]", "meeting");
            page.fill("input[name=accountRef]", "ACME-042");
            page.click("button:has-text('Log activity')");
            assertThat(page.locator(".flash.ok").textContent()).startsWith("Logged: meeting for ");
            assertThat(page.locator("table tbody tr").first().textContent()).contains("Meeting").contains("25").contains("ACME-042");
            screenshot(page, "log-lead");
            page.setViewportSize(390, 844);
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("the logger fits a phone").isLessThanOrEqualTo(0);
            screenshot(page, "log-lead-phone");
        }
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            logIn(page, "admin@demo.northstar.dev");
            page.navigate(url("/organization"));
            page.click("nav.tabs >> text=Activity types");
            page.waitForURL(address -> address.endsWith("/organization/activity-types"));
            assertThat(page.locator("table.matrix tbody tr").count()).isEqualTo(8);
            assertThat(page.locator("input[aria-label='Enterprise logs Meeting']").isChecked()).isTrue();
            screenshot(page, "activity-types-admin");
        }
    }

    @Test
    void anAdminSetsUpAWebhookAndSeesItsSecretOnce() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            logIn(page, "admin@demo.northstar.dev");
            page.click("header.top >> text=Import");
            page.click("nav.tabs >> text=Webhooks");
            page.waitForURL(address -> address.endsWith("/imports/webhooks"));
            page.fill("input[name=name]", "HubSpot");
            page.click("text=Create webhook source");
            assertThat(page.locator("code.token").textContent()).matches("[0-9a-f]{64}");
            assertThat(page.locator("pre.example").textContent()).contains("openssl dgst -sha256 -hmac").contains("/api/v1/webhooks/hubspot-");
            assertThat(page.locator("table tbody tr").first().textContent()).contains("hubspot-").contains("Alex Admin").contains("never");
            screenshot(page, "webhooks-admin");
            page.setViewportSize(390, 844);
            screenshot(page, "webhooks-admin-phone");
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("the webhooks page fits a phone").isLessThanOrEqualTo(0);
            page.reload();
            assertThat(page.locator("code.token").count()).as("the secret is shown only once").isZero();
        }
    }

    @Test
    void anAdminReadsWhoChangedWhatInTheAuditLog() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        try (var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "admin@demo.northstar.dev");
            page.navigate(url("/account/tokens"));
            page.fill("input[name=name]", "Audited token");
            page.click("text=Create token");
            page.waitForLoadState();
            page.navigate(url("/organization/teams"));
            page.click("nav.tabs >> text=Audit log");
            page.waitForURL(address -> address.endsWith("/audit"));
            page.selectOption("select[name=area]", "api_token");
            page.click("button:has-text('Show')");
            page.waitForLoadState();
            var row = page.locator("table.audit tbody tr").first();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row).containsText("Alex Admin");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row).containsText("API token Audited token");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(row).containsText("added");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the audit log").isEmpty();
            screenshot(page, "audit-admin");
            var download = page.waitForDownload(() -> page.click("text=Download as CSV"));
            assertThat(java.nio.file.Files.readAllLines(download.path()).get(1)).contains("Alex Admin,API token,insert,Audited token");
        }
    }

    private void logIn(Page page, String email) {
        Browsers.logIn(page, "http://localhost:" + port, email);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static void screenshot(Page page, String name) throws Exception {
        Browsers.screenshot(page, name);
    }
}

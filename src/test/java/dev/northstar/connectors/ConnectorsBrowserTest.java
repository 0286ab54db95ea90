package dev.northstar.connectors;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import dev.northstar.Browsers;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An admin sets up an HTTP JSON connector through the form against a real HTTP server, runs it, reads its pulls and
 * the record it rejected; a form with a wrong database address comes back filled in, naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "db-scheduler.polling-interval=200ms")
class ConnectorsBrowserTest {

    static Browsers browsers;

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @Test
    void anAdminSetsUpAConnectorRunsItAndReadsWhatItLoadedAndRejected() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        String run = "r" + System.nanoTime();
        try (SourceServer crm = new SourceServer(exchange -> SourceServer.answer(exchange, 200, "application/json", """
                     {"items": [{"id": "b1", "owner": {"email": "rep@demo.northstar.dev"}, "at": "2026-11-20T09:00:00Z", "kind": "call"},
                                {"id": "b2", "owner": {"email": "rep@demo.northstar.dev"}, "at": "2026-11-20T10:00:00Z", "kind": "meeting"},
                                {"id": "b3", "owner": {"email": "gone@example.com"}, "at": "2026-11-20T11:00:00Z", "kind": "call"}]}"""));
             var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
            Page page = context.newPage();
            Browsers.logIn(page, "http://localhost:" + port, "admin@demo.northstar.dev");
            page.click("header >> text=Import");
            page.waitForLoadState();
            page.click("nav.tabs >> text=Connectors");
            page.waitForURL(address -> address.endsWith("/imports/connectors"));
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the connectors list").isEmpty();
            page.click("text=Add: HTTP JSON API");
            page.waitForLoadState();
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the new connector form").isEmpty();
            page.fill("input[name=name]", "CRM calls " + run);
            page.selectOption("select[name=recordKind]", new SelectOption().setLabel("Activities"));
            page.fill("input[name=schedule]", "*/30 * * * *");
            page.fill("input[name=url]", crm.url("/calls"));
            page.fill("input[name=recordsPointer]", "/items");
            page.fill("textarea[name=mapping]", "externalId = id\nperson = /owner/email\noccurredAt = at\ntype = kind");
            page.fill("textarea[name=secretHeaders]", "Authorization: Bearer browser-" + run);
            page.fill("input[name=cursorField]", "occurredAt");
            page.click("text=Add connector");
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("CRM calls " + run + " is set up");
            assertThat(page.locator("dl.facts")).containsText("new");
            assertThat(page.locator("#headers-hint")).containsText("Saved: Authorization");
            assertThat(page.content()).as("the secret is not on the page").doesNotContain("browser-" + run);

            page.click("button:has-text('Run now')");
            page.waitForLoadState();
            assertThat(page.locator(".flash.ok")).containsText("starts within seconds");
            // until the pull is recorded and db-scheduler has planned the next one (the page says "pulling now" till then)
            for (int i = 0; i < 50 && (page.locator("#runs").count() == 0 || page.locator("dl.facts").textContent().contains("pulling now")); i++) {
                page.waitForTimeout(200);
                page.reload();
            }
            assertThat(page.locator("#runs tbody tr").first()).containsText("✓ Loaded");
            assertThat(page.locator("#runs tbody tr").first()).containsText("Run now");
            assertThat(page.locator("#rejections")).containsText("gone@example.com");
            assertThat(page.locator("dl.facts")).containsText("2026-11-20T10:00:00Z (the greatest occurredAt loaded)");
            assertThat(crm.requests.get(0).authorization()).isEqualTo("Bearer browser-" + run);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on a connector's page").isEmpty();
            Browsers.screenshot(page, "connector-admin");

            page.click("nav.tabs >> text=Connectors");
            page.waitForLoadState();
            var row = page.locator("#connectors tr", new Page.LocatorOptions().setHasText("CRM calls " + run));
            assertThat(row).containsText("3 read, 2 new, 0 updated, 1 rejected");
            assertThat(row).containsText("ok");
            Browsers.screenshot(page, "connectors-admin");
            // every table downloads as the page shows it
            var download = page.waitForDownload(() -> page.click(".table-export >> text=CSV"));
            assertThat(download.suggestedFilename()).isEqualTo("connectors.csv");
            assertThat(java.nio.file.Files.readString(download.path())).startsWith("Connector,Reads,Schedule,State,Last pull,Next pull")
                    .contains("CRM calls " + run + ",HTTP JSON API → activities,*/30 * * * *,ok,");

            page.click("text=Add: PostgreSQL query");
            page.waitForLoadState();
            page.fill("input[name=name]", "Warehouse " + run);
            page.fill("input[name=jdbcUrl]", "jdbc:mysql://warehouse/sales");
            page.fill("input[name=username]", "reader");
            page.fill("input[name=password]", "pw");
            page.fill("textarea[name=query]", "select 1");
            page.click("text=Add connector");
            page.waitForLoadState();
            assertThat(page.locator(".flash.error")).containsText("Not saved: jdbcUrl must be a PostgreSQL address");
            assertThat(page.locator("input[name=name]")).hasValue("Warehouse " + run);
            Browsers.screenshot(page, "connector-refused-admin");
        }
    }
}

package dev.northstar.dashboards;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import dev.northstar.Browsers;
import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.dashboards.web.AudienceDashboards;
import dev.northstar.dashboards.web.TvLinks;
import dev.northstar.shared.Scope;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages people live in, in headless Chromium against the demo company as a first start makes it (metrics, a year
 * of history, targets): each role's Home shows the numbers the API gives, managers and leads see their units, pages
 * outside a scope are refused with the reason, a logged activity moves Home, and axe-core finds nothing serious.
 * Screenshots go to target/screenshots.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"northstar.test.fresh-database=true", "northstar.demo.history=true"})
class DashboardBrowserTest {

    static final List<String> ROLES = List.of("admin", "manager", "lead", "rep", "other.manager");

    static Browsers browsers;

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired MetricCatalog catalog;
    @Autowired AudienceDashboards dashboards;
    @Autowired TvLinks tvLinks;
    DemoFixture org;

    @BeforeAll
    static void launch() {
        browsers = Browsers.launch();
    }

    @AfterAll
    static void close() {
        if (browsers != null) browsers.close();
    }

    @BeforeEach
    void demoCompany() {
        org = new DemoFixture(jdbc, demo);
    }

    @Test
    void everyRoleSeesOnHomeTheNumbersTheApiGives() throws Exception {
        for (String role : ROLES) {
            try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900))) {
                Page page = context.newPage();
                logIn(page, role);
                Map<String, String[]> cards = cards(page);
                assertThat(cards).as("%s's key metrics", role)
                        .containsOnlyKeys("closed_won_revenue", "deals_won", "win_rate", "open_pipeline", "calls", "meetings_booked");
                long me = org.person(role + "@demo.northstar.dev");
                List<Map<String, Object>> api = keyMetrics(page, "person:" + me);
                for (Map<String, Object> reading : api) {
                    String[] card = cards.get((String) reading.get("metric"));
                    Object value = reading.get("value");
                    if (Boolean.TRUE.equals(reading.get("noData"))) {
                        assertThat(card[0]).as("%s %s", role, reading.get("metric")).isNullOrEmpty();
                    } else {
                        assertThat(new BigDecimal(card[0])).as("%s %s", role, reading.get("metric")).isEqualByComparingTo(value.toString());
                    }
                    Object status = ((Map<?, ?>) reading.get("pace")).get("status");
                    assertThat(card[1]).as("%s %s status", role, reading.get("metric")).isEqualToIgnoringCase(status.toString());
                }
                if (role.equals("rep")) {
                    assertThat(page.locator("[data-status=GREEN], [data-status=AMBER], [data-status=RED]").count())
                            .as("the demo's targets give the rep statuses, not only 'No target'").isGreaterThan(0);
                    assertThat(page.locator(".board li.me").textContent()).as("the rep's own row on the team leaderboard").contains("Riley Rep");
                }
                assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on %s's Home", role).isEmpty();
                Browsers.screenshot(page, "home-" + role);
            }
        }
    }

    @Test
    void managersAndLeadsSeeTheirUnitsAndNothingElse() throws Exception {
        long sales = org.department(DemoOrganization.DEMO_COMPANY, "Sales");
        long success = org.department(DemoOrganization.DEMO_COMPANY, "Customer Success");
        long enterprise = org.team(DemoOrganization.DEMO_COMPANY, "Enterprise");
        long midMarket = org.team(DemoOrganization.DEMO_COMPANY, "Mid-Market");
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "manager");
            page.navigate(url("/departments/" + sales));
            assertThat(rowNames(page)).containsExactlyInAnyOrder("Enterprise", "Mid-Market", "SMB", "Inside Sales");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the department page").isEmpty();
            Browsers.screenshot(page, "department-manager");
            // sorted by deals won, best first, and the address keeps the choice
            page.click("table.progress th >> text=Deals won");
            page.waitForLoadState();
            assertThat(page.url()).contains("sort=deals_won");
            List<BigDecimal> won = page.locator("table.progress tbody tr").all().stream()
                    .map(row -> row.locator("td").nth(1).getAttribute("data-value")).map(v -> v == null ? BigDecimal.valueOf(-1) : new BigDecimal(v)).toList();
            assertThat(won).isSortedAccordingTo((a, b) -> b.compareTo(a));
            var refused = page.navigate(url("/departments/" + success));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.locator(".reason").textContent()).isEqualTo("You are not a manager of the Customer Success department.");
        }
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "lead");
            page.navigate(url("/teams/" + enterprise));
            List<String> members = jdbc.sql("""
                            select p.display_name from membership m join person p on p.id = m.person_id
                            where m.team_id = ? and m.valid_to is null and p.active""")
                    .param(enterprise).query(String.class).list();
            assertThat(rowNames(page)).containsExactlyInAnyOrderElementsOf(members);
            assertThat(page.locator(".board ol.places li").count()).isEqualTo(Math.min(10, members.size()));
            assertThat(page.locator("#multiples article.multiple h3").allTextContents().stream().map(String::strip).toList())
                    .as("a small multiple per member").containsExactlyInAnyOrderElementsOf(members);
            assertThat(page.locator("#multiples svg.spark").count()).isEqualTo(members.size());
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the team page").isEmpty();
            Browsers.screenshot(page, "team-lead");
            page.click("table.progress tbody th a:text-is('Riley Rep')");
            page.waitForLoadState(); // counting elements does not wait for the page to finish loading
            assertThat(page.url()).endsWith("/people/" + org.person("rep@demo.northstar.dev"));
            assertThat(page.locator("h1").textContent()).as("someone else's profile greets nobody").isEqualTo("Riley Rep");
            assertThat(page.locator("article.metric").count()).isEqualTo(6);
            String latest = jdbc.sql("select type from activity where person_id = ? order by occurred_at desc, id desc limit 1")
                    .param(org.person("rep@demo.northstar.dev")).query(String.class).single();
            assertThat(page.locator("article.recent ul").first().locator("li strong").first().textContent())
                    .as("the profile's latest activity").isEqualTo(latest);
            assertThat(page.locator("article.recent ul").first().locator("li").count()).isEqualTo(5);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on a profile").isEmpty();
            Browsers.screenshot(page, "profile-rep-by-lead");
            var refused = page.navigate(url("/teams/" + midMarket));
            assertThat(refused.status()).isEqualTo(403);
            assertThat(page.locator("header.top .who").textContent()).as("a refusal keeps the navigation").contains("Lee Lead");
        }
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "admin");
            page.navigate(url("/company?grain=quarter"));
            assertThat(rowNames(page)).containsExactlyInAnyOrder("Sales", "Customer Success", "Marketing");
            assertThat(page.locator(".picker select[name=grain]").inputValue()).isEqualTo("quarter");
            String quarter = page.locator(".stepper strong").textContent();
            page.click(".stepper a[rel=prev]");
            assertThat(page.locator(".stepper strong").textContent()).as("the period before").isNotEqualTo(quarter).startsWith("FY");
            page.navigate(url("/company"));
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the company page").isEmpty();
            Browsers.screenshot(page, "company-admin");
        }
    }

    @Test
    void aLoggedActivityMovesHome() throws Exception {
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            logIn(page, "rep");
            BigDecimal before = value(cards(page).get("calls"));
            page.navigate(url("/log"));
            page.selectOption("select[name=type]", "call");
            page.click("button:has-text('Log activity')");
            assertThat(page.locator(".flash.ok").textContent()).startsWith("Logged: call");
            page.navigate(url("/"));
            assertThat(value(cards(page).get("calls"))).isEqualByComparingTo(before.add(BigDecimal.ONE));
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("Home fits a phone").isLessThanOrEqualTo(0);
            Browsers.screenshot(page, "home-rep-phone");
        }
    }

    /**
     * From a number to the records behind it: a card opens the metric's page (definition, chart against target, the
     * members' breakdown), whose record count is the card's number and whose CSV holds every record; a ratio leads to
     * its parts; the company's records are not listed for a rep.
     */
    @Test
    void aNumberOpensItsMetricPageAndTheRecordsBehindIt() throws Exception {
        long enterprise = org.team(DemoOrganization.DEMO_COMPANY, "Enterprise");
        long midMarket = org.team(DemoOrganization.DEMO_COMPANY, "Mid-Market");
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000).setAcceptDownloads(true))) {
            Page page = context.newPage();
            logIn(page, "lead");
            page.navigate(url("/teams/" + enterprise + "?grain=month"));
            String calls = page.locator("#metric-calls").getAttribute("data-value");
            page.click("#metric-calls h3 a");
            page.waitForLoadState();
            assertThat(page.url()).contains("/teams/" + enterprise + "/metrics/calls?period=");
            assertThat(page.locator("h1").textContent()).isEqualTo("Calls");
            assertThat(page.locator(".definition").textContent()).contains("The number of activities that occurred in the period, whose type is call.")
                    .contains("Block an hour a day for calls");
            page.locator("#metric-chart svg").waitFor();
            assertThat(page.locator("table.history tbody tr").count()).as("a year of months on the chart").isEqualTo(12);
            assertThat(page.locator("article.metric").getAttribute("data-value")).isEqualTo(calls);
            String counted = page.locator("article.records p strong").textContent().replace(",", "");
            assertThat(counted).as("the records behind the card's number").isEqualTo(calls);
            assertThat(page.locator("table.records tbody tr").count()).isEqualTo(Math.min(50, Integer.parseInt(calls)));
            assertThat(page.locator("table.records tbody tr td:nth-child(3)").allTextContents()).containsOnly("call");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on a metric page").isEmpty();
            Browsers.screenshot(page, "metric-calls-team-lead");

            var download = page.waitForDownload(() -> page.click("text=Download all as CSV"));
            List<String> lines = java.nio.file.Files.readAllLines(download.path());
            assertThat(lines.get(0)).startsWith("Occurred,Person,Type,Quantity");
            assertThat(lines).as("a heading and every record").hasSize(Integer.parseInt(calls) + 1);

            List<String> members = page.locator("table.breakdown tbody th").allTextContents().stream().map(String::strip).toList();
            assertThat(members).contains("Riley Rep", "Lee Lead");
            page.click("table.breakdown tbody th a:text-is('Riley Rep')");
            page.waitForLoadState();
            assertThat(page.url()).contains("/people/" + org.person("rep@demo.northstar.dev") + "/metrics/calls?period=");

            page.navigate(url("/teams/" + enterprise + "/metrics/win_rate?grain=quarter"));
            page.navigate(url(page.locator(".stepper a[rel=prev]").getAttribute("href"))); // a whole quarter: the team won deals in it
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("article.records")).containsText("A ratio");
            page.click("article.records a:text-is('Deals won')");
            page.waitForLoadState();
            assertThat(page.url()).contains("/teams/" + enterprise + "/metrics/deals_won?period=");
            page.locator("table.records tbody tr").first().waitFor(); // the records come after the page (htmx)
            int outcome = page.locator("table.records thead th").allTextContents().indexOf("Outcome") + 1;
            assertThat(page.locator("table.records tbody tr td:nth-child(" + outcome + ")").allTextContents()).isNotEmpty().containsOnly("won");

            assertThat(page.navigate(url("/teams/" + midMarket + "/metrics/calls")).status()).isEqualTo(403);
        }
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(390, 844))) {
            Page page = context.newPage();
            logIn(page, "rep");
            page.navigate(url("/company/metrics/closed_won_revenue"));
            Browsers.screenshot(page, "metric-revenue-company-rep-phone");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("article.records"))
                    .containsText("not listed for you: only company admins");
            assertThat(page.locator("table.breakdown").count()).as("no departments' numbers for a rep").isZero();
            assertThat(page.locator("article.metric").getAttribute("data-value")).as("the company's number is everyone's").isNotEmpty();
            Object overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertThat(((Number) overflow).intValue()).as("a metric page fits a phone").isLessThanOrEqualTo(0);
        }
    }

    /**
     * Organization → Key Metrics: each role sees the levels in its scope (a manager their department and its teams, a
     * lead the company and their team); a manager hides an inherited metric for a team, the team's page loses it, and
     * showing it again brings it back.
     */
    @Test
    void theKeyMetricsTabShowsEachRoleItsLevelsAndAManagerChangesATeams() throws Exception {
        long midMarket = org.team(DemoOrganization.DEMO_COMPANY, "Mid-Market");
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "manager");
            page.navigate(url("/organization"));
            page.click("nav.tabs a:text-is('Key Metrics')");
            page.waitForLoadState();
            assertThat(page.locator("article.key-levels h2").allTextContents()).containsExactly("Company", "Sales department");
            assertThat(levelNames(page, 1)).startsWith("Sales department")
                    .containsExactlyInAnyOrder("Sales department", "Enterprise team", "Mid-Market team", "SMB team", "Inside Sales team");
            assertThat(page.locator("article.key-levels").nth(1).locator("tr[data-metric=calls] td").first().getAttribute("data-state"))
                    .as("the department inherits the company's calls").isEqualTo("INHERITED");
            assertThat(page.locator("article.key-levels").first().locator("button").count()).as("the company is the admins'").isZero();
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the Key Metrics tab").isEmpty();
            Browsers.screenshot(page, "key-metrics-manager");

            page.click("button[aria-label='Hide Calls for Mid-Market team']");
            assertThat(page.locator(".flash.ok").textContent()).isEqualTo("Calls is hidden for The Mid-Market team.");
            assertThat(page.locator("th[data-scope='team:" + midMarket + "']").count()).isEqualTo(1);
            int column = levelNames(page, 1).indexOf("Mid-Market team");
            Locator calls = page.locator("article.key-levels").nth(1).locator("tr[data-metric=calls] td").nth(column);
            assertThat(calls.getAttribute("data-state")).isEqualTo("HIDDEN");
            page.navigate(url("/teams/" + midMarket));
            assertThat(page.locator("#metric-calls").count()).as("the team page follows the levels").isZero();
            page.navigate(url("/organization/key-metrics"));
            page.click("button[aria-label='Show again Calls for Mid-Market team']");
            page.navigate(url("/teams/" + midMarket));
            assertThat(page.locator("#metric-calls").count()).isEqualTo(1);
        }
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "lead");
            page.navigate(url("/organization/key-metrics"));
            assertThat(page.locator("article.key-levels h2").allTextContents()).containsExactly("Company", "Your team");
            assertThat(levelNames(page, 1)).containsExactly("Enterprise team");
            assertThat(page.locator("article.key-levels button").count()).as("a lead changes no level").isZero();
            Browsers.screenshot(page, "key-metrics-lead");
        }
    }

    /** The names of the levels (columns) of the Key Metrics tab's section {@code n}. */
    private static List<String> levelNames(Page page, int n) {
        return page.locator("article.key-levels").nth(n).locator("thead th[data-scope] a").allTextContents().stream().map(String::strip).toList();
    }

    /**
     * A deal won through the API: the owner's open Home celebrates it and its leaderboard moves without a reload; a
     * manager of another department, who may not see the owner, hears nothing of it.
     */
    @Test
    void aDealWonThroughTheApiIsCelebratedAndMovesTheLeaderboard() throws Exception {
        try (var repContext = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
             var otherContext = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
             var tvContext = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1920, 1080));
             var adminContext = browsers.browser.newContext()) {
            Page rep = repContext.newPage();
            logIn(rep, "rep");
            Page other = otherContext.newPage();
            logIn(other, "other.manager");
            // A company TV made by the rep cheers only the wins of people the rep may see.
            Viewer repViewer = directory.viewer(org.company(DemoOrganization.DEMO_COMPANY), org.person("rep@demo.northstar.dev")).orElseThrow();
            Page tv = tvContext.newPage();
            tv.navigate(url("/tv/screen/" + tvLinks.create(repViewer, "Whole company", Scope.COMPANY, List.of(), 60).token()));
            heardWins(tv);
            heardWins(rep);
            Page admin = adminContext.newPage();
            logIn(admin, "admin");
            assertThat(rep.locator("#leaderboard ol.places li").first().textContent()).doesNotContain("Riley Rep");
            assertThat(rep.locator("#celebration").getAttribute("class")).doesNotContain("shown");
            String today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Oslo")).toString();
            String elsewhere = jdbc.sql("""
                    select p.email from membership m join person p on p.id = m.person_id join team t on t.id = m.team_id
                    where t.name = 'Onboarding' and m.valid_to is null and p.active order by p.id limit 1""").query(String.class).single();
            String deals = """
                    [{"externalId":"live-cs-%d","name":"Onboarding upsell","owner":"%s","amount":"5000","createdOn":"%s","stage":"won","closedOn":"%s"},
                     {"externalId":"live-%d","name":"Live Platform deal","owner":"rep@demo.northstar.dev","amount":"9000000",
                      "createdOn":"%s","stage":"won","closedOn":"%s"}]"""
                    .formatted(System.nanoTime(), elsewhere, today, today, System.nanoTime(), today, today);
            Object created = admin.evaluate("""
                    body => fetch('/api/v1/deals', {method: 'POST', body: body, headers: {'Content-Type': 'application/json',
                        [document.querySelector('meta[name=_csrf_header]').content]: document.querySelector('meta[name=_csrf]').content}})
                        .then(r => r.json()).then(j => j.created)""", deals);
            assertThat(((Number) created).intValue()).isEqualTo(2);

            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(rep.locator("#celebration.shown"))
                    .containsText("Riley Rep won Live Platform deal: $9M!", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(rep.locator("#leaderboard ol.places li").first())
                    .containsText("Riley Rep", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            Browsers.screenshot(rep, "home-rep-celebration");
            assertThat(rep.locator("#leaderboard .mine").textContent()).contains("#1");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(tv.locator("#celebration.shown"))
                    .containsText("Riley Rep won Live Platform deal", new LocatorAssertions.ContainsTextOptions().setTimeout(15_000));
            assertThat(heard(rep)).as("the rep hears of their own win only").containsExactly("Riley Rep won Live Platform deal: $9M!");
            assertThat(heard(tv)).as("the rep's company TV: not the Onboarding win the rep may not see").containsExactly(
                    "Riley Rep won Live Platform deal: $9M!");
            assertThat(other.locator("#celebration .text").textContent()).as("Customer Success hears of its own win, not the Sales rep's")
                    .contains("won Onboarding upsell").doesNotContain("Riley Rep");
        }
    }

    /** Starts keeping every text the page's celebration shows, for {@link #heard}. */
    private static void heardWins(Page page) {
        page.evaluate("""
                () => { window.heard = []; const text = document.querySelector('#celebration .text');
                        new MutationObserver(() => window.heard.push(text.textContent)).observe(text, {childList: true, characterData: true, subtree: true}); }""");
    }

    @SuppressWarnings("unchecked")
    private static List<String> heard(Page page) {
        return (List<String>) page.evaluate("() => window.heard");
    }

    /**
     * TV mode: a lead makes a read-only link for the team, a browser with no login opens it and sees the key metrics,
     * then each leaderboard in turn; someone else cannot revoke it, the lead can, and the screen is then gone.
     */
    @Test
    void aTvLinkShowsTheTeamWithoutALoginRotatesAndIsRevocable() throws Exception {
        String tvUrl;
        long linkId;
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "lead");
            page.navigate(url("/teams/" + org.team(DemoOrganization.DEMO_COMPANY, "Enterprise")));
            page.click("text=Show on a TV");
            page.fill("input[name=name]", "Enterprise floor");
            page.selectOption("select[name=scope]", "team:" + org.team(DemoOrganization.DEMO_COMPANY, "Enterprise"));
            page.check("input[name=leaderboards][value=calls]");
            page.fill("input[name=seconds]", "10");
            page.click("button:has-text('Make TV link')");
            tvUrl = page.locator("#created-url").textContent().strip();
            assertThat(tvUrl).contains("/tv/screen/tv_");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the TV links page").isEmpty();
            linkId = jdbc.sql("select id from tv_link where name = 'Enterprise floor' and revoked_at is null").query(Long.class).single();
        }
        try (var tv = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1920, 1080))) {
            Page screen = tv.newPage();
            screen.clock().install();
            screen.navigate(tvUrl);
            assertThat(screen.locator("h1").textContent()).isEqualTo("Enterprise team");
            assertThat(screen.locator(".tv-metric").count()).isEqualTo(6);
            assertThat(visibleSlide(screen)).isEqualTo("key-metrics");
            Browsers.screenshot(screen, "tv-enterprise-key-metrics");
            screen.clock().runFor(10_500);
            assertThat(visibleSlide(screen)).as("then the first key metric's leaderboard").isEqualTo("leaderboard");
            screen.clock().runFor(10_000);
            assertThat(visibleSlide(screen)).as("then the chosen one").isEqualTo("leaderboard-calls");
            assertThat(screen.locator("#leaderboard-calls ol.tv-board li").count()).isEqualTo(9);
            Browsers.screenshot(screen, "tv-enterprise-calls");
        }
        try (var context = browsers.browser.newContext()) {
            Page page = context.newPage();
            logIn(page, "rep");
            Object status = page.evaluate("""
                    id => fetch('/tv/' + id + '/revoke', {method: 'POST', redirect: 'manual', headers:
                        {[document.querySelector('meta[name=_csrf_header]').content]: document.querySelector('meta[name=_csrf]').content}})
                        .then(r => r.status)""", String.valueOf(linkId));
            assertThat(((Number) status).intValue()).as("a rep cannot revoke the lead's TV link").isEqualTo(403);
        }
        try (var context = browsers.browser.newContext()) {
            Page page = context.newPage();
            logIn(page, "lead");
            page.navigate(url("/tv"));
            page.click("button[aria-label='Revoke Enterprise floor']");
            assertThat(page.locator(".flash.ok").textContent()).contains("is revoked");
            assertThat(page.navigate(tvUrl).status()).as("a revoked link shows nothing").isEqualTo(404);
        }
    }

    private static String visibleSlide(Page page) {
        return page.locator("[data-slide]:visible").getAttribute("id");
    }

    /** The KPI tree: every metric of the catalog under its area, with its status, drawn and listed; a metric opens its page. */
    @Test
    void theKpiTreeShowsEveryMetricUnderItsAreaAndOpensIt() throws Exception {
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "admin");
            page.navigate(url("/company"));
            page.click("text=KPI tree");
            page.locator("#tree-chart svg").waitFor();
            long metrics = jdbc.sql("select count(*) from metric_definition where company_id = ?")
                    .param(org.company(DemoOrganization.DEMO_COMPANY)).query(Long.class).single();
            assertThat(page.locator("ul.tree li[data-metric]").count()).as("every metric once").isEqualTo((int) metrics);
            assertThat(page.locator("ul.tree > li > strong").allTextContents()).contains("Acquisition", "Conversion", "Expansion");
            assertThat(page.locator("ul.tree li[data-metric=deals_won]").locator("xpath=ancestor::li[1]").getAttribute("data-metric"))
                    .as("deals won under closed-won revenue, its parent").isEqualTo("closed_won_revenue");
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on the KPI tree").isEmpty();
            Browsers.screenshot(page, "kpi-tree-admin");
            page.click("ul.tree a:text-is('Win rate')");
            page.waitForLoadState();
            assertThat(page.url()).contains("/company/metrics/win_rate?period=");
        }
    }

    /**
     * Audience dashboards: the four built in, an executive one kept to ten metrics, and an admin's dashboard shared
     * with a team, seen by the team and not by another department's manager.
     */
    @Test
    void audienceDashboardsAreBuiltInAndAdminsShareTheirOwnWithATeam() throws Exception {
        long enterprise = org.team(DemoOrganization.DEMO_COMPANY, "Enterprise");
        long id;
        try (var context = browsers.browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000))) {
            Page page = context.newPage();
            logIn(page, "admin");
            page.click("header.top nav a:text-is('Dashboards')");
            page.waitForLoadState();
            assertThat(page.locator("article.dashboard-entry h2").allTextContents().stream().map(String::strip).toList())
                    .containsSubsequence("Executive review", "Pipeline operations", "Customer health", "Campaign performance");
            page.click("article.dashboard-entry h2 a:text-is('Executive review')");
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/dashboards/executive/company");
            assertThat(page.locator("article.metric").count()).as("ten metrics at most").isBetween(1, 10);
            assertThat(page.locator("h2:has-text('Operating metrics')").count() + page.locator("h2:has-text('Reporting metrics')").count()).isEqualTo(2);
            assertThat(Browsers.seriousAccessibilityProblems(page)).as("axe-core on an audience dashboard").isEmpty();
            Browsers.screenshot(page, "dashboard-executive-admin");

            page.navigate(url("/dashboards"));
            page.fill("form.dashboard-form input[name=name]", "Too many for the CEO");
            page.selectOption("form.dashboard-form select[name=audience]", "executive");
            List<Locator> boxes = page.locator("form.dashboard-form input[name=metrics]").all();
            for (int i = 0; i < 11; i++) boxes.get(i).check();
            page.click("button:has-text('Make dashboard')");
            assertThat(page.locator(".flash.error").textContent()).contains("an executive dashboard shows 1 to 10 metrics").contains("11 were chosen");
            assertThat(jdbc.sql("select count(*) from dashboard where name = 'Too many for the CEO'").query(Long.class).single()).isZero();

            page.fill("form.dashboard-form input[name=name]", "Enterprise pipeline");
            page.selectOption("form.dashboard-form select[name=audience]", "pipeline");
            for (String key : List.of("open_pipeline", "win_rate", "calls")) page.check("form.dashboard-form input[name=metrics][value=" + key + "]");
            page.selectOption("form.dashboard-form select[name=sharedWith]", "team:" + enterprise);
            page.click("button:has-text('Make dashboard')");
            assertThat(page.locator(".flash.ok").textContent()).contains("'Enterprise pipeline' is saved");
            assertThat(page.locator("article.metric").count()).isEqualTo(3);
            id = jdbc.sql("select id from dashboard where name = 'Enterprise pipeline'").query(Long.class).single();
        }
        try (var context = browsers.browser.newContext()) {
            Page page = context.newPage();
            logIn(page, "rep");
            page.navigate(url("/dashboards"));
            page.click("article.dashboard-entry h2 a:text-is('Enterprise pipeline')");
            page.waitForLoadState();
            assertThat(page.url()).endsWith("/dashboards/" + id + "/team:" + enterprise);
            assertThat(page.locator("article.metric").count()).isEqualTo(3);
        }
        try (var context = browsers.browser.newContext()) {
            Page page = context.newPage();
            logIn(page, "other.manager");
            page.navigate(url("/dashboards"));
            assertThat(page.locator("article.dashboard-entry h2 a:text-is('Enterprise pipeline')").count()).isZero();
            assertThat(page.navigate(url("/dashboards/" + id + "/company")).status()).isEqualTo(403);
        }
    }

    /** A metric deleted from the catalog drops out of the dashboards made with it, which still open. */
    @Test
    void aDashboardDropsAMetricDeletedFromTheCatalog() {
        Viewer admin = directory.viewer(org.company(DemoOrganization.DEMO_COMPANY), org.person("admin@demo.northstar.dev")).orElseThrow();
        String key = "doomed_" + System.nanoTime();
        MetricDefinition calls = catalog.find(admin.companyId(), "calls").orElseThrow();
        catalog.save(admin, new MetricDefinition(key, "Doomed calls", null, calls.kind(), calls.timing(), calls.category(), calls.area(), null,
                calls.unit(), calls.decimals(), calls.direction(), null, null, null, null, calls.purpose(), calls.formula()));
        AudienceDashboards.Dashboard made = dashboards.save(admin, null, "With a doomed metric", "team", List.of("calls", key), "company");
        catalog.delete(admin, key);
        AudienceDashboards.Dashboard after = dashboards.find(admin, String.valueOf(made.id()));
        assertThat(after.metrics()).containsExactly("calls");
        assertThat(dashboards.visible(admin)).filteredOn(d -> d.name().equals("With a doomed metric"))
                .singleElement().extracting(AudienceDashboards.Dashboard::metrics).isEqualTo(List.of("calls"));
    }

    /** The key metric cards on the page: exact value and status by metric key. */
    private static Map<String, String[]> cards(Page page) {
        Map<String, String[]> cards = new LinkedHashMap<>();
        for (Locator card : page.locator("article.metric").all()) {
            cards.put(card.getAttribute("data-metric"), new String[]{card.getAttribute("data-value"), card.getAttribute("data-status")});
        }
        return cards;
    }

    private static BigDecimal value(String[] card) {
        return card[0] == null || card[0].isEmpty() ? BigDecimal.ZERO : new BigDecimal(card[0]);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> keyMetrics(Page page, String scope) {
        return (List<Map<String, Object>>) page.evaluate("s => fetch('/api/v1/scopes/' + s + '/key-metrics').then(r => r.json())", scope);
    }

    private static List<String> rowNames(Page page) {
        return page.locator("table.progress tbody th").allTextContents().stream().map(String::strip).toList();
    }

    private void logIn(Page page, String role) {
        Browsers.logIn(page, url(""), role + "@demo.northstar.dev");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

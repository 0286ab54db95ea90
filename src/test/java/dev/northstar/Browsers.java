package dev.northstar;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import dev.northstar.organization.DemoOrganization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium for the browser tests, launched with the flags that work offline (ARCHITECTURE.md), and what
 * they do in it: log in, keep a screenshot in target/screenshots, run axe-core's accessibility check. Skips with a
 * message when Chromium is not installed, except under CI, where .ci/run installs it.
 */
public final class Browsers implements AutoCloseable {

    static final Path CHROMIUM = Paths.get("/usr/bin/chromium");

    private final Playwright playwright;
    public final Browser browser;

    private Browsers(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static Browsers launch() {
        if (System.getenv("CI") == null) {
            assumeTrue(Files.isExecutable(CHROMIUM), "Skipped: " + CHROMIUM + " is not installed (apt-get install chromium chromium-driver)");
        }
        Playwright playwright = Playwright.create();
        return new Browsers(playwright, playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM).setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"))));
    }

    /**
     * Logs in through the login form and waits for Home. With {@code -Dbrowsers.latencyMs=N} every request of the page
     * after this takes N ms more, as on a loaded CI machine: a test that acts before a page's scripts have started fails
     * then every time instead of once in a while.
     */
    public static void logIn(Page page, String base, String email) {
        int latency = Integer.getInteger("browsers.latencyMs", 0);
        if (latency > 0) {
            var devTools = page.context().newCDPSession(page);
            devTools.send("Network.enable");
            var conditions = new com.google.gson.JsonObject();
            conditions.addProperty("offline", false);
            conditions.addProperty("latency", latency);
            conditions.addProperty("downloadThroughput", -1);
            conditions.addProperty("uploadThroughput", -1);
            devTools.send("Network.emulateNetworkConditions", conditions);
        }
        page.navigate(base + "/");
        assertThat(page.url()).endsWith("/login");
        page.fill("input[name=email]", email);
        page.fill("input[name=password]", DemoOrganization.DEMO_PASSWORD);
        page.click("button[type=submit]");
        page.waitForURL(address -> java.net.URI.create(address).getPath().equals("/")); // "/?continue" after the saved request
    }

    public static void screenshot(Page page, String name) throws IOException {
        Path directory = Paths.get("target", "screenshots");
        Files.createDirectories(directory);
        page.screenshot(new Page.ScreenshotOptions().setPath(directory.resolve(name + ".png")).setFullPage(true));
    }

    /**
     * axe-core's serious and critical findings on the page as it is, one line each (rule, impact, the first elements),
     * with the WCAG 2.1 A and AA rules and best practices. axe-core comes from the npm registry at build time (pom.xml).
     */
    @SuppressWarnings("unchecked")
    public static List<String> seriousAccessibilityProblems(Page page) throws IOException {
        Path script = Paths.get(System.getProperty("axe.script", "target/axe-core/package/axe.min.js"));
        assertThat(script).as("axe-core is downloaded by generate-test-resources").exists();
        if (page.evaluate("() => typeof window.axe") .equals("undefined")) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(Files.readString(script)));
        }
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                () => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})
                        .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                        .map(v => ({id: v.id, impact: v.impact, help: v.help,
                                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' '))})))""");
        return violations.stream().map(v -> v.get("id") + " (" + v.get("impact") + "): " + v.get("help") + " at " + v.get("nodes")).toList();
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}

package dev.northstar.web;

import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Starts the whole application on a random port, logs in through the form and loads the home page. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SmokeTest {

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;

    @Test
    void logsInThroughTheFormAndLoadsTheHomePage() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();

        HttpResponse<String> home = browser.send(page("/").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(home.uri().getPath()).as("anonymous visitors are sent to the login page").isEqualTo("/login");

        var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(home.body());
        assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
        String form = "email=" + URLEncoder.encode("rep@demo.northstar.dev", StandardCharsets.UTF_8)
                + "&password=" + DemoOrganization.DEMO_PASSWORD + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> afterLogin = browser.send(page("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(afterLogin.statusCode()).isEqualTo(200);
        assertThat(afterLogin.uri().getPath()).isEqualTo("/");
        assertThat(afterLogin.body()).contains("Hello, Riley Rep").contains("Enterprise team").contains("Demo Corp");

        // Static files are under /assets (see application.properties) and the webjars under /webjars, with their
        // version written into the address; each loads without a login.
        var assets = Pattern.compile("(?:href|src)=\"(/(?:assets|webjars)/[^\"]+)\"").matcher(afterLogin.body());
        java.util.List<String> found = new java.util.ArrayList<>();
        while (assets.find()) {
            found.add(assets.group(1));
        }
        assertThat(found).contains("/assets/css/northstar.css", "/assets/js/live.js")
                .anyMatch(path -> path.matches("/webjars/htmx\\.org/[0-9.]+/dist/htmx\\.min\\.js"));
        HttpClient anonymous = HttpClient.newHttpClient();
        for (String path : found) {
            HttpResponse<String> asset = anonymous.send(page(path).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.headers().firstValue("Content-Type").orElse("")).as(path).containsAnyOf("text/css", "javascript");
        }

        HttpResponse<String> health = browser.send(page("/actuator/health").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.body()).contains("\"status\":\"UP\"");
        HttpResponse<String> openApi = browser.send(page("/api/docs/openapi.json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(openApi.body()).contains("/api/v1/memberships").contains("/api/v1/tokens").contains("/api/v1/me")
                .as("the server-side viewer is not an API parameter").doesNotContain("\"name\":\"viewer\"");
    }

    private HttpRequest.Builder page(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html,application/json");
    }
}

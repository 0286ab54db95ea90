package dev.northstar.ingest;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Inbound webhooks over real HTTP: admins set up a source, another system sends signed records, and everything
 * unsigned, wrongly signed, tampered with, replayed late or aimed at an unknown source is refused alike and counted.
 * The signatures here are computed with javax.crypto directly, as a sender would, not with Northstar's own code.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class WebhookTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";
    static final String OTHER_ADMIN = "admin@other.northstar.dev";

    @LocalServerPort int port;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired MeterRegistry meters;
    DemoFixture org;
    String run;
    final HttpClient http = HttpClient.newHttpClient();

    record Source(String name, String url, String secret) {
    }

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        run = "w" + System.nanoTime();
    }

    @Test
    void aSignedRequestIsStoredUnderTheSourcesNameAndSendingItAgainChangesNothing() throws Exception {
        Source source = create(ADMIN, "CRM Webhook");
        assertThat(source.name()).matches("crm-webhook-[0-9a-f]{6}");
        assertThat(source.url()).isEqualTo("http://localhost/api/v1/webhooks/" + source.name()); // MockMvc's host
        assertThat(source.secret()).matches("[0-9a-f]{64}");
        String body = """
                {"deals": [{"externalId": "%1$s-d", "owner": "%2$s", "stage": "Proposal", "amount": 5000}],
                 "activities": [
                   {"externalId": "%1$s-a1", "type": "call", "person": "%2$s", "occurredAt": "2026-05-04T09:30:00Z", "dealRef": "%1$s-d"},
                   {"externalId": "%1$s-a2", "source": "spoofed", "type": "meeting", "person": "%2$s", "occurredAt": "2026-05-04T11:00:00Z"}]}
                """.formatted(run, REP);

        HttpResponse<String> first = send(source.name(), body, now(), source.secret());
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(first.body(), "$.deals.created")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(first.body(), "$.activities.created")).isEqualTo(2);
        assertThat(jdbc.sql("select string_agg(source, ',') from activity where external_id like ?").param(run + "%")
                .query(String.class).single()).as("the webhook's name is every record's source").isEqualTo(source.name() + "," + source.name());
        assertThat(jdbc.sql("select source from deal where external_id = ?").param(run + "-d").query(String.class).single())
                .isEqualTo(source.name());
        assertThat(jdbc.sql("select last_used_at is not null from webhook_source where name = ?").param(source.name())
                .query(Boolean.class).single()).isTrue();

        HttpResponse<String> again = send(source.name(), body, now(), source.secret());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat((Integer) JsonPath.read(again.body(), "$.deals.unchanged")).isEqualTo(1);
        assertThat((Integer) JsonPath.read(again.body(), "$.activities.unchanged")).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from activity where external_id like ?").param(run + "%").query(Long.class).single()).isEqualTo(2);

        String list = mvc.perform(get("/api/v1/webhook-sources").with(org.as(ADMIN))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(list).contains("\"name\":\"" + source.name() + "\"").contains("\"createdBy\":\"Alex Admin\"")
                .as("secrets are shown once, never listed").doesNotContain("secret").doesNotContain(source.secret());
    }

    @Test
    void unsignedWronglySignedTamperedLateAndUnknownRequestsAreRefusedAndCounted() throws Exception {
        Source source = create(ADMIN, "dialer");
        String body = "{\"activities\": [{\"externalId\": \"" + run + "\", \"type\": \"call\", \"person\": \"" + REP
                + "\", \"occurredAt\": \"2026-05-04T09:30:00Z\"}]}";
        double missing = refused("missing_signature"), invalid = refused("invalid_signature"),
                stale = refused("stale_timestamp"), unknown = refused("unknown_source");

        HttpResponse<String> unsigned = http.send(request(source.name()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(detail(unsigned)).startsWith("missing signature");

        HttpResponse<String> wrongSecret = send(source.name(), body, now(), "0".repeat(64));
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(detail(wrongSecret)).isEqualTo("invalid signature");

        String timestamp = now();
        HttpResponse<String> tampered = http.send(request(source.name())
                .header("X-Northstar-Timestamp", timestamp).header("X-Northstar-Signature", signature(source.secret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("call", "meeting"))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(tampered.statusCode()).isEqualTo(401);
        assertThat(detail(tampered)).isEqualTo("invalid signature");

        String sixMinutesAgo = Long.toString(Instant.now().getEpochSecond() - 360);
        HttpResponse<String> late = send(source.name(), body, sixMinutesAgo, source.secret());
        assertThat(late.statusCode()).isEqualTo(401);
        assertThat(detail(late)).startsWith("timestamp too old");

        HttpResponse<String> unknown1 = send("no-such-source-" + run, body, now(), source.secret());
        assertThat(unknown1.statusCode()).isEqualTo(401);
        assertThat(detail(unknown1)).as("an unknown source reads like a wrong signature, so names cannot be probed")
                .isEqualTo(detail(wrongSecret));
        assertThat((String) JsonPath.read(unknown1.body(), "$.title")).isEqualTo(JsonPath.read(wrongSecret.body(), "$.title"));

        assertThat(jdbc.sql("select count(*) from activity where external_id = ?").param(run).query(Long.class).single()).isZero();
        assertThat(refused("missing_signature")).isEqualTo(missing + 1);
        assertThat(refused("invalid_signature")).isEqualTo(invalid + 2);
        assertThat(refused("stale_timestamp")).isEqualTo(stale + 1);
        assertThat(refused("unknown_source")).isEqualTo(unknown + 1);
        assertThat(jdbc.sql("select last_used_at is null from webhook_source where name = ?").param(source.name()).query(Boolean.class).single())
                .as("refused requests do not count as use").isTrue();
    }

    @Test
    void onlyCompanyAdminsManageSourcesAndOnlyTheirOwnCompanys() throws Exception {
        mvc.perform(post("/api/v1/webhook-sources").with(org.as(REP)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"crm\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/webhook-sources").with(org.as(REP))).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/webhook-sources").with(org.as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\" ?! \"}"))
                .andExpect(status().isBadRequest());
        Source source = create(ADMIN, "billing");

        mvc.perform(delete("/api/v1/webhook-sources/" + source.name()).with(org.as(OTHER_ADMIN)).with(csrf())).andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/webhook-sources/" + source.name()).with(org.as(REP)).with(csrf())).andExpect(status().isForbidden());
        assertThat(mvc.perform(get("/api/v1/webhook-sources").with(org.as(OTHER_ADMIN))).andReturn().getResponse().getContentAsString())
                .doesNotContain(source.name());
        String body = "{\"accounts\": [{\"externalId\": \"" + run + "\", \"name\": \"Acme\"}]}";
        assertThat(send(source.name(), body, now(), source.secret()).statusCode()).isEqualTo(200);

        mvc.perform(delete("/api/v1/webhook-sources/" + source.name()).with(org.as(ADMIN)).with(csrf())).andExpect(status().isNoContent());
        assertThat(send(source.name(), body, now(), source.secret()).statusCode()).as("a deleted source's URL stops at once").isEqualTo(401);
    }

    @Test
    void aSourceWhoseCreatorIsNoLongerAnActiveAdminIsRefusedAndSaysSo() throws Exception {
        long company = org.company("Demo Corp");
        String email = "webhook.admin." + run + "@demo.northstar.dev";
        long person = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, 'Webb Hook') returning id")
                .params(company, email).query(Long.class).single();
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, person).update();
        Source source = create(email, "erp");
        String body = "{\"accounts\": [{\"externalId\": \"" + run + "\", \"name\": \"Acme\"}]}";
        assertThat(send(source.name(), body, now(), source.secret()).statusCode()).isEqualTo(200);
        double before = refused("creator_not_admin");

        jdbc.sql("delete from company_admin where company_id = ? and person_id = ?").params(company, person).update();
        HttpResponse<String> noLongerAdmin = send(source.name(), body.replace(run, run + "x"), now(), source.secret());
        assertThat(noLongerAdmin.statusCode()).isEqualTo(403);
        assertThat(detail(noLongerAdmin)).contains("acts as the company admin who created it, who is no longer an active company admin");

        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, person).update();
        jdbc.sql("update person set active = false where id = ?").param(person).update();
        assertThat(send(source.name(), body.replace(run, run + "x"), now(), source.secret()).statusCode()).isEqualTo(403);

        assertThat(refused("creator_not_admin")).isEqualTo(before + 2);
        assertThat(jdbc.sql("select count(*) from account where external_id = ?").param(run + "x").query(Long.class).single()).isZero();
    }

    @Test
    void everyKindInARequestIsStoredTogetherOrNotAtAll() throws Exception {
        Source source = create(ADMIN, "all-or-nothing");
        // Activities load after deals: make the database fail on one, so the deals already loaded must be undone.
        jdbc.sql("""
                create function refuse_boom() returns trigger language plpgsql as $$
                begin if new.external_id like '%-boom' then raise exception 'boom'; end if; return new; end $$""").update();
        jdbc.sql("create trigger refuse_boom before insert on activity for each row execute function refuse_boom()").update();
        try {
            String body = """
                    {"deals": [{"externalId": "%1$s-d", "owner": "%2$s", "stage": "Proposal"}],
                     "activities": [{"externalId": "%1$s-boom", "type": "call", "person": "%2$s", "occurredAt": "2026-05-04T09:30:00Z"}]}
                    """.formatted(run, REP);
            assertThat(send(source.name(), body, now(), source.secret()).statusCode()).isEqualTo(500);
        } finally {
            jdbc.sql("drop trigger refuse_boom on activity").update();
            jdbc.sql("drop function refuse_boom()").update();
        }
        assertThat(jdbc.sql("select count(*) from deal where external_id = ?").param(run + "-d").query(Long.class).single())
                .as("the deals of the failed request are undone").isZero();
        assertThat(jdbc.sql("select last_used_at is null from webhook_source where name = ?").param(source.name()).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void aSignedBodyMustBeAWebhookObjectOfAtMostTenThousandRecordsAKind() throws Exception {
        Source source = create(ADMIN, "shapes");
        HttpResponse<String> array = send(source.name(), "[]", now(), source.secret());
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(detail(array)).contains("must be a JSON object");
        HttpResponse<String> typo = send(source.name(), "{\"activity\": []}", now(), source.secret());
        assertThat(typo.statusCode()).isEqualTo(400);
        assertThat(detail(typo)).startsWith("activity is not a kind of record");
        HttpResponse<String> broken = send(source.name(), "{\"deals\": [", now(), source.secret());
        assertThat(broken.statusCode()).isEqualTo(400);

        String tooMany = IntStream.range(0, Ingest.MAX_BATCH + 1).mapToObj(i -> "{}").collect(Collectors.joining(",", "{\"deals\": [", "]}"));
        HttpResponse<String> refused = send(source.name(), tooMany, now(), source.secret());
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(detail(refused)).contains("at most 10000 deals");
    }

    @Test
    void aBodyOverThirtyTwoMegabytesIsRefusedUnread() throws Exception {
        byte[] huge = new byte[(32 << 20) + 1];
        mvc.perform(post("/api/v1/webhooks/anything").contentType(MediaType.APPLICATION_JSON).content(huge)
                        .header("X-Northstar-Timestamp", now()).header("X-Northstar-Signature", "sha256=" + "0".repeat(64)))
                .andExpect(status().isPayloadTooLarge());
    }

    @Test
    void theExampleOnTheWebhooksPageWorksAsCopied() throws Exception {
        for (String tool : new String[]{"/usr/bin/bash", "/usr/bin/openssl", "/usr/bin/curl"}) {
            assumeTrue(Files.isExecutable(Path.of(tool)), "Skipped: " + tool + " is not installed");
        }
        var flash = mvc.perform(post("/imports/webhooks").with(org.as(ADMIN)).with(csrf()).param("name", "Shell"))
                .andExpect(status().is3xxRedirection()).andReturn().getFlashMap();
        String name = (String) flash.get("createdName");
        String example = ((String) flash.get("createdExample")).replace("http://localhost/", "http://localhost:" + port + "/");
        Process shell = new ProcessBuilder("/usr/bin/bash", "-c", example).redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor()).as(output).isZero();
        assertThat(output).contains("\"activities\":{\"created\":1");
        assertThat(jdbc.sql("select count(*) from activity where source = ? and external_id = 'webhook-test-1'").param(name)
                .query(Long.class).single()).isEqualTo(1);
    }

    private Source create(String email, String name) throws Exception {
        String answer = mvc.perform(post("/api/v1/webhook-sources").with(org.as(email)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return new Source(JsonPath.read(answer, "$.name"), JsonPath.read(answer, "$.url"), JsonPath.read(answer, "$.secret"));
    }

    private HttpResponse<String> send(String source, String body, String timestamp, String secret) throws Exception {
        return http.send(request(source).header("X-Northstar-Timestamp", timestamp)
                .header("X-Northstar-Signature", signature(secret, timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String source) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhooks/" + source))
                .header("Content-Type", "application/json");
    }

    /** As a sender computes it: HMAC-SHA256 keyed with the secret's text, over timestamp, a dot and the body. */
    private static String signature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    private static String now() {
        return Long.toString(Instant.now().getEpochSecond());
    }

    private static String detail(HttpResponse<String> response) {
        return JsonPath.read(response.body(), "$.detail");
    }

    private double refused(String reason) {
        return meters.counter("northstar.webhooks.refused", "reason", reason).count();
    }
}

package dev.northstar.alerts;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Notifications leaving the app: e-mailed through a real SMTP server (GreenMail, in this JVM) as HTML and plain text,
 * and posted to chat channels served by real HTTP servers in this JVM, signed, retried with backoff when the channel
 * fails or hangs, given up when it stays down, every attempt in the delivery log.
 */
@SpringBootTest(properties = {"northstar.alerts.tick=200ms", "northstar.delivery.tick=100ms", "northstar.delivery.backoff=100ms",
        "northstar.delivery.max-attempts=3", "northstar.delivery.timeout=1s", "northstar.public-url=https://northstar.example.com",
        "spring.mail.host=127.0.0.1", "northstar.digest.initial-delay=1h"}) // digests are sent by the test, when it says
@AutoConfigureMockMvc
class DeliveriesTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String LEAD = "lead@demo.northstar.dev";   // leads Enterprise
    static final String REP = "rep@demo.northstar.dev";     // member of Enterprise
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        SMTP.start();
    }

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.stop();
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired dev.northstar.alerts.internal.WeeklyDigests digests;
    DemoFixture org;
    AlertsFixture alerts;
    String run;
    long enterprise, rep;
    final List<HttpServer> servers = new ArrayList<>();

    /** A request a channel received. */
    record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    @BeforeEach
    void metric() throws Exception {
        org = new DemoFixture(jdbc, demo);
        alerts = new AlertsFixture(mvc, org, "delivered_calls_");
        run = alerts.run;
        enterprise = org.team("Demo Corp", "Enterprise");
        rep = org.person(REP);
        SMTP.purgeEmailFromAllMailboxes();
        jdbc.sql("delete from notification_preference").update();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aBreachIsEmailedAsHtmlAndPlainTextAndPostedSignedToTheRulesChannel() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        String url = channel(received, attempt -> 200);
        JsonNode created = json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\"#sales " + run + "\",\"url\":\"" + url + "\"}")
                .andExpect(status().isCreated()));
        long webhook = created.get("webhook").get("id").asLong();
        String secret = created.get("secret").asString();
        assertThat(secret).matches("[0-9a-f]{64}");
        assertThat(created.get("webhook").get("address").asString()).as("the address shortened: a Slack address is a secret")
                .isEqualTo("http://127.0.0.1:" + url.split(":")[2].split("/")[0] + "/…");
        assertThat(alerts.send(ADMIN, get("/api/v1/outgoing-webhooks"), null).andReturn().getResponse().getContentAsString())
                .as("the secret and the address are never shown again").doesNotContain(secret).doesNotContain(url);
        Map<String, Object> stored = jdbc.sql("select url_sealed, secret_sealed from outgoing_webhook where id = ?").param(webhook).query().singleRow();
        assertThat(stored.values()).allSatisfy(value -> assertThat(value.toString()).startsWith("v1:").doesNotContain(secret)
                .doesNotContain("127.0.0.1"));

        rule(REP, "below", "10", null, webhook).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("team leads can have alerts posted to a chat channel")));
        rule(LEAD, "below", "10", rep, webhook).andExpect(status().isCreated()).andExpect(jsonPath("$.webhookName").value("#sales " + run));
        alerts.checkNow();

        String title = "Calls " + run + " for the Enterprise team is below 10";
        MimeMessage email = email(title);
        assertThat(email.getAllRecipients()[0].toString()).isEqualTo(REP);
        assertThat(email.getSubject()).isEqualTo(title);
        String plain = part(email, "text/plain");
        String html = part(email, "text/html");
        assertThat(plain).contains(title).contains("Now 0 in").contains("What to do: Book an hour of calls today")
                .contains("Open in Northstar: https://northstar.example.com/teams/" + enterprise + "/metrics/" + alerts.metric)
                .contains("https://northstar.example.com/notifications/settings");
        assertThat(html).contains("<a href=\"https://northstar.example.com/teams/" + enterprise + "/metrics/" + alerts.metric + "\"")
                .contains("Book an hour of calls today").contains("✕ " + title);
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "alert-email.html"), html); // to look at

        waitUntil(() -> received.size() == 1, "the channel gets the post");
        Received post = received.get(0);
        String timestamp = post.header("X-Northstar-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), Offset.offset(30L));
        assertThat(post.header("X-Northstar-Signature")).as("HMAC-SHA256 of timestamp.body, computed here independently")
                .isEqualTo("sha256=" + hmac(secret, timestamp + "." + post.body()));
        assertThat(post.header("Content-Type")).startsWith("application/json");
        JsonNode body = JSON.readTree(post.body());
        assertThat(body.get("text").asString()).isEqualTo(title);
        assertThat(body.get("blocks").get(0).get("text").get("text").asString()).contains("*What to do:* Book an hour of calls today")
                .contains("<https://northstar.example.com/teams/" + enterprise + "/metrics/" + alerts.metric + "|Open in Northstar>");
        assertThat(body.get("northstar").get("kind").asString()).isEqualTo("breached");

        waitUntil(() -> sent(title).size() == 2, "both deliveries logged as sent");
        List<JsonNode> sent = sent(title);
        assertThat(sent).extracting(d -> d.get("channel").asString()).containsExactlyInAnyOrder("email", "webhook");
        assertThat(sent).allSatisfy(d -> {
            assertThat(d.get("attempts").asInt()).isEqualTo(1);
            assertThat(d.get("attemptsMade").get(0).get("ok").asBoolean()).isTrue();
        });
        assertThat(sent.stream().filter(d -> d.get("channel").asString().equals("webhook")).findFirst().orElseThrow()
                .get("attemptsMade").get(0).get("outcome").asString()).isEqualTo("HTTP 200: ok");
        alerts.send(REP, get("/api/v1/deliveries"), null).andExpect(status().isForbidden());
        alerts.send(LEAD, get("/api/v1/outgoing-webhooks"), null).andExpect(status().isForbidden());
    }

    @Test
    void eachPersonChoosesWhatTheyGetByEmail() throws Exception {
        alerts.send(REP, get("/api/v1/notification-preferences"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.emailBreaches").value(true)).andExpect(jsonPath("$.emailResolutions").value(true))
                .andExpect(jsonPath("$.emailAddress").value(REP)).andExpect(jsonPath("$.emailSetUp").value(true));
        alerts.send(REP, put("/api/v1/notification-preferences"), "{\"emailBreaches\":false,\"weeklyDigest\":true}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("emailResolutions")));
        alerts.send(REP, put("/api/v1/notification-preferences"), "{\"emailBreaches\":false,\"emailResolutions\":true,\"weeklyDigest\":true}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.emailBreaches").value(false)).andExpect(jsonPath("$.weeklyDigest").value(true));
        alerts.send(LEAD, get("/api/v1/notification-preferences"), null).andExpect(jsonPath("$.emailBreaches").value(true)); // one's own only

        rule(REP, "below", "10", null, null).andExpect(status().isCreated());
        alerts.checkNow();
        String title = "Calls " + run + " for the Enterprise team is below 10";
        assertThat(titles(REP)).as("the bell always tells").contains(title);
        assertThat(jdbc.sql("select count(*) from delivery where subject = ?").param(title).query(Long.class).single())
                .as("no e-mail queued for a breach the rep turned off").isZero();

        alerts.calls(11, rep);
        assertThat(email("Calls " + run + " for the Enterprise team is no longer below 10").getAllRecipients()[0].toString()).isEqualTo(REP);
        assertThat(java.util.Arrays.stream(SMTP.getReceivedMessages()).map(DeliveriesTest::subject)).doesNotContain(title);
    }

    @Test
    void aWeeklyDigestGoesOncePerWeekToThoseWhoWantIt() throws Exception {
        alerts.send(ADMIN, put("/api/v1/scopes/team:" + enterprise + "/key-metric-levels/" + alerts.metric), "{\"mode\":\"add\"}")
                .andExpect(status().isOk()); // a key metric of the rep's team
        alerts.send(LEAD, put("/api/v1/notification-preferences"), "{\"emailBreaches\":true,\"emailResolutions\":true,\"weeklyDigest\":false}")
                .andExpect(status().isOk());
        rule(REP, "below", "10", null, null).andExpect(status().isCreated());
        alerts.checkNow();
        String title = "Calls " + run + " for the Enterprise team is below 10";

        // Any hour from 08:00 on is past the week's 07:00 start, whichever day the week starts on.
        Instant now = Instant.now();
        if (now.atZone(java.time.ZoneId.of("Europe/Oslo")).getHour() < 8) {
            now = now.plus(java.time.Duration.ofHours(8));
        }
        assertThat(digests.sendDue(now)).as("a digest for each who wants one").isPositive();
        assertThat(digests.sendDue(now)).as("once per week").isZero();

        JsonNode preview = json(alerts.send(REP, get("/api/v1/notifications/digest"), null).andExpect(status().isOk()));
        MimeMessage email = emailTo(REP, "Your week in Northstar (" + preview.get("week").asString() + "): ");
        String plain = part(email, "text/plain");
        String html = part(email, "text/html");
        assertThat(preview.get("metrics").valueStream().map(line -> line.get("name").asString())).as("the rep's key metrics, as Home reads them")
                .contains("Calls " + run);
        for (JsonNode line : preview.get("metrics")) {
            assertThat(plain).contains(line.get("name").asString() + " (" + line.get("period").asString() + "): " + line.get("value").asString());
            assertThat(html).contains(line.get("name").asString());
        }
        assertThat(email.getSubject()).contains(preview.get("onTrack").asLong() + " of " + preview.get("metrics").size() + " key metrics on track");
        assertThat(plain.substring(plain.indexOf("Alerts of the week\n"), plain.indexOf("Still breached\n"))).contains("  ✕ " + title + "\n");
        assertThat(plain.substring(plain.indexOf("Still breached\n"))).contains("  ✕ " + title + "\n");
        assertThat(plain).contains("https://northstar.example.com/notifications/settings");
        assertThat(html).contains(title).contains("Good morning, Riley Rep");
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "screenshots"));
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "screenshots", "digest-email.html"), html); // to look at
        assertThat(jdbc.sql("select count(*) from delivery where kind = 'digest' and recipient = ?").param(REP).query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from delivery where kind = 'digest' and recipient = ?").param(LEAD).query(Long.class).single())
                .as("the lead turned the digest off").isZero();
    }

    @Test
    void aChannelThatFailsIsRetriedWithBackoffAndOneThatStaysDownIsGivenUp() throws Exception {
        // 500 twice, then through: three attempts, one delivery id
        List<Received> flaky = new CopyOnWriteArrayList<>();
        long recovering = webhook("recovering", channel(flaky, attempt -> attempt <= 2 ? 500 : 200));
        JsonNode test = json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks/" + recovering + "/test"), null).andExpect(status().isOk()));
        assertThat(test.get("state").asString()).isEqualTo("pending");
        assertThat(test.get("lastError").asString()).isEqualTo("HTTP 500: ok");
        long id = test.get("id").asLong();
        waitUntil(() -> "sent".equals(delivery(id).get("state").asString()), "sent at the third attempt");
        JsonNode done = delivery(id);
        assertThat(done.get("attempts").asInt()).isEqualTo(3);
        assertThat(done.get("attemptsMade")).extracting(a -> a.get("outcome").asString()).containsExactly("HTTP 500: ok", "HTTP 500: ok", "HTTP 200: ok");
        Instant first = Instant.parse(done.get("attemptsMade").get(0).get("at").asString());
        Instant third = Instant.parse(done.get("attemptsMade").get(2).get("at").asString());
        assertThat(java.time.Duration.between(first, third)).as("backoff 100 ms, then 400 ms").isGreaterThanOrEqualTo(java.time.Duration.ofMillis(500));
        assertThat(flaky).extracting(r -> r.header("X-Northstar-Delivery")).as("a retry is the same delivery to the receiver")
                .containsOnly(Long.toString(id)).hasSize(3);

        // nobody listening: tried three times, then given up, and the channels page says so
        long down = webhook("down", "http://127.0.0.1:" + freePort() + "/hook");
        long downTest = json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks/" + down + "/test"), null)).get("id").asLong();
        waitUntil(() -> "gave_up".equals(delivery(downTest).get("state").asString()), "given up");
        assertThat(delivery(downTest).get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery(downTest).get("lastError").asString()).startsWith("Gave up after 3 attempts: ").contains("ConnectException");
        JsonNode downRow = webhooks().stream().filter(w -> w.get("id").asLong() == down).findFirst().orElseThrow();
        assertThat(downRow.get("lastDelivery").get("state").asString()).isEqualTo("gave_up");

        // a channel that answers nothing within the timeout (1 s here)
        long hanging = webhook("hanging", channel(new CopyOnWriteArrayList<>(), attempt -> {
            sleep(5_000);
            return 200;
        }));
        JsonNode hung = json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks/" + hanging + "/test"), null));
        assertThat(hung.get("lastError").asString()).isEqualTo("no answer within 1 s");
        assertThat(hung.get("attemptsMade").get(0).get("durationMillis").asInt()).isLessThan(4_000);

        // a revoked address (404) will not come back: given up at once
        long revoked = webhook("revoked", channel(new CopyOnWriteArrayList<>(), attempt -> 404));
        JsonNode gone = json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks/" + revoked + "/test"), null));
        assertThat(gone.get("state").asString()).isEqualTo("gave_up");
        assertThat(gone.get("lastError").asString()).isEqualTo("Gave up after 1 attempt: HTTP 404: ok");
        assertThat(json(alerts.send(ADMIN, get("/api/v1/deliveries?state=gave_up&channel=webhook"), null)).valueStream()
                .map(d -> d.get("recipient").asString())).as("the log filtered").contains("revoked " + run, "down " + run).doesNotContain("recovering " + run);
        alerts.send(ADMIN, get("/api/v1/deliveries?state=lost"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("state must be one of pending, sent, gave_up")));
    }

    @Test
    void webhookInputIsCheckedAndAnotherCompanysWebhooksAreNotFound() throws Exception {
        alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\"x\",\"url\":\"ftp://example.com/hook\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("url must be an http or https address")));
        alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\"x\",\"url\":\"https://user:pw@example.com/hook\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString("user name or password")));
        alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\" \",\"url\":\"https://example.com/hook\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("name is required")));
        long id = webhook("unique", "https://example.com/hook");
        alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\"UNIQUE " + run + "\",\"url\":\"https://example.com/other\"}")
                .andExpect(status().isConflict());
        alerts.send(REP, post("/api/v1/outgoing-webhooks"), "{\"name\":\"mine\",\"url\":\"https://example.com/hook\"}").andExpect(status().isForbidden());
        alerts.send(OTHER_COMPANY_ADMIN, post("/api/v1/outgoing-webhooks/" + id + "/test"), null).andExpect(status().isNotFound());
        alerts.send(OTHER_COMPANY_ADMIN, delete("/api/v1/outgoing-webhooks/" + id), null).andExpect(status().isNotFound());
        long otherCompanysWebhook = json(alerts.send(OTHER_COMPANY_ADMIN, post("/api/v1/outgoing-webhooks"),
                "{\"name\":\"theirs " + run + "\",\"url\":\"https://example.com/hook\"}").andExpect(status().isCreated()))
                .get("webhook").get("id").asLong();
        rule(LEAD, "below", "10", null, otherCompanysWebhook).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("webhookId names no webhook of the company")));

        // removing a channel keeps its rules, which go on telling their owners
        long local = webhook("local", "http://127.0.0.1:" + freePort() + "/hook"); // a sweep meanwhile posts nowhere outside
        String rule = rule(LEAD, "below", "10", null, local).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        alerts.send(ADMIN, delete("/api/v1/outgoing-webhooks/" + local), null).andExpect(status().isNoContent());
        long ruleId = JSON.readTree(rule).get("id").asLong();
        assertThat(json(alerts.send(LEAD, get("/api/v1/alert-rules"), null)).valueStream().filter(r -> r.get("id").asLong() == ruleId).findFirst()
                .orElseThrow().get("webhookId").isNull()).isTrue();
    }

    private long webhook(String name, String url) throws Exception {
        return json(alerts.send(ADMIN, post("/api/v1/outgoing-webhooks"), "{\"name\":\"" + name + " " + run + "\",\"url\":\"" + url + "\"}")
                .andExpect(status().isCreated())).get("webhook").get("id").asLong();
    }

    private List<JsonNode> webhooks() throws Exception {
        return json(alerts.send(ADMIN, get("/api/v1/outgoing-webhooks"), null)).valueStream().toList();
    }

    /** A channel on a real HTTP server: records each request and answers "ok" with the status the attempt number gets. */
    private String channel(List<Received> received, IntUnaryOperator status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger attempts = new AtomicInteger();
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), body));
            byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status.applyAsInt(attempts.incrementAndGet()), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        // Daemon threads: an idle pool's threads linger a minute, which would hold the test JVM's exit.
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "test-channel");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String hmac(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    /** The e-mail to the address whose subject starts so, once it has arrived. */
    private static MimeMessage emailTo(String address, String subjectStart) throws InterruptedException {
        java.util.function.Predicate<MimeMessage> wanted = m -> recipient(m).equals(address) && subject(m).startsWith(subjectStart);
        waitUntil(() -> java.util.Arrays.stream(SMTP.getReceivedMessages()).anyMatch(wanted), "an e-mail to " + address + ": " + subjectStart);
        return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(wanted).findFirst().orElseThrow();
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getAllRecipients()[0].toString();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The e-mail with this subject, once it has arrived (rules of other tests may send theirs meanwhile). */
    private static MimeMessage email(String subject) throws InterruptedException {
        waitUntil(() -> java.util.Arrays.stream(SMTP.getReceivedMessages()).anyMatch(m -> subject.equals(subject(m))), "an e-mail: " + subject);
        return java.util.Arrays.stream(SMTP.getReceivedMessages()).filter(m -> subject.equals(subject(m))).findFirst().orElseThrow();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(MimeMessage email, String type) throws Exception {
        return find((Multipart) email.getContent(), type);
    }

    private static String find(Multipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var part = multipart.getBodyPart(i);
            if (part.getContent() instanceof Multipart inner) {
                String found = find(inner, type);
                if (found != null) {
                    return found;
                }
            } else if (part.isMimeType(type)) {
                return GreenMailUtil.getBody(part).isEmpty() ? null : part.getContent().toString().replace("\r\n", "\n"); // as sent, CRLF
            }
        }
        return null;
    }

    private List<String> titles(String who) throws Exception {
        return json(alerts.send(who, get("/api/v1/notifications"), null)).valueStream().map(n -> n.get("title").asString()).toList();
    }

    private List<JsonNode> deliveries(String who, String state) {
        try {
            return json(alerts.send(who, get("/api/v1/deliveries?state=" + state), null)).valueStream().toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> sent(String subject) {
        return deliveries(ADMIN, "sent").stream().filter(d -> d.get("subject").asString().equals(subject)).toList();
    }

    private JsonNode delivery(long id) {
        try {
            return json(alerts.send(ADMIN, get("/api/v1/deliveries?limit=500"), null)).valueStream().filter(d -> d.get("id").asLong() == id)
                    .findFirst().orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(until);
            Thread.sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ResultActions rule(String who, String condition, String threshold, Long owner, Long webhook) throws Exception {
        return alerts.rule(who, "team:" + enterprise, condition, threshold, owner, webhook);
    }


    private static JsonNode json(ResultActions result) throws Exception {
        return AlertsFixture.json(result);
    }
}

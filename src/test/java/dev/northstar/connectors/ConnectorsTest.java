package dev.northstar.connectors;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Connectors against real sources: HTTP servers in this JVM (JSON pages, a CSV file, and servers that hang, trickle,
 * answer garbage, 500s or an endless body) and a second schema of the test's PostgreSQL read over JDBC. Pulls are
 * started with Run now and run by db-scheduler, as scheduled ones are.
 */
@SpringBootTest(properties = {"northstar.connectors.timeout=1s", "northstar.connectors.max-bytes=1MB", "northstar.connectors.retry=1h",
        "db-scheduler.polling-interval=200ms"})
@AutoConfigureMockMvc
class ConnectorsTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String MANAGER = "manager@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** A schedule that does not come during a test, so that only Run now and retries start pulls. */
    static final String NEW_YEAR = "0 0 1 1 *";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired Environment environment;
    @Autowired DataSource dataSource;
    @Autowired CustomTask<String> connectorPull;
    DemoFixture org;
    String run;
    final List<SourceServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        org = new DemoFixture(jdbc, demo);
        run = "r" + System.nanoTime();
    }

    @AfterEach
    void stopServers() {
        servers.forEach(SourceServer::close);
    }

    @Test
    void anHttpJsonConnectorReadsEveryPageMapsTheFieldsAndPullsOnlyWhatIsNewAfterItsCursor() throws Exception {
        String secret = "Bearer token-" + run;
        SourceServer source = server(exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String page;
            if (query.contains("cursor=p2")) {
                page = "{\"data\":[" + call("c3", REP, "2026-11-02T09:00:00Z") + "],\"meta\":{\"next\":null}}";
            } else if (query.equals("since=")) {
                page = "{\"data\":[" + call("c1", REP, "2026-11-01T09:00:00Z") + "," + call("c2", REP, "2026-11-01T10:00:00Z")
                        + "],\"meta\":{\"next\":\"p2\"}}";
            } else {
                page = "{\"data\":[" + call("c3", REP, "2026-11-02T09:00:00Z") + "," + call("c4", REP, "2026-11-03T09:00:00Z") + ","
                        + call("c5", "nobody@example.com", "2026-11-09T09:00:00Z") + "],\"meta\":{}}";
            }
            SourceServer.answer(exchange, 200, "application/json", page);
        });
        JsonNode created = json(send(ADMIN, post("/api/v1/connectors"), """
                {"name":"CRM calls %s","kind":"http_json","recordKind":"activities","source":"crm-%s","schedule":"%s",
                 "settings":{"url":"%s","recordsPointer":"/data","pagination":"cursor","nextPointer":"/meta/next","nextParam":"cursor",
                             "mapping":{"externalId":"id","person":"/rep/email","occurredAt":"at","type":"kind"}},
                 "secretHeaders":{"Authorization":"%s"},"cursorField":"occurredAt"}"""
                .formatted(run, run, NEW_YEAR, source.url("/calls?since={cursor}"), secret)).andExpect(status().isCreated()));
        long id = created.get("id").asLong();
        assertThat(created.toString()).as("a secret is never shown again").doesNotContain("token-" + run);
        assertThat(created.get("secretHeaders").get(0).asString()).isEqualTo("Authorization");
        assertThat(created.get("state").asString()).isEqualTo("new");
        assertThat(connector(id).get("settings").get("mapping").propertyNames()).as("in the order written, as the form shows it back")
                .containsExactly("externalId", "person", "occurredAt", "type");
        assertThat(jdbc.sql("select secret_sealed from connector where id = ?").param(id).query(String.class).single())
                .startsWith("v1:").doesNotContain("token-" + run);

        JsonNode first = runAndWait(id, 0);
        assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
        assertThat(first.get("received").asLong()).isEqualTo(3);
        assertThat(first.get("created").asLong()).as(first.toString()).isEqualTo(3);
        assertThat(source.requests).extracting(SourceServer.Request::pathAndQuery).containsExactly("/calls?since=", "/calls?since=&cursor=p2");
        assertThat(source.requests).allSatisfy(r -> assertThat(r.authorization()).isEqualTo(secret));
        assertThat(jdbc.sql("select count(*) from activity where source = ? and person_id = ?").params("crm-" + run, org.person(REP))
                .query(Long.class).single()).isEqualTo(3);
        assertThat(connector(id).get("cursor").asString()).isEqualTo("2026-11-02T09:00:00Z");

        JsonNode second = runAndWait(id, 1);
        assertThat(source.requests.get(2).pathAndQuery()).as("the cursor sent back").isEqualTo("/calls?since=2026-11-02T09%3A00%3A00Z");
        assertThat(second.get("received").asLong()).isEqualTo(3);
        assertThat(second.get("created").asLong()).as("c4").isEqualTo(1);
        assertThat(second.get("unchanged").asLong()).as("c3 again: same source and external id").isEqualTo(1);
        assertThat(second.get("rejected").asLong()).isEqualTo(1);
        JsonNode rejection = second.get("rejections").get(0);
        assertThat(rejection.get("line").asLong()).isEqualTo(3);
        assertThat(rejection.get("field").asString()).isEqualTo("person");
        assertThat(rejection.get("value").asString()).isEqualTo("nobody@example.com");
        assertThat(connector(id).get("cursor").asString()).as("not past the rejected c5 of Nov 9, which must be pulled again")
                .isEqualTo("2026-11-03T09:00:00Z");
        assertThat(jdbc.sql("select after::text from audit_event where area = 'connector' and record_id = ? and action = 'insert'")
                .param(Long.toString(id)).query(String.class).single()).contains("\"secret_sealed\": \"(secret)\"").doesNotContain("token-");
    }

    @Test
    void aCsvFileAtAnAddressAndAReadOnlyQueryOnAnotherDatabaseLoadThroughTheSamePath() throws Exception {
        SourceServer csv = server(exchange -> SourceServer.answer(exchange, 200, "text/csv", """
                Call ID;Agent;When;What
                k1;%s;2026-11-05T09:00:00Z;call
                k2;%s;2026-11-05T10:00:00Z;meeting
                """.formatted(REP, REP)));
        long file = create("""
                {"name":"Dialer %s","kind":"csv_url","recordKind":"activities","schedule":"%s",
                 "settings":{"url":"%s","delimiter":";","mapping":{"externalId":"Call ID","person":"Agent","occurredAt":"When","type":"What"}}}"""
                .formatted(run, NEW_YEAR, csv.url("/export.csv")));
        JsonNode fileRun = runAndWait(file, 0);
        assertThat(fileRun.get("created").asLong()).as(fileRun.toString()).isEqualTo(2);
        assertThat(connector(file).get("source").asString()).as("made from the name").isEqualTo("dialer-" + run);

        String schema = "crm_" + run;
        jdbc.sql("create schema " + schema).update();
        jdbc.sql("create table " + schema + ".calls (id text primary key, agent text, at timestamptz, kind text)").update();
        jdbc.sql("insert into " + schema + ".calls values ('j1', ?, '2026-11-06T09:00:00Z', 'call'), ('j2', ?, '2026-11-06T10:00:00Z', 'call')")
                .params(REP, REP).update();
        long query = create("""
                {"name":"CRM database %s","kind":"jdbc","recordKind":"activities","schedule":"%s","cursorField":"occurredAt",
                 "settings":{"jdbcUrl":"%s","username":"%s",
                             "query":"select id as \\"externalId\\", agent as person, at as \\"occurredAt\\", kind as type from %s.calls where at > coalesce({cursor}::timestamptz, '-infinity') order by at"},
                 "password":"%s"}"""
                .formatted(run, NEW_YEAR, environment.getProperty("spring.datasource.url"), environment.getProperty("spring.datasource.username"),
                        schema, environment.getProperty("spring.datasource.password", "")));
        JsonNode queried = runAndWait(query, 0);
        assertThat(queried.get("ok").asBoolean()).as(queried.toString()).isTrue();
        assertThat(queried.get("created").asLong()).isEqualTo(2);
        assertThat(Instant.parse(connector(query).get("cursor").asString())).isEqualTo(Instant.parse("2026-11-06T10:00:00Z"));
        jdbc.sql("insert into " + schema + ".calls values ('j3', ?, '2026-11-07T09:00:00Z', 'call')").param(REP).update();
        JsonNode again = runAndWait(query, 1);
        assertThat(again.get("received").asLong()).as("only the row after the cursor").isEqualTo(1);
        assertThat(again.get("created").asLong()).isEqualTo(1);

        long writer = create("""
                {"name":"Writer %s","kind":"jdbc","recordKind":"activities","schedule":"%s",
                 "settings":{"jdbcUrl":"%s","username":"%s","query":"with gone as (delete from %s.calls returning id) select id as \\"externalId\\" from gone"},
                 "password":"%s"}"""
                .formatted(run, NEW_YEAR, environment.getProperty("spring.datasource.url"), environment.getProperty("spring.datasource.username"),
                        schema, environment.getProperty("spring.datasource.password", "")));
        JsonNode refused = runAndWait(writer, 0);
        assertThat(refused.get("ok").asBoolean()).isFalse();
        assertThat(refused.get("error").asString()).contains("read-only transaction");
        assertThat(jdbc.sql("select count(*) from " + schema + ".calls").query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aSourceThatHangsTricklesAnswersGarbageOrAnEndlessBodyFailsClearlyLoadsNothingAndTheAppStaysHealthy() throws Exception {
        SourceServer source = server(exchange -> {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/hang" -> sleep(5_000);
                case "/trickle" -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream out = exchange.getResponseBody();
                    for (int i = 0; i < 30; i++) {
                        out.write('[');
                        out.flush();
                        sleep(300);
                    }
                }
                case "/garbage" -> SourceServer.answer(exchange, 200, "application/json", "<html>Service temporarily unavailable</html>");
                case "/huge" -> {
                    exchange.sendResponseHeaders(200, 0); // chunked, no length: 2 GB unless the reader stops
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) ' ');
                    OutputStream out = exchange.getResponseBody();
                    out.write('[');
                    for (long sent = 0; sent < 2L * 1024 * 1024 * 1024; sent += chunk.length) {
                        out.write(chunk);
                    }
                }
                default -> { // /paged: the first page is fine, the second fails
                    if (exchange.getRequestURI().getQuery().contains("page=1")) {
                        SourceServer.answer(exchange, 200, "application/json", "[" + call("p1", REP, "2026-11-01T09:00:00Z") + "]");
                    } else {
                        SourceServer.answer(exchange, 502, "text/plain", "bad gateway");
                    }
                }
            }
        });
        Map<String, String> expected = Map.of(
                "/hang", "no complete answer from 127.0.0.1 within 1 s",
                "/trickle", "no complete answer from 127.0.0.1 within 1 s",
                "/garbage", "(page 1) is not JSON: Unexpected character ('<'",
                "/huge", "the answer is larger than 1 MB (northstar.connectors.max-bytes)",
                "/paged", "HTTP 502: bad gateway");
        for (var fault : expected.entrySet()) {
            long id = create("""
                    {"name":"Fault %s %s","kind":"http_json","recordKind":"activities","source":"fault-%s","schedule":"%s",
                     "settings":{"url":"%s","pagination":"%s","mapping":{"externalId":"id","person":"/rep/email","occurredAt":"at","type":"kind"}}}"""
                    .formatted(fault.getKey(), run, run, NEW_YEAR, source.url(fault.getKey()), fault.getKey().equals("/paged") ? "page" : "none"));
            JsonNode failed = runAndWait(id, 0);
            assertThat(failed.get("ok").asBoolean()).as(fault.getKey()).isFalse();
            assertThat(failed.get("error").asString()).as(fault.getKey()).contains(fault.getValue());
            assertThat(failed.get("tookMillis").asLong()).as(fault.getKey() + ": bounded").isLessThan(4_000);
            JsonNode page = connector(id);
            assertThat(page.get("state").asString()).isEqualTo("failing");
            assertThat(page.get("lastRun").get("error").asString()).contains(fault.getValue());
        }
        assertThat(jdbc.sql("select count(*) from activity where source = ?").param("fault-" + run).query(Long.class).single())
                .as("the first page of /paged was read, but nothing of a failed pull is loaded").isZero();
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void failuresAreRetriedWithBackoffAndTheAdminsAreToldOnceWhenTheyReachTheThresholdAndOnceWhenItWorksAgain() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        SourceServer source = server(exchange -> {
            if (down.get()) {
                SourceServer.answer(exchange, 500, "text/plain", "database is down");
            } else {
                SourceServer.answer(exchange, 200, "application/json", "[" + call("ok1", REP, "2026-11-01T09:00:00Z") + "]");
            }
        });
        String name = "Flaky " + run;
        long id = create("""
                {"name":"%s","kind":"http_json","recordKind":"activities","schedule":"%s","alertAfter":2,
                 "settings":{"url":"%s","mapping":{"externalId":"id","person":"/rep/email","occurredAt":"at","type":"kind"}}}"""
                .formatted(name, NEW_YEAR, source.url("/calls")));
        long admin = org.person(ADMIN);

        Instant before = Instant.now();
        JsonNode first = runAndWait(id, 0);
        assertThat(first.get("error").asString()).isEqualTo("HTTP 500: database is down");
        assertThat(nextPull(id)).as("first retry after 1 h").isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(notifications(admin, name)).as("one failure is not yet worth telling").isEmpty();

        runAndWait(id, 1);
        assertThat(nextPull(id)).as("then four times longer").isBetween(before.plus(Duration.ofMinutes(239)), Instant.now().plus(Duration.ofMinutes(241)));
        assertThat(connector(id).get("consecutiveFailures").asInt()).isEqualTo(2);
        assertThat(notifications(admin, name)).containsExactly("Connector " + name + " failed 2 pulls in a row");
        assertThat(jdbc.sql("select link from notification where person_id = ? and title like ?").params(admin, "Connector " + name + "%")
                .query(String.class).single()).as("the connector's page").isEqualTo("/imports/connectors/" + id);
        runAndWait(id, 2);
        assertThat(notifications(admin, name)).as("told once per run of failures").hasSize(1);

        down.set(false);
        JsonNode works = runAndWait(id, 3);
        assertThat(works.get("ok").asBoolean()).isTrue();
        assertThat(notifications(admin, name)).containsExactly("Connector " + name + " works again", "Connector " + name + " failed 2 pulls in a row");
        assertThat(connector(id).get("consecutiveFailures").asInt()).isZero();
        assertThat(nextPull(id)).as("back on its schedule").isAfter(Instant.now().plus(Duration.ofDays(1)));
        assertThat(jdbc.sql("select count(*) from notification where title like ? and person_id <> ?").params("Connector " + name + "%", admin)
                .query(Long.class).single()).as("only admins are told: Demo Corp has one").isZero();
    }

    @Test
    void twoSchedulersOnTheSameDatabaseRunEachPullOnce() throws Exception {
        SourceServer source = server(exchange -> {
            sleep(300); // a slow source widens the window in which a second instance could pick the same pull
            SourceServer.answer(exchange, 200, "application/json", "[]");
        });
        long id = create("""
                {"name":"Shared %s","kind":"http_json","recordKind":"activities","schedule":"%s","settings":{"url":"%s"}}"""
                .formatted(run, NEW_YEAR, source.url("/empty")));
        Scheduler second = Scheduler.create(dataSource, List.of(connectorPull)).pollingInterval(Duration.ofMillis(100)).threads(2)
                .schedulerName(new SchedulerName.Fixed("second-instance")).build();
        second.start();
        try {
            for (int i = 0; i < 5; i++) {
                runAndWait(id, i);
            }
            sleep(1_000); // a double pick would show up as a sixth request by now
        } finally {
            second.stop();
        }
        assertThat(source.requests).hasSize(5);
        assertThat(runs(id)).hasSize(5);
    }

    @Test
    void badSettingsAreRefusedNamingTheFieldAndOnlyAdminsOfTheCompanyManageConnectors() throws Exception {
        String base = "\"name\":\"Bad %s\",\"recordKind\":\"activities\",\"schedule\":\"@daily\"".formatted(run);
        Map<String, String> refusals = Map.of(
                "{" + base + ",\"kind\":\"ftp\",\"settings\":{}}", "kind must be one of http_json, csv_url, jdbc",
                "{" + base + ",\"kind\":\"csv_url\",\"settings\":{\"url\":\"ftp://files.example.com/a.csv\"}}", "settings.url must be an http or https address",
                "{" + base + ",\"kind\":\"http_json\",\"settings\":{\"url\":\"https://crm.example.com/x\",\"mapping\":{\"colour\":\"/c\"}}}",
                "settings.mapping.colour is not a field of activities",
                "{" + base.replace("@daily", "every hour") + ",\"kind\":\"csv_url\",\"settings\":{\"url\":\"https://crm.example.com/x\"}}",
                "schedule must have five fields",
                "{" + base.replace("@daily", "61 * * * *") + ",\"kind\":\"csv_url\",\"settings\":{\"url\":\"https://crm.example.com/x\"}}",
                "schedule is not a cron expression",
                "{" + base + ",\"kind\":\"jdbc\",\"password\":\"x\",\"settings\":{\"jdbcUrl\":\"jdbc:mysql://db/crm\",\"username\":\"u\",\"query\":\"select 1\"}}",
                "jdbcUrl must be a PostgreSQL address",
                "{" + base + ",\"kind\":\"jdbc\",\"password\":\"x\",\"settings\":{\"jdbcUrl\":\"jdbc:postgresql://db/crm\",\"username\":\"u\",\"query\":\"delete from deals\"}}",
                "settings.query must be one select",
                "{" + base + ",\"kind\":\"csv_url\",\"secretHeaders\":{\"Host\":\"evil\"},\"settings\":{\"url\":\"https://crm.example.com/x\"}}",
                "secretHeaders 'Host' is not a header a connector may send");
        Map<String, String> more = Map.of(
                "{" + base + ",\"kind\":\"jdbc\",\"password\":\"x\",\"settings\":{\"jdbcUrl\":\"jdbc:postgresql://93.184.215.14/crm?host=127.0.0.1\",\"username\":\"u\",\"query\":\"select 1\"}}",
                "jdbcUrl must be only jdbc:postgresql://host:port/database",
                "{" + base + ",\"kind\":\"jdbc\",\"password\":\"x\",\"settings\":{\"jdbcUrl\":\"jdbc:postgresql://db/crm\",\"username\":\"u\",\"query\":\"select 1; commit; delete from deals\"}}",
                "settings.query must be one statement",
                "{" + base + ",\"kind\":\"csv_url\",\"secretHeaders\":{\"Authorization\":\"Bearer s3cr\u20act\"},\"settings\":{\"url\":\"https://crm.example.com/x\"}}",
                "secretHeaders.Authorization must be one line of printable ASCII text");
        for (var refusal : more.entrySet()) {
            var answer = send(ADMIN, post("/api/v1/connectors"), refusal.getKey()).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString(refusal.getValue())));
            assertThat(answer.andReturn().getResponse().getContentAsString()).as("a refused secret is not echoed").doesNotContain("s3cr");
        }
        for (var refusal : refusals.entrySet()) {
            send(ADMIN, post("/api/v1/connectors"), refusal.getKey()).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.detail").value(containsString(refusal.getValue())));
        }
        assertThat(jdbc.sql("select count(*) from connector where name = ?").param("Bad " + run).query(Long.class).single()).isZero();

        String good = "{" + base + ",\"kind\":\"csv_url\",\"settings\":{\"url\":\"https://crm.example.com/x.csv\"}}";
        long id = create(good);
        send(ADMIN, post("/api/v1/connectors"), good).andExpect(status().isConflict());
        send(MANAGER, get("/api/v1/connectors/" + id), null).andExpect(status().isForbidden());
        send(REP, post("/api/v1/connectors/" + id + "/run"), null).andExpect(status().isForbidden());
        send(OTHER_COMPANY_ADMIN, get("/api/v1/connectors/" + id), null).andExpect(status().isNotFound());
        send(OTHER_COMPANY_ADMIN, put("/api/v1/connectors/" + id), good).andExpect(status().isNotFound());

        // An edit that leaves the secrets out keeps them; pausing takes the pull off the schedule.
        send(ADMIN, put("/api/v1/connectors/" + id), "{" + base + ",\"kind\":\"csv_url\",\"secretHeaders\":{\"X-Api-Key\":\"k-" + run + "\"},"
                + "\"settings\":{\"url\":\"https://crm.example.com/x.csv\"}}").andExpect(status().isOk());
        JsonNode paused = json(send(ADMIN, put("/api/v1/connectors/" + id), "{" + base + ",\"kind\":\"csv_url\",\"enabled\":false,"
                + "\"settings\":{\"url\":\"https://crm.example.com/y.csv\"}}").andExpect(status().isOk()));
        assertThat(paused.get("secretHeaders").get(0).asString()).isEqualTo("X-Api-Key");
        assertThat(paused.get("state").asString()).isEqualTo("paused");
        assertThat(paused.get("nextRunAt").isNull()).isTrue();
        JsonNode moved = json(send(ADMIN, put("/api/v1/connectors/" + id), "{" + base + ",\"kind\":\"csv_url\",\"enabled\":false,"
                + "\"settings\":{\"url\":\"https://elsewhere.example.net/y.csv\"}}").andExpect(status().isOk()));
        assertThat(moved.get("secretHeaders")).as("kept secrets do not follow the connector to another host").isEmpty();
        assertThat(jdbc.sql("select count(*) from scheduled_tasks where task_instance = ?").param(org.company("Demo Corp") + ":" + id)
                .query(Long.class).single()).isZero();
    }

    // --- helpers

    private static String call(String id, String email, String at) {
        return "{\"id\":\"%s\",\"rep\":{\"email\":\"%s\"},\"at\":\"%s\",\"kind\":\"call\"}".formatted(id, email, at);
    }

    private long create(String body) throws Exception {
        return json(send(ADMIN, post("/api/v1/connectors"), body).andExpect(status().isCreated())).get("id").asLong();
    }

    /** Presses Run now and waits for the pull to be recorded; answers the newest run. */
    private JsonNode runAndWait(long id, int runsBefore) throws Exception {
        send(ADMIN, post("/api/v1/connectors/" + id + "/run"), null).andExpect(status().isAccepted());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode runs = runs(id);
            if (runs.size() > runsBefore) {
                // the run is recorded just before db-scheduler plans the next one: wait for that too
                while (System.nanoTime() < deadline && Boolean.TRUE.equals(jdbc.sql("select picked from scheduled_tasks where task_instance = ?")
                        .param(org.company("Demo Corp") + ":" + id).query(Boolean.class).optional().orElse(false))) {
                    sleep(50);
                }
                return runs.get(0);
            }
            sleep(100);
        }
        throw new AssertionError("no pull of connector " + id + " within 30 s");
    }

    private JsonNode runs(long id) throws Exception {
        return json(send(ADMIN, get("/api/v1/connectors/" + id + "/runs"), null).andExpect(status().isOk()));
    }

    private JsonNode connector(long id) throws Exception {
        return json(send(ADMIN, get("/api/v1/connectors/" + id), null).andExpect(status().isOk()));
    }

    private Instant nextPull(long id) {
        return jdbc.sql("select execution_time from scheduled_tasks where task_instance = ?").param(org.company("Demo Corp") + ":" + id)
                .query(Timestamp.class).single().toInstant();
    }

    private List<String> notifications(long personId, String name) {
        return jdbc.sql("select title from notification where person_id = ? and title like ? order by id desc")
                .params(personId, "Connector " + name + "%").query(String.class).list();
    }

    private SourceServer server(SourceServer.Handler handler) throws IOException {
        SourceServer server = new SourceServer(handler);
        servers.add(server);
        return server;
    }

    private ResultActions send(String who, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(org.as(who)).with(csrf()));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package dev.northstar.audit;

import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataAccessException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Changes made through the API land in the audit log with who made them and what changed, secrets left out; the log
 * cannot be changed; admins read it, filter it and download it; nobody else does, and no company sees another's.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AuditLogTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String MANAGER = "manager@demo.northstar.dev";
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    String run;
    long enterprise;

    @BeforeEach
    void setUp() {
        org = new DemoFixture(jdbc, demo);
        run = "a" + System.nanoTime();
        enterprise = org.team("Demo Corp", "Enterprise");
    }

    @Test
    void aChangeIsLoggedWithWhoWhenAndWhatChangedAndSecretsLeftOut() throws Exception {
        try {
            send(ADMIN, patch("/api/v1/teams/" + enterprise), "{\"name\":\"Enterprise " + run + "\"}").andExpect(status().isOk());
            JsonNode rename = entries(ADMIN, "area=team&q=" + run).get(0);
            assertThat(rename.get("actor").asString()).isEqualTo("Alex Admin");
            assertThat(rename.get("area").asString()).isEqualTo("Team");
            assertThat(rename.get("action").asString()).isEqualTo("update");
            assertThat(rename.get("before").get("name").asString()).isEqualTo("Enterprise");
            assertThat(rename.get("after").get("name").asString()).isEqualTo("Enterprise " + run);
            assertThat(rename.get("after").propertyNames()).as("only what changed").containsExactly("name");
        } finally {
            restoreEnterprise(); // other tests of this context find the team by its name
        }

        String token = JSON.readTree(send(MANAGER, post("/api/v1/tokens"), "{\"name\":\"Audit " + run + "\"}").andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).toString();
        JsonNode created = entries(ADMIN, "area=api_token&q=" + run).get(0);
        assertThat(created.get("actor").asString()).isEqualTo("Morgan Manager");
        assertThat(created.get("action").asString()).isEqualTo("insert");
        assertThat(created.get("after").has("name")).isTrue();
        assertThat(created.get("after").get("token_hash").asString()).as("a secret, not even hashed").isEqualTo("(secret)");
        assertThat(created.toString()).doesNotContain(JSON.readTree(token).get("secret").asString());

        String metric = "audit_calls_" + run;
        send(ADMIN, put("/api/v1/metrics/" + metric), """
                {"name":"Calls %s","kind":"secondary","unit":"count","direction":"higher_is_better",
                 "formula":{"type":"aggregate","source":"activities","function":"count","time":"occurred",
                            "filters":[{"field":"type","values":["call"]}]}}""".formatted(run)).andExpect(status().isCreated());
        assertThat(entries(ADMIN, "area=metric_definition&q=" + run).get(0).get("label").asString()).isEqualTo("Calls " + run);
        send(MANAGER, put("/api/v1/targets"), "{\"metric\":\"%s\",\"scope\":\"team:%d\",\"period\":\"2026-12\",\"value\":50}"
                .formatted(metric, enterprise)).andExpect(status().isOk());
        JsonNode target = entries(ADMIN, "area=target&actorId=" + org.person(MANAGER)).get(0);
        assertThat(target.get("label").asString()).isEqualTo(metric + " · team:" + enterprise + " · 2026-12");
        assertThat(target.get("after").get("value").asInt()).isEqualTo(50);
    }

    @Test
    void backgroundWorkIsTheSystemsAndAnAlertChecksStateIsNotConfiguration() throws Exception {
        long newest = newestId();
        jdbc.sql("update team set name = name || '' where id = ?").param(enterprise).update();
        assertThat(newestId()).as("nothing changed: nothing logged").isEqualTo(newest);
        jdbc.sql("update department set name = ? where id = (select department_id from team where id = ?)").params("Sales " + run, enterprise).update();
        JsonNode byTheSystem = entries(ADMIN, "area=department&actorId=0&q=" + run).get(0);
        assertThat(byTheSystem.get("actor").asString()).isEqualTo("System");
        jdbc.sql("update department set name = 'Sales' where name = ?").param("Sales " + run).update();

        long company = org.company("Demo Corp");
        long rule = jdbc.sql("""
                        insert into alert_rule (company_id, metric_key, scope, condition, threshold, owner_id, created_by)
                        values (?, 'calls', 'company', 'above', 1, ?, ?) returning id""")
                .params(company, org.person(ADMIN), org.person(ADMIN)).query(Long.class).single();
        long inserted = newestId();
        jdbc.sql("update alert_rule set breached = true, breached_since = now(), checked_at = now() where id = ?").param(rule).update();
        assertThat(newestId()).as("a check's state is not a change anyone made").isEqualTo(inserted);
        jdbc.sql("update alert_rule set threshold = 5 where id = ?").param(rule).update();
        JsonNode changed = entries(ADMIN, "area=alert_rule").get(0);
        assertThat(changed.get("recordId").asString()).isEqualTo(Long.toString(rule));
        assertThat(changed.get("after").propertyNames()).containsExactly("threshold");
        jdbc.sql("delete from alert_rule where id = ?").param(rule).update();
    }

    @Test
    void theLogIsAppendOnly() {
        assertThat(jdbc.sql("select count(*) from audit_event").query(Long.class).single()).as("the demo's making is logged").isPositive();
        assertThatThrownBy(() -> jdbc.sql("update audit_event set actor_id = null").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_event").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("truncate audit_event").update()).isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void adminsReadFilterPageAndDownloadIt() throws Exception {
        try {
            for (int i = 0; i < 3; i++) {
                send(ADMIN, patch("/api/v1/teams/" + enterprise), "{\"name\":\"Enterprise " + run + " " + i + "\"}").andExpect(status().isOk());
            }
        } finally {
            restoreEnterprise();
        }
        List<JsonNode> firstPage = entries(ADMIN, "area=team&q=" + run + "&limit=2");
        assertThat(firstPage).hasSize(2);
        List<JsonNode> secondPage = entries(ADMIN, "area=team&q=" + run + "&limit=2&before=" + firstPage.get(1).get("id").asLong());
        assertThat(Stream.concat(firstPage.stream(), secondPage.stream()).map(e -> e.get("id").asLong()).distinct()).hasSize(4);
        assertThat(entries(ADMIN, "area=team&q=" + run + "&to=" + LocalDate.now().minusDays(2))).isEmpty();

        send(ADMIN, get("/api/v1/audit?area=nothing"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("area must be one of company, department")));
        send(ADMIN, get("/api/v1/audit?from=2026-05-02&to=2026-05-01"), null).andExpect(status().isBadRequest());
        send(MANAGER, get("/api/v1/audit"), null).andExpect(status().isForbidden());
        assertThat(entries(OTHER_COMPANY_ADMIN, "q=" + run)).as("another company's log").isEmpty();

        String csv = send(ADMIN, get("/audit.csv?area=team&q=" + run), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("When (UTC),Who,What,Action,Which,Before,After");
        assertThat(csv.lines().skip(1)).hasSize(4).allSatisfy(line -> assertThat(line).contains("Alex Admin,Team,update"));
        byte[] xlsx = send(ADMIN, get("/audit.xlsx?area=team&q=" + run), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(5);
            assertThat(rows.get(0).getCellText(1)).isEqualTo("Who");
            assertThat(rows.get(1).getCellText(5)).isEqualTo("name: Enterprise " + run + " 2");
            assertThat(rows.get(1).getCellText(6)).isEqualTo("name: Enterprise");
        }
        send(MANAGER, get("/audit.csv"), null).andExpect(status().isForbidden());
    }

    private void restoreEnterprise() throws Exception {
        send(ADMIN, patch("/api/v1/teams/" + enterprise), "{\"name\":\"Enterprise\"}").andExpect(status().isOk());
    }

    private long newestId() {
        return jdbc.sql("select coalesce(max(id), 0) from audit_event").query(Long.class).single();
    }

    private List<JsonNode> entries(String who, String query) throws Exception {
        return JSON.readTree(send(who, get("/api/v1/audit?" + query), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString()).valueStream().toList();
    }

    private ResultActions send(String who, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(org.as(who)).with(csrf()));
    }
}

package dev.northstar.ingest;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.DemoFixture;
import dev.northstar.analytics.RollupsVerified;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Activities through the API: upsert by (source, external id), per-record answers, idempotency, access. */
@SpringBootTest
@AutoConfigureMockMvc
class ActivitiesApiTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String LEAD = "lead@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";

    /** Every activity of these tests is on 4 or 5 May 2026. */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of("2026-05", "2026-05", DemoOrganization.DEMO_COMPANY);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    String run;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        run = "t" + System.nanoTime();
    }

    @Test
    void sendingTheSameBatchTwiceChangesNothingAndAChangedRecordIsUpdated() throws Exception {
        String batch = "[" + call("c1", REP, "2026-05-04T09:30:00Z", 12) + "," + call("c2", REP, "2026-05-04T10:00:00Z", 3) + "]";
        send(REP, batch).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(2)).andExpect(jsonPath("$.results[0].outcome").value("CREATED"));
        send(REP, batch).andExpect(jsonPath("$.unchanged").value(2)).andExpect(jsonPath("$.created").value(0));
        assertThat(stored()).isEqualTo(2);

        send(REP, "[" + call("c1", REP, "2026-05-04T09:30:00Z", 15) + "]")
                .andExpect(jsonPath("$.updated").value(1)).andExpect(jsonPath("$.results[0].outcome").value("UPDATED"));
        assertThat(jdbc.sql("select quantity from activity where external_id = ?").param(run + "c1").query(Long.class).single()).isEqualTo(15);
    }

    @Test
    void everyBadRecordIsRejectedWithItsFieldAndReasonWhileTheGoodOnesAreStored() throws Exception {
        String batch = "[" + String.join(",",
                call("ok", REP, "2026-05-04T09:30:00Z", 1),
                "{\"externalId\":\"" + run + "t\",\"type\":\"telepathy\",\"personEmail\":\"" + REP + "\",\"occurredAt\":\"2026-05-04T09:30:00Z\"}",
                "{\"externalId\":\"" + run + "p\",\"type\":\"call\",\"personEmail\":\"ghost@demo.northstar.dev\",\"occurredAt\":\"2026-05-04T09:30:00Z\"}",
                "{\"externalId\":\"" + run + "d\",\"type\":\"call\",\"personEmail\":\"" + REP + "\",\"occurredAt\":\"04/05/2026\"}",
                "{\"externalId\":\"" + run + "q\",\"type\":\"call\",\"personEmail\":\"" + REP + "\",\"occurredAt\":\"2026-05-04\",\"quantity\":-3}",
                "{\"type\":\"call\",\"personEmail\":\"" + REP + "\",\"occurredAt\":\"2026-05-04\"}",
                call("ok", REP, "2026-05-05T09:30:00Z", 1),
                "{\"externalId\":\"" + run + "x\",\"type\":\"call\",\"personEmail\":\"admin@other.northstar.dev\",\"occurredAt\":\"2026-05-04\"}",
                "42") + "]";
        String answer = send(ADMIN, batch).andExpect(status().isOk())
                .andExpect(jsonPath("$.created").value(1)).andExpect(jsonPath("$.rejected").value(8))
                .andReturn().getResponse().getContentAsString();
        assertThat(error(answer, 1)).startsWith("type 'telepathy': is not an activity type of this company; known: [call, email, lead_created, meeting");
        assertThat(error(answer, 2)).isEqualTo("personEmail 'ghost@demo.northstar.dev': no person 'ghost@demo.northstar.dev' in this company (give an e-mail address, full name or id)");
        assertThat(error(answer, 3)).startsWith("occurredAt '04/05/2026': '04/05/2026' is not a date and time");
        assertThat(error(answer, 4)).isEqualTo("quantity '-3': must not be negative");
        assertThat(error(answer, 5)).startsWith("externalId: is required");
        assertThat(error(answer, 6)).isEqualTo("externalId: repeats record 0 (same source and external id); the first one is kept");
        assertThat(error(answer, 7)).as("another company's people are unknown here")
                .isEqualTo("personEmail 'admin@other.northstar.dev': no person 'admin@other.northstar.dev' in this company (give an e-mail address, full name or id)");
        assertThat(error(answer, 8)).isEqualTo("record: must be a JSON object");
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aRepRecordsOnlyForThemselvesAndALeadAlsoForTheirTeam() throws Exception {
        long member = org.memberOf(org.team("Demo Corp", "Enterprise"));
        long outsider = org.memberOf(org.team("Demo Corp", "Mid-Market"));
        String forMember = "{\"externalId\":\"" + run + "m\",\"type\":\"meeting\",\"personId\":" + member + ",\"occurredAt\":\"2026-05-04T14:00:00\"}";
        String forOutsider = "{\"externalId\":\"" + run + "o\",\"type\":\"meeting\",\"personId\":" + outsider + ",\"occurredAt\":\"2026-05-04T14:00:00\"}";

        send(REP, "[" + forMember + "]").andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[0].errors[0].reason").value("you can record activities only for yourself"));
        send(LEAD, "[" + forMember + "," + forOutsider + "]").andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.results[1].errors[0].reason").value("you can record activities only for yourself and the members of the teams you lead"));
        // A local time is read in the company's time zone (Europe/Oslo: UTC+2 in May).
        assertThat(jdbc.sql("select to_char(occurred_at at time zone 'UTC', 'HH24:MI') from activity where external_id = ?")
                .param(run + "m").query(String.class).single()).isEqualTo("12:00");
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswerAndADifferentBodyIsRefused() throws Exception {
        String batch = "{\"records\":[" + call("i1", REP, "2026-05-04T09:30:00Z", 1) + "]}";
        String first = mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).header("Idempotency-Key", run)
                .contentType(MediaType.APPLICATION_JSON).content(batch)).andReturn().getResponse().getContentAsString();
        RollupsVerified.deleteActivities(jdbc, "external_id = ?", run + "i1"); // were the retry to run again, it would re-create it
        String retry = mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).header("Idempotency-Key", run)
                .contentType(MediaType.APPLICATION_JSON).content(batch)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(retry).isEqualTo(first).contains("\"created\":1");
        assertThat(stored()).as("the retry did not run again").isZero();

        mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).header("Idempotency-Key", run)
                        .contentType(MediaType.APPLICATION_JSON).content("[" + call("i2", REP, "2026-05-04T09:30:00Z", 1) + "]"))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("already used for a different request")));
    }

    @Test
    void malformedAndOversizedBatchesAreRefusedWhole() throws Exception {
        send(REP, "[{\"externalId\": ").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("body"));
        send(REP, "{\"externalId\":\"x\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("must be a JSON array")));
        String tooMany = IntStream.range(0, Ingest.MAX_BATCH + 1).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"));
        send(REP, tooMany).andExpect(status().isPayloadTooLarge()).andExpect(jsonPath("$.detail").value(containsString("at most 10000 records")));
        assertThat(stored()).isZero();
    }

    @Test
    void customTypesAreForAdminsAndThenAccepted() throws Exception {
        String key = "demo_held_" + (System.nanoTime() % 100000);
        mvc.perform(post("/api/v1/activity-types").with(org.as(REP)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"key\":\"" + key + "\",\"name\":\"Demo held\"}")).andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/activity-types").with(org.as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"key\":\"" + key + "\",\"name\":\"Demo held\"}")).andExpect(status().isCreated());
        mvc.perform(post("/api/v1/activity-types").with(org.as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"key\":\"Bad Key\",\"name\":\"x\"}")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("key"));
        send(REP, "[{\"externalId\":\"" + run + "demo\",\"type\":\"" + key + "\",\"personEmail\":\"" + REP + "\",\"occurredAt\":\"2026-05-04\"}]")
                .andExpect(jsonPath("$.created").value(1));
        mvc.perform(get("/api/v1/activity-types").with(org.as(REP))).andExpect(jsonPath("$[?(@.key == '" + key + "')].name").value("Demo held"));
    }

    @Test
    void activitiesAreReadBackWithinScope() throws Exception {
        send(REP, "[" + call("r1", REP, "2026-05-04T09:30:00Z", 2) + "]").andExpect(jsonPath("$.created").value(1));
        long rep = org.person(REP);
        mvc.perform(get("/api/v1/activities?personId=" + rep + "&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z").with(org.as(LEAD)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.externalId == '" + run + "r1')].quantity").value(2.0));
        mvc.perform(get("/api/v1/activities?personId=" + rep).with(org.as("other.manager@demo.northstar.dev"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/activities?personId=" + rep).with(org.as("admin@other.northstar.dev"))).andExpect(status().isNotFound());
    }

    private String call(String id, String email, String at, int minutes) {
        return "{\"externalId\":\"" + run + id + "\",\"type\":\"call\",\"personEmail\":\"" + email + "\",\"occurredAt\":\"" + at
                + "\",\"quantity\":" + minutes + ",\"source\":\"crm\"}";
    }

    private ResultActions send(String email, String body) throws Exception {
        return mvc.perform(post("/api/v1/activities").with(org.as(email)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long stored() {
        return jdbc.sql("select count(*) from activity where external_id like ?").param(run + "%").query(Long.class).single();
    }

    private static String error(String answer, int index) {
        List<String> fields = JsonPath.read(answer, "$.results[" + index + "].errors[*].field");
        List<String> values = JsonPath.read(answer, "$.results[" + index + "].errors[*].value");
        List<String> reasons = JsonPath.read(answer, "$.results[" + index + "].errors[*].reason");
        assertThat(JsonPath.<String>read(answer, "$.results[" + index + "].outcome")).isEqualTo("REJECTED");
        return fields.get(0) + (values.get(0) == null ? "" : " '" + values.get(0) + "'") + ": " + reasons.get(0);
    }
}

package dev.northstar.ingest;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.DemoFixture;
import dev.northstar.analytics.RollupsVerified;
import dev.northstar.organization.DemoOrganization;
import org.hamcrest.Matchers;
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
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Deals, accounts and revenue through the API, NDJSON streams, and the pipeline they refer to. */
@SpringBootTest
@AutoConfigureMockMvc
class RecordsApiTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";

    /** Deals created in March 2026 and closed in April, activities in May; Other Inc gets a deal without dates. */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of("2026-03", "2026-05", DemoOrganization.DEMO_COMPANY, DemoOrganization.OTHER_COMPANY);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    String run;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        run = "r" + System.nanoTime();
    }

    @Test
    void aDealMovingThroughThePipelineKeepsEveryStageItEnteredAndAResendChangesNothing() throws Exception {
        String open = deal("d1", "Qualification", null, "2026-03-02T10:00:00Z");
        send(REP, "/api/v1/deals", "[" + open + "]").andExpect(jsonPath("$.created").value(1));
        send(REP, "/api/v1/deals", "[" + open + "]").andExpect(jsonPath("$.unchanged").value(1));
        String answer = send(REP, "/api/v1/deals", "[" + deal("d1", "won", "2026-04-20", null) + "]")
                .andExpect(jsonPath("$.results[0].outcome").value("UPDATED")).andReturn().getResponse().getContentAsString();
        long id = ((Number) JsonPath.read(answer, "$.results[0].id")).longValue();

        mvc.perform(get("/api/v1/deals/" + id).with(org.as(REP)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.outcome").value("won"))
                .andExpect(jsonPath("$.closedOn").value("2026-04-20"))
                .andExpect(jsonPath("$.amount").value(22700.0))
                .andExpect(jsonPath("$.history[*].stage").value(Matchers.contains("qualification", "won")))
                .andExpect(jsonPath("$.history[0].changedAt").value("2026-03-02T10:00:00Z"))
                .andExpect(jsonPath("$.history[1].changedAt").value(startsWith("2026-04-1"))); // the day began in Oslo's zone
        mvc.perform(get("/api/v1/deals/" + id).with(org.as("other.manager@demo.northstar.dev"))).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/deals/" + id).with(org.as("admin@other.northstar.dev"))).andExpect(status().isNotFound());
    }

    @Test
    void dealsThatContradictThePipelineAreRejectedWithFieldAndReason() throws Exception {
        String batch = "[" + String.join(",",
                deal("e1", "Engaging", null, null),
                deal("e2", "Won", null, null),
                deal("e3", "Prospecting", "2026-04-20", null),
                "{\"externalId\":\"" + run + "e4\",\"owner\":\"Nobody Here\",\"stage\":\"proposal\"}",
                "{\"externalId\":\"" + run + "e5\",\"owner\":\"" + REP + "\",\"stage\":\"proposal\",\"amount\":\"-5\"}") + "]";
        String answer = send(ADMIN, "/api/v1/deals", batch).andExpect(jsonPath("$.rejected").value(5))
                .andReturn().getResponse().getContentAsString();
        assertThat(reason(answer, 0)).isEqualTo("stage 'Engaging': is not a stage of this company's pipeline [Prospecting, Qualification, "
                + "Proposal, Negotiation, Won, Lost]; add it under Pipeline or map it to one of these");
        assertThat(reason(answer, 1)).isEqualTo("closedOn: is required for a deal in the Won stage (won or lost)");
        assertThat(reason(answer, 2)).isEqualTo("closedOn '2026-04-20': must be empty while the deal is open (stage Prospecting)");
        assertThat(reason(answer, 3)).startsWith("owner 'Nobody Here': no person 'Nobody Here' in this company");
        assertThat(reason(answer, 4)).isEqualTo("amount '-5': must not be negative");
        assertThat(jdbc.sql("select count(*) from deal where external_id like ?").param(run + "%").query(Long.class).single()).isZero();
    }

    @Test
    void accountsWithoutOwnerAreForAdminsAndRevenueIsForAdminsOnly() throws Exception {
        String account = "{\"externalId\":\"" + run + "A\",\"name\":\"Acme\",\"segment\":\"SMB\",\"parentRef\":\"" + run + "P\"}";
        send(REP, "/api/v1/accounts", "[" + account + "]").andExpect(jsonPath("$.results[0].errors[0].reason")
                .value("is required: only company admins may send accounts without an owner"));
        send(ADMIN, "/api/v1/accounts", "[" + account + ",{\"externalId\":\"" + run + "P\",\"owner\":\"" + REP + "\"}]")
                .andExpect(jsonPath("$.created").value(2));
        assertThat(jdbc.sql("select name from account where external_id = ?").param(run + "P").query(String.class).single())
                .as("the name defaults to the external id").isEqualTo(run + "P");

        String lines = "[{\"accountRef\":\"" + run + "A\",\"month\":\"2026-03\",\"mrr\":1200},"
                + "{\"accountRef\":\"" + run + "A\",\"month\":\"2026-03-17\",\"mrr\":1300},"
                + "{\"accountRef\":\"" + run + "A\",\"month\":\"2026-04-01\",\"mrr\":\"1250.50\",\"currency\":\"eur\"}]";
        send(REP, "/api/v1/revenue", lines).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("only company admins can send recurring revenue")));
        send(ADMIN, "/api/v1/revenue", lines).andExpect(jsonPath("$.created").value(2))
                .andExpect(jsonPath("$.results[1].errors[0].reason").value("repeats record 0 (same source, account and month); the first one is kept"));
        assertThat(jdbc.sql("select string_agg(month || ' ' || mrr || ' ' || currency, ', ' order by month) from revenue_line where account_ref = ?")
                .param(run + "A").query(String.class).single()).isEqualTo("2026-03-01 1200.00 USD, 2026-04-01 1250.50 EUR");
    }

    @Test
    void anNdjsonStreamIsLoadedLineByLineAndAnswersWithCountsAndRejectedLines() throws Exception {
        String stream = String.join("\n",
                "{\"externalId\":\"" + run + "1\",\"type\":\"call\",\"person\":\"" + REP + "\",\"occurredAt\":\"2026-05-04 09:30\"}",
                "",
                "{not json",
                "{\"externalId\":\"" + run + "2\",\"type\":\"email\",\"person\":\"" + REP + "\",\"occurredAt\":\"yesterday\"}",
                "{\"externalId\":\"" + run + "3\",\"type\":\"meeting\",\"person\":\"" + REP + "\",\"occurredAt\":\"2026-05-04T11:00:00Z\"}",
                "{\"externalId\":\"" + run + "1\",\"type\":\"call\",\"person\":\"" + REP + "\",\"occurredAt\":\"2026-05-05\"}") + "\n";
        ndjson(stream).andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(5)).andExpect(jsonPath("$.created").value(2)).andExpect(jsonPath("$.rejected").value(3))
                .andExpect(jsonPath("$.rejections[0].line").value(3))
                .andExpect(jsonPath("$.rejections[0].errors[0].reason").value(startsWith("is not valid JSON")))
                .andExpect(jsonPath("$.rejections[1].line").value(4))
                .andExpect(jsonPath("$.rejections[1].errors[0].field").value("occurredAt"))
                .andExpect(jsonPath("$.rejections[2].line").value(6))
                .andExpect(jsonPath("$.rejections[2].errors[0].reason").value("repeats line 1 (same source and external id); the first one is kept"));
        ndjson(stream).andExpect(jsonPath("$.unchanged").value(2)).andExpect(jsonPath("$.created").value(0));
        assertThat(jdbc.sql("select occurred_at::text from activity where external_id = ?").param(run + "1").query(String.class).single())
                .as("a local time is read in the company's zone (Oslo, summer time)").isEqualTo("2026-05-04 07:30:00+00");
    }

    @Test
    void nobodyTakesOverARecordOfSomeoneTheyCannotRecordFor() throws Exception {
        String lead = "lead@demo.northstar.dev";
        send(lead, "/api/v1/deals", "[{\"externalId\":\"" + run + "t\",\"owner\":\"" + lead + "\",\"stage\":\"proposal\"}]")
                .andExpect(jsonPath("$.created").value(1));
        send(REP, "/api/v1/deals", "[{\"externalId\":\"" + run + "t\",\"owner\":\"" + REP + "\",\"stage\":\"proposal\"}]")
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[0].errors[0].reason").value(startsWith("this record already belongs to someone you cannot record for")));
        assertThat(jdbc.sql("select owner_id from deal where external_id = ?").param(run + "t").query(Long.class).single()).isEqualTo(org.person(lead));
        send(lead, "/api/v1/deals", "[{\"externalId\":\"" + run + "t\",\"owner\":\"" + REP + "\",\"stage\":\"proposal\"}]")
                .andExpect(jsonPath("$.updated").value(1)); // a lead may hand a deal to a member of the team
    }

    @Test
    void anAccountWithoutOwnerBelongsToTheCompanyAndARepCannotClaimIt() throws Exception {
        send(ADMIN, "/api/v1/accounts", "[{\"externalId\":\"" + run + "C\",\"name\":\"Company-owned\"}]").andExpect(jsonPath("$.created").value(1));
        send(REP, "/api/v1/accounts", "[{\"externalId\":\"" + run + "C\",\"name\":\"Mine now\",\"owner\":\"" + REP + "\"}]")
                .andExpect(jsonPath("$.rejected").value(1))
                .andExpect(jsonPath("$.results[0].errors[0].reason").value(startsWith("this record already belongs to someone you cannot record for")));
        assertThat(jdbc.sql("select name from account where external_id = ?").param(run + "C").query(String.class).single()).isEqualTo("Company-owned");
    }

    @Test
    void aNulCharacterIsARejectedFieldNotAFailedBatch() throws Exception {
        send(REP, "/api/v1/activities", "[{\"externalId\":\"" + run + "\\u0000x\",\"type\":\"call\",\"person\":\"" + REP
                        + "\",\"occurredAt\":\"2026-05-04\"},{\"externalId\":\"" + run + "ok\",\"type\":\"call\",\"person\":\"" + REP
                        + "\",\"occurredAt\":\"2026-05-04\",\"accountRef\":\"a\\u0000\"}, {\"externalId\":\"" + run + "fine\",\"type\":\"call\",\"person\":\""
                        + REP + "\",\"occurredAt\":\"2026-05-04\"}]")
                .andExpect(status().isOk()).andExpect(jsonPath("$.rejected").value(2)).andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.results[0].errors[0].reason").value("must not contain the NUL character"))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("accountRef"));
    }

    @Test
    void oversizedBatchesAndWrongContentTypesAreRefusedWithoutWritingAnything() throws Exception {
        String tooMany = IntStream.range(0, Ingest.MAX_BATCH + 1).mapToObj(i -> "{}").collect(Collectors.joining(",", "[", "]"));
        send(ADMIN, "/api/v1/deals", tooMany).andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.detail").value(containsString("at most 10000 records")));
        mvc.perform(post("/api/v1/deals").with(org.as(ADMIN)).with(csrf()).contentType(MediaType.TEXT_PLAIN).content("[]"))
                .andExpect(status().isUnsupportedMediaType());
        send(ADMIN, "/api/v1/accounts", "{\"externalId\":\"x\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("body"));
    }

    @Test
    void thePipelineIsTheCompanysOwnAndAStageWithDealsCannotBeDropped() throws Exception {
        mvc.perform(get("/api/v1/pipeline-stages").with(org.as(REP))).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].key").value("prospecting"));
        String withEngaging = """
                [{"key":"prospecting","name":"Prospecting","winProbability":10,"outcome":"OPEN"},
                 {"key":"engaging","name":"Engaging","winProbability":40,"outcome":"OPEN"},
                 {"key":"qualification","name":"Qualification","winProbability":25,"outcome":"OPEN"},
                 {"key":"proposal","name":"Proposal","winProbability":50,"outcome":"OPEN"},
                 {"key":"negotiation","name":"Negotiation","winProbability":75,"outcome":"OPEN"},
                 {"key":"won","name":"Won","winProbability":100,"outcome":"WON"},
                 {"key":"lost","name":"Lost","winProbability":0,"outcome":"LOST"}]""";
        mvc.perform(put("/api/v1/pipeline-stages").with(org.as(REP)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(withEngaging))
                .andExpect(status().isForbidden());
        mvc.perform(put("/api/v1/pipeline-stages").with(org.as("admin@other.northstar.dev")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(withEngaging)).andExpect(status().isOk());
        send("admin@other.northstar.dev", "/api/v1/deals", "[{\"externalId\":\"" + run + "g\",\"owner\":\"admin@other.northstar.dev\",\"stage\":\"Engaging\"}]")
                .andExpect(jsonPath("$.created").value(1));
        mvc.perform(put("/api/v1/pipeline-stages").with(org.as("admin@other.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content(withEngaging.replace(
                                "{\"key\":\"engaging\",\"name\":\"Engaging\",\"winProbability\":40,\"outcome\":\"OPEN\"},", "")))
                .andExpect(status().isConflict()).andExpect(jsonPath("$.detail").value(containsString("[engaging]")));
        mvc.perform(get("/api/v1/pipeline-stages").with(org.as(REP))).andExpect(jsonPath("$[1].key").value("qualification"))
                .andExpect(jsonPath("$.length()").value(6));
    }

    private String deal(String id, String stage, String closedOn, String stageChangedAt) {
        return "{\"externalId\":\"" + run + id + "\",\"name\":\"Platform\",\"owner\":\"" + REP + "\",\"accountRef\":\"ACME\",\"amount\":\"$22,700.00\","
                + "\"createdOn\":\"2026-03-01\",\"stage\":\"" + stage + "\""
                + (closedOn == null ? "" : ",\"closedOn\":\"" + closedOn + "\"")
                + (stageChangedAt == null ? "" : ",\"stageChangedAt\":\"" + stageChangedAt + "\"") + "}";
    }

    private ResultActions send(String email, String path, String body) throws Exception {
        return mvc.perform(post(path).with(org.as(email)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions ndjson(String body) throws Exception {
        return mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).contentType("application/x-ndjson").content(body));
    }

    private static String reason(String answer, int index) {
        List<String> fields = JsonPath.read(answer, "$.results[" + index + "].errors[*].field");
        List<String> values = JsonPath.read(answer, "$.results[" + index + "].errors[*].value");
        List<String> reasons = JsonPath.read(answer, "$.results[" + index + "].errors[*].reason");
        return fields.get(0) + (values.get(0) == null ? "" : " '" + values.get(0) + "'") + ": " + reasons.get(0);
    }
}

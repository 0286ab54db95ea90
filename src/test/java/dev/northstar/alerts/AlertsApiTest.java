package dev.northstar.alerts;

import dev.northstar.DemoFixture;
import dev.northstar.alerts.internal.AlertChecks;
import dev.northstar.alerts.internal.AlertStore;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Alert rules on a metric of this run's own calls for the Enterprise team: who may make them for whom, a breach told
 * once, its end told once, a load that breaches told without anyone asking for a check, and two checks at once
 * telling once.
 */
@SpringBootTest(properties = "northstar.alerts.tick=200ms")
@AutoConfigureMockMvc
class AlertsApiTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String LEAD = "lead@demo.northstar.dev";   // leads Enterprise
    static final String REP = "rep@demo.northstar.dev";     // member of Enterprise
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired AlertChecks checks;
    @Autowired AlertStore store;
    DemoFixture org;
    AlertsFixture alerts;
    String run, metric;
    long company, enterprise, midMarket, rep, lead;

    @BeforeEach
    void metric() throws Exception {
        org = new DemoFixture(jdbc, demo);
        alerts = new AlertsFixture(mvc, org, "alert_calls_");
        run = alerts.run;
        metric = alerts.metric;
        company = org.company("Demo Corp");
        enterprise = org.team("Demo Corp", "Enterprise");
        midMarket = org.team("Demo Corp", "Mid-Market");
        rep = org.person(REP);
        lead = org.person(LEAD);
    }

    @Test
    void whoMayMakeARuleForWhom() throws Exception {
        String rule = rule(REP, "team:" + enterprise, "above", "2", null).andExpect(status().isCreated())
                .andExpect(jsonPath("$.ownerId").value(rep))
                .andExpect(jsonPath("$.description").value("Calls " + run + " for the Enterprise team above 2"))
                .andExpect(jsonPath("$.breached").value(false))
                .andReturn().getResponse().getContentAsString();
        // the lead configures the team, so may have the rep told; the rep may not have the lead told
        rule(LEAD, "team:" + enterprise, "below", "10", rep).andExpect(status().isCreated()).andExpect(jsonPath("$.ownerName").value("Riley Rep"));
        rule(REP, "team:" + enterprise, "below", "10", lead).andExpect(status().isForbidden());
        rule(REP, "team:" + midMarket, "above", "1", null).andExpect(status().isForbidden());
        rule(OTHER_COMPANY_ADMIN, "team:" + enterprise, "above", "1", null).andExpect(status().isBadRequest()); // no such metric there
        rule(REP, "team:" + enterprise, "sideways", "1", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("condition must be one of above, below")));
        rule(REP, "team:" + enterprise, "worsens_by", "150", null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("threshold")));
        rule(REP, "team:" + enterprise, "no_data_for_days", "2.5", null).andExpect(status().isBadRequest());

        long id = JSON.readTree(rule).get("id").asLong();
        assertThat(ruleIds(LEAD)).contains(id);
        assertThat(ruleIds("other.manager@demo.northstar.dev")).as("Customer Success does not see Enterprise").doesNotContain(id);
        alerts.send(OTHER_COMPANY_ADMIN, delete("/api/v1/alert-rules/" + id), null).andExpect(status().isNotFound());
        alerts.send("other.manager@demo.northstar.dev", delete("/api/v1/alert-rules/" + id), null).andExpect(status().isNotFound());
        alerts.send(REP, delete("/api/v1/alert-rules/" + id), null).andExpect(status().isNoContent());
        assertThat(ruleIds(LEAD)).doesNotContain(id);
        alerts.send(REP, post("/api/v1/alert-rules/check"), null).andExpect(status().isForbidden());
    }

    @Test
    void aBreachIsToldOnceAndItsEndOnceAndALoadIsCheckedWithoutBeingAsked() throws Exception {
        rule(LEAD, "team:" + enterprise, "below", "10", rep).andExpect(status().isCreated());
        rule(REP, "team:" + enterprise, "above", "2", null).andExpect(status().isCreated());
        rule(REP, "team:" + enterprise, "no_data_for_days", "3", null).andExpect(status().isCreated());

        alerts.checkNow();
        assertThat(titles()).containsExactlyInAnyOrder(
                "Calls " + run + " for the Enterprise team is below 10",
                "Calls " + run + " for the Enterprise team is without data for 3 days");
        alerts.checkNow();
        assertThat(titles()).as("a breach is told once").hasSize(2);
        JsonNode breach = mine(REP).get(0);
        assertThat(breach.get("action").asString()).isEqualTo("Book an hour of calls today");
        assertThat(breach.get("link").asString()).isEqualTo("/teams/" + enterprise + "/metrics/" + metric);

        // three calls: nobody asks for a check; the load's own does it
        alerts.calls(3, rep);
        waitForTitles(4);
        assertThat(titles()).contains("Calls " + run + " for the Enterprise team is above 2",
                "Calls " + run + " for the Enterprise team is no longer without data for 3 days");

        alerts.calls(8, rep); // 11 in all: no longer below 10
        waitForTitles(5);
        assertThat(titles()).contains("Calls " + run + " for the Enterprise team is no longer below 10");
        alerts.checkNow();
        assertThat(titles()).hasSize(5);

        // read: one, then all; nobody marks another's
        long unread = JSON.readTree(alerts.send(REP, get("/api/v1/notifications/unread-count"), null).andReturn().getResponse().getContentAsString())
                .get("unread").asLong();
        long first = mine(REP).get(0).get("id").asLong();
        alerts.send(LEAD, post("/api/v1/notifications/" + first + "/read"), null).andExpect(status().isNotFound());
        alerts.send(REP, post("/api/v1/notifications/" + first + "/read"), null).andExpect(status().isNoContent());
        alerts.send(REP, get("/api/v1/notifications/unread-count"), null).andExpect(jsonPath("$.unread").value(unread - 1));
        alerts.send(REP, post("/api/v1/notifications/read-all"), null).andExpect(status().isOk());
        alerts.send(REP, get("/api/v1/notifications/unread-count"), null).andExpect(jsonPath("$.unread").value(0));
        assertThat(mine(LEAD)).as("the lead made a rule for the rep, who is told; the lead is not").isEmpty();
    }

    @Test
    void aReviewGoesThroughItsCadencesMetricsWithOwnersValuesAndBreachedAlerts() throws Exception {
        String reviewed = "reviewed_calls_" + run;
        alerts.send(ADMIN, put("/api/v1/metrics/" + reviewed), """
                {"name":"Reviewed calls %s","kind":"secondary","unit":"count","direction":"higher_is_better","owner":"%s",
                 "cadence":"quarterly","reviewMeeting":"Quarterly business review %s","actionWhenWorse":"Coach the team on openers",
                 "formula":{"type":"aggregate","source":"activities","function":"count","time":"occurred",
                            "filters":[{"field":"type","values":["call"]},{"field":"source","values":["%s"]}]}}"""
                .formatted(run, LEAD, run, run)).andExpect(status().isCreated());
        alerts.calls(3, rep);
        // a breach on another metric, which the reviewed one does not list, and one on the reviewed metric
        alerts.rule(LEAD, "team:" + enterprise, "below", "10", null, null).andExpect(status().isCreated());
        long onReviewed = JSON.readTree(alerts.send(LEAD, post("/api/v1/alert-rules"), "{\"metric\":\"%s\",\"scope\":\"team:%d\",\"condition\":\"below\",\"threshold\":10}"
                .formatted(reviewed, enterprise)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
        alerts.checkNow();

        JsonNode review = JSON.readTree(alerts.send(LEAD, get("/api/v1/reviews/quarterly?scope=team:" + enterprise), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(review.get("scopeName").asString()).isEqualTo("the Enterprise team");
        JsonNode item = review.get("items").valueStream().filter(i -> i.get("metric").asString().equals(reviewed)).findFirst().orElseThrow();
        assertThat(item.get("meeting").asString()).isEqualTo("Quarterly business review " + run);
        assertThat(item.get("owner").asString()).isEqualTo("Lee Lead");
        assertThat(item.get("value").asString()).as("this quarter's calls of the run").isEqualTo("3");
        assertThat(item.get("action").asString()).isEqualTo("Coach the team on openers");
        assertThat(item.get("openAlerts").valueStream().map(a -> a.get("id").asLong())).containsExactly(onReviewed);
        assertThat(review.get("items").valueStream().map(i -> i.get("metric").asString())).as("only the quarterly metrics")
                .doesNotContain(metric);
        assertThat(review.get("counts").valueStream().map(c -> c.get("cadence").asString()))
                .containsExactly("daily", "weekly", "monthly", "quarterly");

        alerts.send(REP, get("/api/v1/reviews/quarterly?scope=team:" + midMarket), null).andExpect(status().isForbidden());
        alerts.send(REP, get("/api/v1/reviews/yearly"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value(containsString("cadence must be one of daily, weekly, monthly, quarterly")));
        JsonNode companyView = JSON.readTree(alerts.send("other.manager@demo.northstar.dev", get("/api/v1/reviews/quarterly"), null)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(companyView.get("items").valueStream().filter(i -> i.get("metric").asString().equals(reviewed)).findFirst().orElseThrow()
                .get("openAlerts")).as("the Enterprise team's alert is not listed to Customer Success").isEmpty();
    }

    @Test
    void aCompanyWideRuleNamesItsOwnerOnlyToThoseWhoSeeThem() throws Exception {
        long otherManager = org.person("other.manager@demo.northstar.dev");
        long id = JSON.readTree(rule(ADMIN, "company", "above", "1000", otherManager).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asLong();
        assertThat(ownerNameOf(ADMIN, id)).isEqualTo("Casey Success");
        assertThat(ownerNameOf(REP, id)).as("the rep sees the company's rule, not who outside their team is told").isEqualTo("someone else");
        alerts.send(REP, delete("/api/v1/alert-rules/" + id), null).andExpect(status().isForbidden());
        alerts.send(ADMIN, delete("/api/v1/alert-rules/" + id), null).andExpect(status().isNoContent());
    }

    @Test
    void aRuleOnADeletedTeamStaysListedToAdminsAndIsLeftUnchecked() throws Exception {
        long sales = org.department("Demo Corp", "Sales");
        long team = JSON.readTree(alerts.send(ADMIN, post("/api/v1/teams"), "{\"departmentId\":%d,\"name\":\"Gone %s\"}".formatted(sales, run))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString()).get("id").asLong();
        long id = JSON.readTree(rule(ADMIN, "team:" + team, "below", "5", null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asLong();
        alerts.send(ADMIN, delete("/api/v1/teams/" + team), null).andExpect(status().isNoContent());
        assertThat(ruleIds(ADMIN)).contains(id);
        assertThat(ruleIds("manager@demo.northstar.dev")).as("listing still answers for those who do not own it").doesNotContain(id);
        checks.check(company);
        assertThat(jdbc.sql("select count(*) from notification where rule_id = ?").param(id).query(Long.class).single()).isZero();
        alerts.send(ADMIN, delete("/api/v1/alert-rules/" + id), null).andExpect(status().isNoContent());
    }

    @Test
    void aCheckThatReadTheRuleBeforeAnotherMovedItThereAndBackTellsNothing() throws Exception {
        long id = JSON.readTree(rule(REP, "team:" + enterprise, "below", "5", null).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString()).get("id").asLong();
        AlertStore.StoredRule read = store.rule(company, id).orElseThrow();
        Instant first = Instant.parse("2026-11-24T10:00:00Z");
        assertThat(store.switchState(company, id, true, read.checkedAt(), first)).isTrue();
        assertThat(store.switchState(company, id, false, first, first.plusSeconds(60))).isTrue();
        assertThat(store.switchState(company, id, true, read.checkedAt(), first.plusSeconds(120)))
                .as("breached again on what was read before both moves").isFalse();
    }

    @Test
    void twoChecksAtOnceTellOnce() throws Exception {
        rule(REP, "team:" + enterprise, "below", "5", null).andExpect(status().isCreated());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Integer>> together = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                together.add(() -> checks.check(company));
            }
            int sent = 0;
            for (Future<Integer> each : pool.invokeAll(together)) {
                sent += each.get();
            }
            assertThat(titles()).hasSize(1);
            assertThat(sent).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select breached from alert_rule where company_id = ? and metric_key = ?").params(company, metric)
                .query(Boolean.class).single()).as("the state is kept in the database, for the next check and the next start").isTrue();
    }

    private void waitForTitles(int count) throws Exception {
        long until = System.nanoTime() + 10_000_000_000L;
        while (titles().size() < count && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(titles()).hasSize(count);
    }

    /** The rep's notifications about this run's metric. */
    private List<String> titles() throws Exception {
        List<String> titles = new ArrayList<>();
        mine(REP).forEach(n -> titles.add(n.get("title").asString()));
        return titles;
    }

    private List<JsonNode> mine(String who) throws Exception {
        JsonNode all = JSON.readTree(alerts.send(who, get("/api/v1/notifications?limit=200"), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        List<JsonNode> ours = new ArrayList<>();
        all.forEach(n -> {
            if (n.get("title").asString().contains(run)) {
                ours.add(n);
            }
        });
        return ours;
    }

    private String ownerNameOf(String who, long id) throws Exception {
        for (JsonNode r : JSON.readTree(alerts.send(who, get("/api/v1/alert-rules"), null).andReturn().getResponse().getContentAsString())) {
            if (r.get("id").asLong() == id) {
                return r.get("ownerName").asString();
            }
        }
        return null;
    }

    private List<Long> ruleIds(String who) throws Exception {
        List<Long> ids = new ArrayList<>();
        JSON.readTree(alerts.send(who, get("/api/v1/alert-rules"), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .forEach(r -> ids.add(r.get("id").asLong()));
        return ids;
    }

    private ResultActions rule(String who, String scope, String condition, String threshold, Long owner) throws Exception {
        return alerts.rule(who, scope, condition, threshold, owner, null);
    }
}

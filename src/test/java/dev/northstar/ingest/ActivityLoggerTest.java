package dev.northstar.ingest;

import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The activity logger page (who logs for whom, through the ingest) and the per-team activity types that
 * company admins choose, on the page and through the API. The database is shared with the other test
 * classes: every entry carries this run's own account reference, and the team choice is undone after each test.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ActivityLoggerTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String LEAD = "lead@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    String run;
    long enterprise, rep, member, outsider;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        run = "log" + System.nanoTime();
        enterprise = org.team("Demo Corp", "Enterprise");
        rep = org.person(REP);
        member = org.memberOf(enterprise);
        outsider = org.memberOf(org.team("Demo Corp", "Mid-Market"));
    }

    @AfterEach
    void everyTeamLogsEveryTypeAgain() {
        jdbc.sql("delete from team_activity_type where team_id = ?").param(enterprise).update();
    }

    @Test
    void aRepLogsForThemselvesAndSeesItBelowTheForm() throws Exception {
        log(REP, rep, "call", "2099-03-02T14:05", "12")
                .andExpect(status().isFound()).andExpect(redirectedUrl("/log?personId=" + rep))
                .andExpect(flash().attribute("message", "Logged: call for Riley Rep on 2099-03-02 at 14:05."));
        assertThat(jdbc.sql("select count(*) from activity where account_ref = ? and person_id = ? and source = 'logger' and quantity = 12")
                .params(run, rep).query(Long.class).single()).isEqualTo(1);
        // 14:05 in the company's time zone (Europe/Oslo, UTC+1 in March)
        assertThat(jdbc.sql("select to_char(occurred_at at time zone 'UTC', 'HH24:MI') from activity where account_ref = ?")
                .param(run).query(String.class).single()).isEqualTo("13:05");

        mvc.perform(get("/log").with(org.as(REP))).andExpect(status().isOk())
                .andExpect(content().string(containsString("<td>2099-03-02 14:05</td>")))
                .andExpect(content().string(containsString("<td>" + run + "</td>")))
                .andExpect(content().string(containsString("My latest activities")));
    }

    @Test
    void theFormStartsAtNowInTheCompanysTimeZoneAndTodayNeedsNoDate() throws Exception {
        LocalDateTime now = LocalDateTime.now(ZoneId.of("Europe/Oslo")).withSecond(0).withNano(0);
        String at = now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
        mvc.perform(get("/log").with(org.as(REP))).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + at.substring(0, 13)))); // to the hour: the minute may turn
        log(REP, rep, "email", at, null).andExpect(status().isFound())
                .andExpect(flash().attribute("message", "Logged: email for Riley Rep at " + at.substring(11) + "."));
    }

    @Test
    void aRepCannotLogForSomeoneElse() throws Exception {
        log(REP, member, "call", "2099-03-02T09:00", "3").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("you can record activities only for yourself")))
                .andExpect(content().string(containsString("value=\"" + run + "\""))); // what was typed stays
        mvc.perform(get("/log?personId=" + member).with(org.as(REP))).andExpect(status().isForbidden());
        assertThat(stored()).isZero();
    }

    @Test
    void aLeadLogsForAMemberOfTheirTeamButNotForSomeoneOutsideIt() throws Exception {
        String name = jdbc.sql("select display_name from person where id = ?").param(member).query(String.class).single();
        mvc.perform(get("/log?personId=" + member).with(org.as(LEAD))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Latest activities of " + name)));
        log(LEAD, member, "meeting", "2099-03-03T10:30", null).andExpect(status().isFound())
                .andExpect(redirectedUrl("/log?personId=" + member))
                .andExpect(flash().attribute("message", "Logged: meeting for " + name + " on 2099-03-03 at 10:30."));
        assertThat(jdbc.sql("select person_id from activity where account_ref = ?").param(run).query(Long.class).single()).isEqualTo(member);

        log(LEAD, outsider, "meeting", "2099-03-03T10:30", null).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("you can record activities only for yourself and the members of the teams you lead")));
        mvc.perform(get("/log?personId=" + outsider).with(org.as(LEAD))).andExpect(status().isForbidden());
        assertThat(stored()).isEqualTo(1);
    }

    @Test
    void aRejectedEntryComesBackWithItsFieldErrorsAndWhatWasTyped() throws Exception {
        log(REP, rep, "call", "not a time", "-3").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("must not be negative")))
                .andExpect(content().string(containsString("&#39;not a time&#39; is not a date and time")))
                .andExpect(content().string(containsString("value=\"-3\"")))
                .andExpect(content().string(containsString("value=\"not a time\"")));
        assertThat(stored()).isZero();
    }

    @Test
    void aTeamLogsOnlyTheTypesItsAdminsChoseWhileOtherSourcesStillSendAnyType() throws Exception {
        choose(REP, enterprise, "[\"call\"]").andExpect(status().isForbidden());
        choose(ADMIN, enterprise, "[\"email\", \"call\", \"call\"]").andExpect(status().isOk())
                .andExpect(jsonPath("$.everyType").value(false))
                .andExpect(jsonPath("$.types[0]").value("call")).andExpect(jsonPath("$.types[1]").value("email"))
                .andExpect(jsonPath("$.types.length()").value(2));
        mvc.perform(get("/api/v1/teams/" + enterprise + "/activity-types").with(org.as(REP)))
                .andExpect(jsonPath("$.teamName").value("Enterprise")).andExpect(jsonPath("$.types.length()").value(2));

        // The logger offers only the team's types, and the ingest refuses any other, for the rep and for their lead.
        mvc.perform(get("/log").with(org.as(REP))).andExpect(content().string(containsString("<option value=\"email\">Email</option>")))
                .andExpect(content().string(not(containsString("<option value=\"meeting\""))));
        log(REP, rep, "meeting", "2099-03-04T08:00", null).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString(
                        "&#39;meeting&#39; is not an activity type the Enterprise team logs; it logs call, email.")));
        log(LEAD, member, "meeting", "2099-03-04T08:00", null).andExpect(status().isBadRequest());
        log(REP, rep, "email", "2099-03-04T08:00", null).andExpect(status().isFound());
        assertThat(stored()).isEqualTo(1);

        // A CRM reports what happened, whatever the team logs by hand; records claiming to come from the logger are held to it.
        String crm = "{\"externalId\":\"" + run + "crm\",\"source\":\"crm\",\"type\":\"meeting\",\"personEmail\":\"" + REP
                + "\",\"occurredAt\":\"2099-03-04T08:00:00Z\",\"accountRef\":\"" + run + "\"}";
        mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("[" + crm + "," + crm.replace("\"crm\"", "\"logger\"") + "]"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1))
                .andExpect(jsonPath("$.results[1].errors[0].field").value("type"));
        assertThat(stored()).isEqualTo(2);

        choose(ADMIN, enterprise, "[]").andExpect(jsonPath("$.everyType").value(true))
                .andExpect(jsonPath("$.types[?(@ == 'meeting')]").exists());
        log(REP, rep, "meeting", "2099-03-04T08:00", null).andExpect(status().isFound());
    }

    @Test
    void anUnknownTypeIsRefusedByName() throws Exception {
        choose(ADMIN, enterprise, "[\"call\", \"telepathy\"]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("types"))
                .andExpect(jsonPath("$.detail").value(containsString("'telepathy', which is not an activity type of this company")));
        choose(ADMIN, enterprise, "{\"types\": [\"call\"]}").andExpect(status().isBadRequest());
        assertThat(jdbc.sql("select count(*) from team_activity_type where team_id = ?").param(enterprise).query(Long.class).single()).isZero();
    }

    @Test
    void onlyCompanyAdminsChooseATeamsTypes() throws Exception {
        choose(LEAD, enterprise, "[\"call\"]").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("only company admins")));
        choose("admin@other.northstar.dev", enterprise, "[\"call\"]").andExpect(status().isNotFound());
        mvc.perform(post("/organization/activity-types").with(org.as(LEAD)).with(csrf())
                .param("teams", Long.toString(enterprise)).param("team-" + enterprise, "call")).andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from team_activity_type where team_id = ?").param(enterprise).query(Long.class).single()).isZero();
    }

    @Test
    void theAdminPageSavesTheMatrixAndAddsCustomTypes() throws Exception {
        // Sorts after the built-in keys: ActivitiesApiTest expects the known types to start with those.
        String key = "webinar_" + (System.nanoTime() % 1_000_000);
        mvc.perform(post("/organization/activity-types/custom").with(org.as(ADMIN)).with(csrf()).param("key", key).param("name", "Webinar held"))
                .andExpect(redirectedUrl("/organization/activity-types"))
                .andExpect(flash().attribute("message", containsString("The activity type Webinar held (" + key + ") is added")));
        mvc.perform(post("/organization/activity-types/custom").with(org.as(ADMIN)).with(csrf()).param("key", key).param("name", "Again"))
                .andExpect(flash().attribute("error", containsString("already exists")));
        mvc.perform(get("/organization/activity-types").with(org.as(ADMIN))).andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"" + key + "\"")))
                .andExpect(content().string(containsString("aria-label=\"Enterprise logs Webinar held\"")));

        mvc.perform(matrix().param("team-" + enterprise, "call", key))
                .andExpect(flash().attribute("message", "The activity types of the Enterprise team are saved."));
        mvc.perform(get("/api/v1/teams/" + enterprise + "/activity-types").with(org.as(ADMIN)))
                .andExpect(jsonPath("$.types.length()").value(2)).andExpect(jsonPath("$.types[1]").value(key));
        mvc.perform(get("/organization/activity-types").with(org.as(REP))).andExpect(status().isOk())
                .andExpect(content().string(containsString("Only company admins can change")))
                .andExpect(content().string(not(containsString("type=\"checkbox\""))));

        mvc.perform(matrix()).andExpect(flash().attribute("error", containsString("of the Enterprise team: tick at least one")));
        String[] every = jdbc.sql("select key from activity_type where company_id = ?").param(org.company("Demo Corp")).query(String.class)
                .list().toArray(String[]::new);
        mvc.perform(matrix().param("team-" + enterprise, "call", "email", "meeting", "lead_created", "opportunity_created")
                .param("team-" + enterprise, every));
        mvc.perform(get("/api/v1/teams/" + enterprise + "/activity-types").with(org.as(ADMIN)))
                .andExpect(jsonPath("$.everyType").value(true));
    }

    private MockHttpServletRequestBuilder matrix() {
        return post("/organization/activity-types").with(org.as(ADMIN)).with(csrf()).param("teams", Long.toString(enterprise));
    }

    private ResultActions log(String email, long personId, String type, String at, String quantity) throws Exception {
        var request = post("/log").with(org.as(email)).with(csrf()).param("personId", Long.toString(personId)).param("type", type)
                .param("occurredAt", at).param("accountRef", run);
        if (quantity != null) {
            request.param("quantity", quantity);
        }
        return mvc.perform(request);
    }

    private ResultActions choose(String email, long teamId, String body) throws Exception {
        return mvc.perform(put("/api/v1/teams/" + teamId + "/activity-types").with(org.as(email)).with(csrf())
                .contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private long stored() {
        return jdbc.sql("select count(*) from activity where account_ref = ?").param(run).query(Long.class).single();
    }
}

package dev.northstar.organization;

import dev.northstar.DemoFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Create, rename, move, archive, delete; what is refused and how the refusal says what to do. */
@SpringBootTest
@AutoConfigureMockMvc
class OrganizationRulesTest {

    static final String ADMIN = "admin@demo.northstar.dev";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
    }

    @Test
    void aTeamWithHistoryCannotBeDeletedButCanBeArchivedOnceEmpty() throws Exception {
        long enterprise = org.team("Demo Corp", "Enterprise");
        send(delete("/api/v1/teams/" + enterprise)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("Archive it instead")));
        send(patch("/api/v1/teams/" + enterprise), "{\"archived\":true}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("move them to other teams first")));

        long team = id(send(post("/api/v1/teams"), "{\"name\":\"Short-lived\",\"departmentId\":" + org.department("Demo Corp", "Sales") + "}")
                .andExpect(status().isCreated()));
        long person = id(send(post("/api/v1/people"), "{\"email\":\"short.lived@demo.northstar.dev\",\"displayName\":\"Sam Short\",\"teamId\":" + team
                + ",\"teamFrom\":\"2026-01-01\"}").andExpect(status().isCreated()).andExpect(jsonPath("$.teamName").value("Short-lived")));
        long membership = jdbc.sql("select id from membership where person_id = ?").param(person).query(Long.class).single();
        send(patch("/api/v1/memberships/" + membership), "{\"validTo\":\"2026-02-01\"}").andExpect(status().isOk());
        send(patch("/api/v1/teams/" + team), "{\"archived\":true}").andExpect(status().isOk()).andExpect(jsonPath("$.archived").value(true));
        send(delete("/api/v1/teams/" + team)).andExpect(status().isConflict());
        // The archived team keeps its history.
        mvc.perform(get("/api/v1/teams/" + team + "/memberships").with(org.as(ADMIN)))
                .andExpect(jsonPath("$[0].personName").value("Sam Short")).andExpect(jsonPath("$[0].validTo").value("2026-02-01"));
    }

    @Test
    void aChangeThatFailsPartlyChangesNothing() throws Exception {
        long smb = org.team("Demo Corp", "SMB");
        send(patch("/api/v1/teams/" + smb), "{\"name\":\"Small Business\",\"archived\":true}").andExpect(status().isConflict());
        mvc.perform(get("/api/v1/teams/" + smb).with(org.as(ADMIN))).andExpect(jsonPath("$.name").value("SMB"));
    }

    @Test
    void aTeamSomeoneWillJoinLaterCannotBeArchived() throws Exception {
        long team = id(send(post("/api/v1/teams"), "{\"name\":\"Future\",\"departmentId\":" + org.department("Demo Corp", "Marketing") + "}"));
        long person = id(send(post("/api/v1/people"), "{\"email\":\"joiner@demo.northstar.dev\",\"displayName\":\"Jo Iner\"}"));
        send(post("/api/v1/memberships"), "{\"personId\":" + person + ",\"teamId\":" + team + ",\"validFrom\":\"2099-01-01\"}")
                .andExpect(status().isCreated());
        send(patch("/api/v1/teams/" + team), "{\"archived\":true}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("joining later")));
    }

    @Test
    void anEmptyTeamAndDepartmentCanBeDeleted() throws Exception {
        long department = id(send(post("/api/v1/departments"), "{\"name\":\"Experiments\"}").andExpect(status().isCreated()));
        long team = id(send(post("/api/v1/teams"), "{\"name\":\"Trial\",\"departmentId\":" + department + "}").andExpect(status().isCreated()));
        send(delete("/api/v1/departments/" + department)).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("Move or delete its teams first")));
        send(delete("/api/v1/teams/" + team)).andExpect(status().isNoContent());
        send(delete("/api/v1/departments/" + department)).andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/departments/" + department).with(org.as(ADMIN))).andExpect(status().isNotFound());
    }

    @Test
    void teamsCanBeRenamedAndMovedBetweenDepartments() throws Exception {
        long team = id(send(post("/api/v1/teams"), "{\"name\":\"Nomads\",\"departmentId\":" + org.department("Demo Corp", "Sales") + "}"));
        long marketing = org.department("Demo Corp", "Marketing");
        send(patch("/api/v1/teams/" + team), "{\"name\":\"Wanderers\",\"departmentId\":" + marketing + "}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Wanderers")).andExpect(jsonPath("$.departmentName").value("Marketing"));
    }

    @Test
    void duplicateNamesAndBadSettingsAreRefusedNamingTheField() throws Exception {
        send(post("/api/v1/departments"), "{\"name\":\"sales\"}").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already exists")));
        send(post("/api/v1/departments"), "{\"name\":\"  \"}").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("name"));
        send(put("/api/v1/company"), "{\"name\":\"Demo Corp\",\"timeZone\":\"Mars/Olympus\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("timeZone"));
        send(put("/api/v1/company"), "{\"name\":\"Demo Corp\",\"currency\":\"XYZW\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("currency"));
        send(put("/api/v1/company"), "{\"name\":\"Demo Corp\",\"timeZone\":\"Europe/Oslo\",\"currency\":\"eur\",\"fiscalYearStartMonth\":4,\"weekStartDay\":1}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.currency").value("EUR")).andExpect(jsonPath("$.fiscalYearStartMonth").value(4));
    }

    @Test
    void theLastAdminCannotBeRemoved() throws Exception {
        send(delete("/api/v1/company/admins/" + org.person(ADMIN))).andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("last admin")));
    }

    @Test
    void companiesNeverSeeEachOther() throws Exception {
        String otherAdmin = "admin@other.northstar.dev";
        mvc.perform(get("/api/v1/people").with(org.as(otherAdmin))).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].email", everyItem(containsString("@other.northstar.dev"))));
        mvc.perform(get("/api/v1/departments").with(org.as(otherAdmin))).andExpect(jsonPath("$[*].name", not(hasItem("Marketing"))));
        mvc.perform(get("/api/v1/company/roles").with(org.as(otherAdmin)))
                .andExpect(jsonPath("$.companyAdmins[*].displayName", not(hasItem("Alex Admin"))));
        // Moving another company's person into one's own team is not found, not half done.
        long otherPerson = org.person(otherAdmin);
        send(post("/api/v1/memberships"), "{\"personId\":" + otherPerson + ",\"teamId\":" + org.team("Demo Corp", "SMB") + "}")
                .andExpect(status().isNotFound());
    }

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(org.as(ADMIN)).with(csrf()));
    }

    private ResultActions send(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String json) throws Exception {
        return mvc.perform(request.with(org.as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(json));
    }

    private static long id(ResultActions result) throws Exception {
        String body = result.andReturn().getResponse().getContentAsString();
        return ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.id")).longValue();
    }
}

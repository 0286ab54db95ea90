package dev.northstar.access;

import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Form login, personal API tokens, CSRF, and slowing down guessing. */
@SpringBootTest
@AutoConfigureMockMvc
class LoginAndTokensTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
    }

    @Test
    void formLoginWithTheRightPasswordOpensASession() throws Exception {
        var session = mvc.perform(post("/login").with(from("10.1.0.1")).with(csrf())
                        .param("email", "lead@demo.northstar.dev").param("password", DemoOrganization.DEMO_PASSWORD))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/"))
                .andReturn().getRequest().getSession();
        mvc.perform(get("/api/v1/me").session((org.springframework.mock.web.MockHttpSession) session))
                .andExpect(status().isOk()).andExpect(jsonPath("$.displayName").value("Lee Lead")).andExpect(jsonPath("$.role").value("Team lead"));
    }

    @Test
    void aPersonDeactivatedDuringTheirSessionIsSentToTheLoginPageOnce() throws Exception {
        long person = jdbc.sql("insert into person (company_id, email, display_name, password_hash) select company_id, 'leaver@demo.northstar.dev', 'Lee Ver', password_hash from person where email = 'rep@demo.northstar.dev' returning id")
                .query(Long.class).single();
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login").with(from("10.6.0.1")).with(csrf())
                        .param("email", "leaver@demo.northstar.dev").param("password", DemoOrganization.DEMO_PASSWORD))
                .andExpect(redirectedUrl("/")).andReturn().getRequest().getSession();
        mvc.perform(get("/").session(session)).andExpect(status().isOk());

        jdbc.sql("update person set active = false where id = ?").param(person).update();

        mvc.perform(get("/").session(session)).andExpect(status().is3xxRedirection());
        assertThat(session.isInvalid()).as("the session ends").isTrue();
        mvc.perform(get("/login")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/me").session(session)).andExpect(status().isUnauthorized());
    }

    @Test
    void aRefusalNamesTheTeamButNotAPersonOutsideOnesScope() throws Exception {
        long midMarketMember = org.memberOf(org.team("Demo Corp", "Mid-Market"));
        String name = jdbc.sql("select display_name from person where id = ?").param(midMarketMember).query(String.class).single();
        mvc.perform(get("/api/v1/people/" + midMarketMember).with(org.as("rep@demo.northstar.dev")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("this person is not in your team, in a team you lead, or in a department you manage"))
                .andExpect(jsonPath("$.detail").value(not(containsString(name))));
        mvc.perform(get("/api/v1/teams/" + org.team("Demo Corp", "Mid-Market")).with(org.as("rep@demo.northstar.dev")))
                .andExpect(jsonPath("$.detail").value("you are not a member or lead of the Mid-Market team, nor a manager of the Sales department"));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswer() throws Exception {
        String wrongPassword = mvc.perform(post("/login").with(from("10.2.0.1")).with(csrf())
                .param("email", "rep@demo.northstar.dev").param("password", "wrong")).andReturn().getResponse().getRedirectedUrl();
        String unknownEmail = mvc.perform(post("/login").with(from("10.2.0.2")).with(csrf())
                .param("email", "nobody@demo.northstar.dev").param("password", "wrong")).andReturn().getResponse().getRedirectedUrl();
        assertThat(wrongPassword).isEqualTo("/login?error").isEqualTo(unknownEmail);
    }

    @Test
    void repeatedFailuresAreRefusedForAWhileEvenWithTheRightPassword() throws Exception {
        String email = "manager@demo.northstar.dev";
        for (int i = 0; i < 5; i++) {
            mvc.perform(post("/login").with(from("10.3.0." + i)).with(csrf()).param("email", email).param("password", "guess" + i))
                    .andExpect(redirectedUrl("/login?error"));
        }
        mvc.perform(post("/login").with(from("10.3.1.1")).with(csrf()).param("email", email).param("password", DemoOrganization.DEMO_PASSWORD))
                .andExpect(redirectedUrl("/login?throttled"));
    }

    @Test
    void aFormPostWithoutItsCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/api/v1/departments").with(org.as("admin@demo.northstar.dev"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"Forged\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(containsString("CSRF")));
        mvc.perform(post("/organization/departments").with(org.as("admin@demo.northstar.dev")).param("name", "Forged"))
                .andExpect(redirectedUrl("/login?expired"));
        assertThat(jdbc.sql("select count(*) from department where name = 'Forged'").query(Long.class).single()).isZero();
    }

    @Test
    void aTokenIsShownOnceWorksAsItsOwnerWithoutCsrfAndStopsWorkingWhenRevoked() throws Exception {
        String body = mvc.perform(post("/api/v1/tokens").with(org.as("rep@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"CRM sync\"}"))
                .andExpect(status().isCreated()).andExpect(jsonPath("$.token.name").value("CRM sync"))
                .andReturn().getResponse().getContentAsString();
        String secret = com.jayway.jsonpath.JsonPath.read(body, "$.secret");
        long id = ((Number) com.jayway.jsonpath.JsonPath.read(body, "$.token.id")).longValue();
        assertThat(secret).startsWith("ns_").hasSizeGreaterThan(40);
        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ? or prefix = ?").params(secret, secret).query(Long.class).single())
                .as("the secret is not stored").isZero();

        mvc.perform(get("/api/v1/me").with(from("10.4.0.1")).header("Authorization", "Bearer " + secret))
                .andExpect(status().isOk()).andExpect(jsonPath("$.email").value("rep@demo.northstar.dev"));
        mvc.perform(get("/api/v1/tokens").with(from("10.4.0.1")).header("Authorization", "Bearer " + secret))
                .andExpect(jsonPath("$[0].secret").doesNotExist()).andExpect(jsonPath("$[0].lastUsedAt").exists());
        // Bearer calls are not forgeable cross-site, so they need no CSRF token; access still applies.
        mvc.perform(post("/api/v1/departments").with(from("10.4.0.1")).header("Authorization", "Bearer " + secret)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"By token\"}"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.detail").value(containsString("only company admins")));

        mvc.perform(delete("/api/v1/tokens/" + id).with(org.as("rep@demo.northstar.dev")).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.revokedAt").exists());
        mvc.perform(get("/api/v1/me").with(from("10.4.0.1")).header("Authorization", "Bearer " + secret))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.detail").value(containsString("not valid")));
    }

    @Test
    void wrongTokensFromOneAddressAreSlowedDown() throws Exception {
        for (int i = 0; i < 20; i++) {
            mvc.perform(get("/api/v1/me").with(from("10.5.0.1")).header("Authorization", "Bearer ns_wrong" + i))
                    .andExpect(status().isUnauthorized());
        }
        mvc.perform(get("/api/v1/me").with(from("10.5.0.1")).header("Authorization", "Bearer ns_wrong"))
                .andExpect(status().isTooManyRequests()).andExpect(jsonPath("$.detail").value(containsString("try again")));
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}

package dev.northstar.organization;

import dev.northstar.DemoFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Effective-dated membership: a move keeps the earlier membership with its dates; overlaps are refused. */
@SpringBootTest
@AutoConfigureMockMvc
class MembershipHistoryTest {

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;

    DemoFixture org;
    long company, enterprise, midMarket, person;

    @BeforeEach
    void newPerson() {
        org = new DemoFixture(jdbc, demo);
        company = org.company("Demo Corp");
        enterprise = org.team("Demo Corp", "Enterprise");
        midMarket = org.team("Demo Corp", "Mid-Market");
        person = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, 'Mo Mover') returning id")
                .params(company, "mover." + System.nanoTime() + "@demo.northstar.dev").query(Long.class).single();
    }

    @Test
    void aMoveClosesTheOldMembershipAndKeepsItsDates() throws Exception {
        join(enterprise, "2026-01-01").andExpect(status().isCreated());
        join(midMarket, "2026-05-01").andExpect(status().isCreated())
                .andExpect(jsonPath("$.teamName").value("Mid-Market"))
                .andExpect(jsonPath("$.validFrom").value("2026-05-01"));

        mvc.perform(get("/api/v1/memberships?personId=" + person).with(org.as("admin@demo.northstar.dev")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[0].teamName").value("Enterprise"))
                .andExpect(jsonPath("$[0].validFrom").value("2026-01-01"))
                .andExpect(jsonPath("$[0].validTo").value("2026-05-01"))
                .andExpect(jsonPath("$[1].teamName").value("Mid-Market"))
                .andExpect(jsonPath("$[1].validTo").doesNotExist());

        // What happened in April still belongs to Enterprise; what happens in May to Mid-Market.
        assertThat(teamOn(LocalDate.parse("2026-04-30"))).isEqualTo(enterprise);
        assertThat(teamOn(LocalDate.parse("2026-05-01"))).isEqualTo(midMarket);
    }

    @Test
    void anOverlappingMembershipIsRefusedWithTheMembershipItOverlaps() throws Exception {
        join(enterprise, "2026-01-01").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/memberships").with(org.as("admin@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":%d,\"teamId\":%d,\"validFrom\":\"2025-12-01\",\"validTo\":\"2026-02-01\"}".formatted(person, midMarket)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("overlaps Mo Mover's membership of the Enterprise team from 2026-01-01 on")));
        assertThat(jdbc.sql("select count(*) from membership where person_id = ?").param(person).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aBackdatedMembershipBeforeTheHistoryIsAccepted() throws Exception {
        join(enterprise, "2026-03-01").andExpect(status().isCreated());
        mvc.perform(post("/api/v1/memberships").with(org.as("admin@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":%d,\"teamId\":%d,\"validFrom\":\"2026-01-01\",\"validTo\":\"2026-03-01\"}".formatted(person, midMarket)))
                .andExpect(status().isCreated());
        assertThat(teamOn(LocalDate.parse("2026-02-15"))).isEqualTo(midMarket);
        assertThat(teamOn(LocalDate.parse("2026-03-01"))).isEqualTo(enterprise);
    }

    @Test
    void aMoveOnTheDayTheMembershipBeganCorrectsItInsteadOfLeavingAnEmptyOne() throws Exception {
        join(enterprise, "2026-06-01").andExpect(status().isCreated());
        join(midMarket, "2026-06-01").andExpect(status().isCreated()).andExpect(jsonPath("$.teamName").value("Mid-Market"));
        assertThat(jdbc.sql("select count(*) from membership where person_id = ?").param(person).query(Long.class).single()).isEqualTo(1);
        assertThat(teamOn(LocalDate.parse("2026-06-01"))).isEqualTo(midMarket);
        join(midMarket, "2026-06-01").andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already in the Mid-Market team")));
    }

    @Test
    void theDatabaseItselfRefusesOverlapsThatBypassTheRules() throws Exception {
        join(enterprise, "2026-01-01").andExpect(status().isCreated());
        assertThatThrownBy(() -> jdbc.sql("insert into membership (company_id, person_id, team_id, valid_from) values (?, ?, ?, ?)")
                .params(company, person, midMarket, LocalDate.parse("2026-06-01")).update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void anEndDateBeforeTheStartIsRefusedNamingTheField() throws Exception {
        mvc.perform(post("/api/v1/memberships").with(org.as("admin@demo.northstar.dev")).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"personId\":%d,\"teamId\":%d,\"validFrom\":\"2026-03-01\",\"validTo\":\"2026-02-01\"}".formatted(person, midMarket)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("validTo"));
    }

    private org.springframework.test.web.servlet.ResultActions join(long team, String from) throws Exception {
        return mvc.perform(post("/api/v1/memberships").with(org.as("admin@demo.northstar.dev")).with(csrf())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"personId\":%d,\"teamId\":%d,\"validFrom\":\"%s\"}".formatted(person, team, from)));
    }

    private long teamOn(LocalDate day) {
        return jdbc.sql("select team_id from membership where person_id = ? and valid_from <= ? and (valid_to is null or valid_to > ?)")
                .params(person, day, day).query(Long.class).single();
    }
}

package dev.northstar.targets;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Scope;
import dev.northstar.targets.MetricKeys.MetricTraits;
import dev.northstar.targets.Standings.Standing;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Targets through the API with a database: which target applies, history, bad input, who may set them, mismatch
 * warnings, thresholds, and a value's standing. Today is 10 April 2026; the company's calendar years start in January.
 * Each test uses its own metric or period, since they share the database.
 */
@SpringBootTest
@AutoConfigureMockMvc
class TargetsApiTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String MANAGER = "manager@demo.northstar.dev";             // manages Sales
    static final String LEAD = "lead@demo.northstar.dev";                   // leads Enterprise (Sales)
    static final String REP = "rep@demo.northstar.dev";                     // member of Enterprise
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev";

    /** The catalog's part, as this test needs it: four metrics of different units; other keys do not exist. */
    @TestConfiguration
    static class Fixed {

        @Bean
        @Primary
        MetricKeys testMetrics() {
            Map<String, MetricTraits> metrics = Map.of(
                    "deals_won", new MetricTraits(Unit.COUNT, Direction.HIGHER_IS_BETTER),
                    "revenue", new MetricTraits(Unit.CURRENCY, Direction.HIGHER_IS_BETTER),
                    "win_rate", new MetricTraits(Unit.PERCENT, Direction.HIGHER_IS_BETTER),
                    "sales_cycle", new MetricTraits(Unit.DURATION, Direction.LOWER_IS_BETTER));
            return companyId -> metrics;
        }

        @Bean
        @Primary
        Clock tenthOfApril() {
            return Clock.fixed(Instant.parse("2026-04-10T10:00:00Z"), ZoneOffset.UTC);
        }
    }

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired OrganizationDirectory directory;
    @Autowired Standings standings;
    DemoFixture org;
    long sales, success, enterprise, midMarket, enterpriseMember, fieldSales, otherMember;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        sales = org.department("Demo Corp", "Sales");
        success = org.department("Demo Corp", "Customer Success");
        enterprise = org.team("Demo Corp", "Enterprise");
        midMarket = org.team("Demo Corp", "Mid-Market");
        enterpriseMember = org.memberOf(enterprise);
        fieldSales = org.team("Other Inc", "Field Sales");
        otherMember = org.memberOf(fieldSales);
    }

    @Test
    void aTargetIsSetEditedAndRemovedAndItsHistoryKeepsEveryChange() throws Exception {
        String team = "team:" + enterprise;
        set(ADMIN, "revenue", team, "2026-04", "1000").andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value(1000)).andExpect(jsonPath("$.found").value("SET"))
                .andExpect(jsonPath("$.unit").value("CURRENCY")).andExpect(jsonPath("$.period.start").value("2026-04-01"));
        set(MANAGER, "revenue", team, "2026-04-01..2026-04-30", "1200.50").andExpect(jsonPath("$.value").value(1200.5));
        set(MANAGER, "revenue", team, "2026-04", "1200.500").andExpect(status().isOk()); // the same value: no change to record
        mvc.perform(delete("/api/v1/targets").param("metric", "revenue").param("scope", team).param("period", "2026-04")
                .with(org.as(ADMIN)).with(csrf())).andExpect(status().isNoContent());
        read(REP, "/api/v1/targets", "revenue", team, "2026-04").andExpect(jsonPath("$.found").value("NONE"))
                .andExpect(jsonPath("$.value").doesNotExist());

        read(REP, "/api/v1/targets/history", "revenue", team, "2026-04").andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[*].change").value(Matchers.contains("REMOVED", "EDITED", "SET")))
                .andExpect(jsonPath("$[0].oldValue").value(1200.5)).andExpect(jsonPath("$[0].newValue").doesNotExist())
                .andExpect(jsonPath("$[1].oldValue").value(1000)).andExpect(jsonPath("$[1].newValue").value(1200.5))
                .andExpect(jsonPath("$[1].period").value("2026-04-01..2026-04-30"))
                .andExpect(jsonPath("$[1].changedBy").value("Morgan Manager"))
                .andExpect(jsonPath("$[2].changedById").value(org.person(ADMIN)))
                .andExpect(jsonPath("$[2].changedAt").value("2026-04-10T10:00:00Z"));
        mvc.perform(delete("/api/v1/targets").param("metric", "revenue").param("scope", team).param("period", "2026-04")
                .with(org.as(ADMIN)).with(csrf())).andExpect(status().isNotFound());
    }

    @Test
    void monthsAddUpToTheirQuarterAndAQuarterIsProratedToItsMonthsByDays() throws Exception {
        String team = "team:" + midMarket;
        set(ADMIN, "deals_won", team, "2026-01", "10").andExpect(status().isOk());
        set(ADMIN, "deals_won", team, "2026-02", "20").andExpect(status().isOk());
        read(ADMIN, "/api/v1/targets", "deals_won", team, "FY2026-Q1").andExpect(jsonPath("$.found").value("NONE"));
        set(ADMIN, "deals_won", team, "2026-03", "30").andExpect(status().isOk());
        read(ADMIN, "/api/v1/targets", "deals_won", team, "FY2026-Q1").andExpect(jsonPath("$.value").value(60))
                .andExpect(jsonPath("$.found").value("SUM_OF_SMALLER"))
                .andExpect(jsonPath("$.fromPeriods").value(Matchers.contains("2026-01", "2026-02", "2026-03")));

        set(ADMIN, "revenue", team, "FY2026-Q2", "90000").andExpect(status().isOk());
        // 90,000 x 30 / 91 = 29,670.33
        read(ADMIN, "/api/v1/targets", "revenue", team, "2026-04").andExpect(jsonPath("$.value").value(29670))
                .andExpect(jsonPath("$.source").value("PRORATED_FROM")).andExpect(jsonPath("$.found").value("PRORATED_FROM:FY2026-Q2"));
        // a percent applies as it is to every part of its period
        set(ADMIN, "win_rate", team, "FY2026", "25").andExpect(status().isOk());
        read(ADMIN, "/api/v1/targets", "win_rate", team, "2026-W15").andExpect(jsonPath("$.value").value(25))
                .andExpect(jsonPath("$.found").value("PRORATED_FROM:FY2026"));
    }

    @Test
    void badInputNamesTheFieldAndTheReason() throws Exception {
        String team = "team:" + enterprise;
        expectInvalid(set(ADMIN, "revenue", team, "2026-05", "-1"), "value", "must not be negative");
        expectInvalid(send(ADMIN, "{\"metric\":\"revenue\",\"scope\":\"" + team + "\",\"period\":\"2026-05\"}"), "value", "must be given");
        expectInvalid(set(ADMIN, "revenue", team, "2026-05", "1.1234567"), "value", "at most 6 decimals");
        expectInvalid(set(ADMIN, "revenue", team, "2026-13", "1"), "period", "2026-13");
        expectInvalid(set(ADMIN, "revenue", team, "", "1"), "period", "must be given");
        expectInvalid(set(ADMIN, "revenue", "group:1", "2026-05", "1"), "scope", "group:1");
        expectInvalid(set(ADMIN, "Revenue!", team, "2026-05", "1"), "metric", "lower-case");
        expectInvalid(mvc.perform(get("/api/v1/targets").param("scope", team).param("period", "2026-05").with(org.as(ADMIN))), "metric", "must be given");
        expectInvalid(send(ADMIN, "{\"metric\":\"revenue\",\"scope\":\"" + team + "\",\"period\":\"2026-05\",\"value\":\"lots\"}"), null, "");
        // unknown things are not found: a metric the company lacks, another company's team or person
        set(ADMIN, "unknown_metric", team, "2026-05", "1").andExpect(status().isNotFound());
        set(ADMIN, "revenue", "team:" + fieldSales, "2026-05", "1").andExpect(status().isNotFound());
        set(ADMIN, "revenue", "person:" + otherMember, "2026-05", "1").andExpect(status().isNotFound());
        read(ADMIN, "/api/v1/targets", "revenue", "person:" + otherMember, "2026-05").andExpect(status().isNotFound());
        read(OTHER_COMPANY_ADMIN, "/api/v1/targets/history", "revenue", team, "2026-05").andExpect(status().isNotFound());
    }

    @Test
    void targetsAreSetByAdminsManagersForTheirDepartmentsAndLeadsForTheirMembersButNotForThemselves() throws Exception {
        set(MANAGER, "deals_won", "department:" + sales, "2026-06", "5").andExpect(status().isOk());
        set(MANAGER, "deals_won", "team:" + midMarket, "2026-06", "5").andExpect(status().isOk());
        set(MANAGER, "deals_won", "department:" + success, "2026-06", "5").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("not a manager of the Customer Success department")));
        set(LEAD, "deals_won", "person:" + enterpriseMember, "2026-06", "5").andExpect(status().isOk());
        set(LEAD, "deals_won", "team:" + enterprise, "2026-06", "5").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("not by its lead")));
        set(LEAD, "deals_won", "person:" + org.person(LEAD), "2026-06", "5").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("nobody sets their own target")));
        set(REP, "deals_won", "person:" + org.person(REP), "2026-06", "5").andExpect(status().isForbidden());
        set(REP, "deals_won", "company", "2026-06", "5").andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("only company admins")));
        set(ADMIN, "deals_won", "person:" + org.person(ADMIN), "2026-06", "5").andExpect(status().isOk());
        // reads follow the view policy
        read(REP, "/api/v1/targets", "deals_won", "person:" + enterpriseMember, "2026-06").andExpect(jsonPath("$.value").value(5));
        read(REP, "/api/v1/targets", "deals_won", "department:" + sales, "2026-06").andExpect(status().isForbidden());
    }

    @Test
    void teamTargetsThatDoNotAddUpToTheirDepartmentsAreWarnedAbout() throws Exception {
        String department = "department:" + sales;
        set(MANAGER, "deals_won", department, "FY2026-Q3", "100").andExpect(jsonPath("$.warnings").isEmpty());
        set(MANAGER, "deals_won", "team:" + enterprise, "FY2026-Q3", "60").andExpect(status().isOk());
        set(MANAGER, "deals_won", "team:" + midMarket, "FY2026-Q3", "30")
                .andExpect(jsonPath("$.warnings[0].scope").value(department)); // a team sees its department's warning too
        read(MANAGER, "/api/v1/targets", "deals_won", department, "FY2026-Q3")
                .andExpect(jsonPath("$.warnings.length()").value(1))
                .andExpect(jsonPath("$.warnings[0].level").value("DEPARTMENT"))
                .andExpect(jsonPath("$.warnings[0].name").value("Sales"))
                .andExpect(jsonPath("$.warnings[0].unit").value("COUNT"))
                .andExpect(jsonPath("$.warnings[0].expectedSum").value(100))
                .andExpect(jsonPath("$.warnings[0].actualSum").value(90))
                .andExpect(jsonPath("$.warnings[0].withoutTarget").value(Matchers.hasItem("team:" + org.team("Demo Corp", "SMB"))))
                .andExpect(jsonPath("$.warnings[0].withoutTarget").value(Matchers.not(Matchers.hasItem("team:" + enterprise))));
        mvc.perform(get("/api/v1/targets/mismatches").param("metric", "deals_won").param("period", "FY2026-Q3").with(org.as(ADMIN)))
                .andExpect(jsonPath("$[?(@.scope == '" + department + "')].actualSum").value(Matchers.contains(90)));
        // the rep does not see the department, so is not told about it
        mvc.perform(get("/api/v1/targets/mismatches").param("metric", "deals_won").param("period", "FY2026-Q3").with(org.as(REP)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.scope == '" + department + "')]").isEmpty());
        // percents need not add up
        set(MANAGER, "win_rate", department, "FY2026-Q3", "30").andExpect(status().isOk());
        set(MANAGER, "win_rate", "team:" + enterprise, "FY2026-Q3", "20").andExpect(jsonPath("$.warnings").isEmpty());
    }

    @Test
    void thresholdsComeFromTheMetricTheCompanyOrAreBuiltIn() throws Exception {
        String admin = OTHER_COMPANY_ADMIN; // its own company, so that the defaults set here change nothing elsewhere
        mvc.perform(get("/api/v1/metric-thresholds/deals_won").with(org.as(admin)))
                .andExpect(jsonPath("$.amberPercent").value(90)).andExpect(jsonPath("$.pacing").value("LINEAR"))
                .andExpect(jsonPath("$.amberPercentFrom").value("BUILT_IN"));
        putJson(admin, "/api/v1/metric-thresholds", "{\"amberPercent\":80}").andExpect(status().isOk())
                .andExpect(jsonPath("$.amberPercent").value(80)).andExpect(jsonPath("$.from").value("COMPANY"));
        putJson(admin, "/api/v1/metric-thresholds/deals_won", "{\"pacing\":\"working_days\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.amberPercent").value(80)).andExpect(jsonPath("$.amberPercentFrom").value("COMPANY"))
                .andExpect(jsonPath("$.pacing").value("WORKING_DAYS")).andExpect(jsonPath("$.pacingFrom").value("METRIC"));
        mvc.perform(get("/api/v1/metric-thresholds").with(org.as(admin)))
                .andExpect(jsonPath("$.metrics[0].metric").value("deals_won"));
        expectInvalid(putJson(admin, "/api/v1/metric-thresholds/deals_won", "{\"amberPercent\":0}"), "amberPercent", "more than 0");
        expectInvalid(putJson(admin, "/api/v1/metric-thresholds/deals_won", "{\"amberPercent\":101}"), "amberPercent", "at most 100");
        expectInvalid(putJson(admin, "/api/v1/metric-thresholds/deals_won", "{\"pacing\":\"weekly\"}"), "pacing", "LINEAR");
        putJson(admin, "/api/v1/metric-thresholds/unknown_metric", "{\"amberPercent\":80}").andExpect(status().isNotFound());
        putJson(REP, "/api/v1/metric-thresholds/deals_won", "{\"amberPercent\":80}").andExpect(status().isForbidden());
        putJson(admin, "/api/v1/metric-thresholds/deals_won", "{}").andExpect(jsonPath("$.pacingFrom").value("COMPANY"));
    }

    @Test
    void aValueStandsAgainstItsTargetsPaceOnTheCompanysToday() throws Exception {
        String team = "team:" + enterprise;
        set(ADMIN, "deals_won", team, "2026-04", "3000").andExpect(status().isOk());
        Viewer admin = directory.viewer(org.company("Demo Corp"), org.person(ADMIN)).orElseThrow();
        var april = FiscalCalendar.of("Europe/Oslo", 1, 1).parse("2026-04");
        // 10 April: 10 of 30 days gone, 1,000 expected; 950 is 95% of pace
        Standing standing = standings.of(admin, "deals_won", Scope.parse(team), april, new BigDecimal("950"));
        assertThat(standing.target().value()).isEqualByComparingTo("3000");
        assertThat(standing.pace().expectedByToday()).isEqualByComparingTo("1000");
        assertThat(standing.pace().projectedEnd()).isEqualByComparingTo("2850");
        assertThat(standing.pace().gapToTarget()).isEqualByComparingTo("2050");
        assertThat(standing.pace().status()).isEqualTo(Status.AMBER);
        assertThat(standings.of(admin, "deals_won", Scope.parse(team), april, null).pace().status()).isEqualTo(Status.NO_DATA);
        assertThat(standings.of(admin, "deals_won", Scope.parse("team:" + midMarket), april, BigDecimal.TEN).pace().status())
                .isEqualTo(Status.NONE);
    }

    private ResultActions set(String who, String metric, String scope, String period, String value) throws Exception {
        return send(who, "{\"metric\":\"%s\",\"scope\":\"%s\",\"period\":\"%s\",\"value\":%s}".formatted(metric, scope, period, value));
    }

    private ResultActions send(String who, String body) throws Exception {
        return putJson(who, "/api/v1/targets", body);
    }

    private ResultActions putJson(String who, String path, String body) throws Exception {
        return mvc.perform(put(path).with(org.as(who)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private ResultActions read(String who, String path, String metric, String scope, String period) throws Exception {
        return mvc.perform(get(path).param("metric", metric).param("scope", scope).param("period", period).with(org.as(who)));
    }

    private static void expectInvalid(ResultActions answer, String field, String reason) throws Exception {
        answer.andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value(containsString(reason)));
        if (field != null) {
            answer.andExpect(jsonPath("$.field").value(field));
        }
    }
}

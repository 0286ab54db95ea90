package dev.northstar.analytics;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.shared.Scope;
import dev.northstar.organization.DemoOrganization;
import org.hamcrest.Matchers;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Metric values through the API, on calls made two months ago ("the month") by the Enterprise team (the rep 3, a
 * colleague 5) and Mid-Market (2), one call by the rep the month before and one a year before. The demo's teams go back
 * a year, so the month is well inside them. The metric counts only this run's calls (its own source), so other tests'
 * records in the shared database do not touch the numbers.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MetricValuesApiTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev"; // in Enterprise (Sales)
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired MetricQueries queries;
    @Autowired KeyMetricLevels levels;
    @Autowired OrganizationDirectory directory;
    DemoFixture org;
    String run, metric, month, monthBefore, yearBefore;
    long sales, enterprise, midMarket, rep, colleague, midMarketMember;

    @BeforeEach
    void calls() throws Exception {
        org = new DemoFixture(jdbc, demo);
        run = "r" + System.nanoTime();
        metric = "calls_" + run;
        sales = org.department("Demo Corp", "Sales");
        enterprise = org.team("Demo Corp", "Enterprise");
        midMarket = org.team("Demo Corp", "Mid-Market");
        rep = org.person(REP);
        YearMonth twoMonthsAgo = YearMonth.now(ZoneId.of("Europe/Oslo")).minusMonths(2);
        month = twoMonthsAgo.toString();
        monthBefore = twoMonthsAgo.minusMonths(1).toString();
        yearBefore = twoMonthsAgo.minusYears(1).toString();
        colleague = memberSince(enterprise, twoMonthsAgo.minusMonths(1), rep);
        midMarketMember = memberSince(midMarket, twoMonthsAgo.minusMonths(1), rep);
        send(ADMIN, put("/api/v1/metrics/" + metric), """
                {"name":"Calls of this run","kind":"secondary","unit":"count","direction":"higher_is_better",
                 "formula":{"type":"aggregate","source":"activities","function":"count","time":"occurred",
                            "filters":[{"field":"type","values":["call"]},{"field":"source","values":["%s"]}]}}""".formatted(run))
                .andExpect(status().isCreated());
        List<String> calls = new ArrayList<>();
        calls(calls, rep, 3, month + "-1");
        calls(calls, colleague, 5, month + "-2");
        calls(calls, midMarketMember, 2, month + "-0");
        calls(calls, rep, 1, monthBefore + "-1");
        calls(calls, rep, 1, yearBefore + "-1");
        send(ADMIN, post("/api/v1/activities"), "[" + String.join(",", calls) + "]").andExpect(jsonPath("$.created").value(12));
        send(ADMIN, put("/api/v1/targets"), "{\"metric\":\"%s\",\"scope\":\"team:%d\",\"period\":\"%s\",\"value\":10}".formatted(metric, enterprise, month))
                .andExpect(status().isOk());
    }

    @Test
    void aValueComesWithItsTargetPaceStatusAndComparisons() throws Exception {
        read(REP, "/values?scope=team:" + enterprise + "&period=" + month + "&compare=previous")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.value").value(8))
                .andExpect(jsonPath("$.noData").value(false))
                .andExpect(jsonPath("$.period.label").value(month))
                .andExpect(jsonPath("$.target.value").value(10))
                .andExpect(jsonPath("$.target.found").value("SET"))
                // the month is over: the whole target was due, and 8 of 10 is below the amber line of 90%
                .andExpect(jsonPath("$.pace.expectedByToday").value(10))
                .andExpect(jsonPath("$.pace.gapToTarget").value(2))
                .andExpect(jsonPath("$.pace.status").value("RED"))
                .andExpect(jsonPath("$.comparisons.previous.period.label").value(monthBefore))
                .andExpect(jsonPath("$.comparisons.previous.value").value(1))
                .andExpect(jsonPath("$.comparisons.previous.change").value(7))
                .andExpect(jsonPath("$.comparisons.yearAgo").doesNotExist());
        // a person's numbers are theirs whatever their team was: a year ago counts for the rep
        read(REP, "/values?scope=person:" + rep + "&period=" + month + "&compare=year_ago,previous")
                .andExpect(jsonPath("$.value").value(3))
                .andExpect(jsonPath("$.comparisons.yearAgo.period.label").value(yearBefore))
                .andExpect(jsonPath("$.comparisons.yearAgo.value").value(1))
                .andExpect(jsonPath("$.comparisons.yearAgo.change").value(2))
                .andExpect(jsonPath("$.comparisons.yearAgo.changeShare").value(2));
        read(ADMIN, "/values?scope=company&period=" + month).andExpect(jsonPath("$.value").value(10))
                .andExpect(jsonPath("$.target.found").value("NONE")).andExpect(jsonPath("$.pace.status").value("NONE"))
                .andExpect(jsonPath("$.comparisons").isEmpty());
    }

    @Test
    void aBreakdownListsTheChildrenOfTheScopeAndALeaderboardRanksPeopleWithTheCallersOwnRow() throws Exception {
        read(ADMIN, "/breakdown?scope=department:" + sales + "&period=" + month)
                .andExpect(jsonPath("$[?(@.scope == 'team:%d')].value".formatted(enterprise)).value(Matchers.contains(8)))
                .andExpect(jsonPath("$[?(@.scope == 'team:%d')].value".formatted(midMarket)).value(Matchers.contains(2)));
        read(REP, "/breakdown?scope=team:" + enterprise + "&period=" + month)
                .andExpect(jsonPath("$[?(@.scope == 'person:%d')].value".formatted(rep)).value(Matchers.contains(3)))
                .andExpect(jsonPath("$[?(@.scope == 'person:%d')].value".formatted(colleague)).value(Matchers.contains(5)));
        read(REP, "/leaderboard?scope=team:" + enterprise + "&period=" + month + "&limit=1")
                .andExpect(jsonPath("$.rows.length()").value(1))
                .andExpect(jsonPath("$.rows[0].scope").value("person:" + colleague))
                .andExpect(jsonPath("$.rows[0].rank").value(1))
                .andExpect(jsonPath("$.me.scope").value("person:" + rep))
                .andExpect(jsonPath("$.me.rank").value(2))
                .andExpect(jsonPath("$.me.value").value(3));
    }

    @Test
    void aSeriesEndsWithTheCurrentPeriodAndKeyMetricsFollowTheLevels() throws Exception {
        read(REP, "/series?scope=team:" + enterprise + "&grain=quarter&periods=3")
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[2].period.label").value(Matchers.startsWith("FY")));
        send(ADMIN, put("/api/v1/scopes/team:" + enterprise + "/key-metric-levels/" + metric), "{\"mode\":\"add\"}").andExpect(status().isOk());
        send(REP, get("/api/v1/scopes/team:" + enterprise + "/key-metrics?period=" + month), null)
                .andExpect(jsonPath("$[?(@.metric == '%s')].value".formatted(metric)).value(Matchers.contains(8)))
                .andExpect(jsonPath("$[?(@.metric == '%s')].comparisons.previous.value".formatted(metric)).value(Matchers.contains(1)));
        send(REP, get("/api/v1/scopes/person:" + rep + "/key-metrics?period=" + month), null)
                .andExpect(jsonPath("$[?(@.metric == '%s')].value".formatted(metric)).value(Matchers.contains(3)));
    }

    @Test
    void aDashboardAnswersWhatItsThreeCallsAnswerApart() throws Exception {
        send(ADMIN, put("/api/v1/scopes/team:" + enterprise + "/key-metric-levels/" + metric), "{\"mode\":\"add\"}").andExpect(status().isOk());
        String team = "team:" + enterprise;
        JsonNode keyMetrics = answer(REP, "/api/v1/scopes/" + team + "/key-metrics?period=" + month);
        JsonNode series = answer(REP, "/api/v1/metrics/" + metric + "/series?scope=" + team + "&grain=quarter&periods=3");
        JsonNode leaderboard = answer(REP, "/api/v1/metrics/" + metric + "/leaderboard?scope=" + team + "&period=" + month + "&limit=1");

        JsonNode dashboard = answer(REP, "/api/v1/scopes/" + team + "/dashboard?period=" + month + "&series=" + metric
                + "&grain=quarter&periods=3&leaderboard=" + metric + "&limit=1");
        assertThat(dashboard.get("scope").asString()).isEqualTo(team);
        assertThat(dashboard.get("keyMetrics")).isEqualTo(keyMetrics);
        assertThat(dashboard.get("series").get("metric").asString()).isEqualTo(metric);
        assertThat(dashboard.get("series").get("points")).isEqualTo(series);
        assertThat(dashboard.get("leaderboard")).isEqualTo(leaderboard);
        assertThat(leaderboard.get("me").get("value").asInt()).as("the rep's own calls").isEqualTo(3);

        // Without metrics named, the series and the leaderboard are of the scope's first key metric.
        JsonNode defaults = answer(REP, "/api/v1/scopes/" + team + "/dashboard?period=" + month);
        String first = keyMetrics.get(0).get("metric").asString();
        assertThat(defaults.get("series").get("metric").asString()).isEqualTo(first);
        assertThat(defaults.get("series").get("points"))
                .isEqualTo(answer(REP, "/api/v1/metrics/" + first + "/series?scope=" + team + "&grain=month&periods=12"));
        assertThat(defaults.get("leaderboard"))
                .isEqualTo(answer(REP, "/api/v1/metrics/" + first + "/leaderboard?scope=" + team + "&period=" + month + "&limit=10"));

        send(REP, get("/api/v1/scopes/department:" + sales + "/dashboard"), null).andExpect(status().isForbidden());
        send(REP, get("/api/v1/scopes/" + team + "/dashboard?grain=fortnight"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("grain"));
        send(REP, get("/api/v1/scopes/" + team + "/dashboard?limit=0"), null).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("limit"));
        send(REP, get("/api/v1/scopes/" + team + "/dashboard?series=no_such_metric"), null).andExpect(status().isNotFound());
    }

    @Test
    void scopesOutsideTheCallersAreRefusedAndBadParametersNamed() throws Exception {
        read(REP, "/values?scope=team:" + midMarket + "&period=" + month).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("you are not a member or lead of the Mid-Market team")));
        read(REP, "/leaderboard?scope=department:" + sales).andExpect(status().isForbidden());
        read("admin@other.northstar.dev", "/values?period=" + month).andExpect(status().isNotFound());
        read(REP, "/values?period=2019-13").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("period"));
        read(REP, "/values?compare=tomorrow").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("compare"));
        read(REP, "/series?grain=fortnight").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("grain"));
        read(REP, "/series?periods=61").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("periods"));
        read(REP, "/values?scope=group:1").andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("scope"));
    }

    /**
     * Drill-down: the records behind a number are exactly the records it counts (its source, type, period and the
     * people who were in the scope then), newest first; a ratio names its parts; the company's records are for admins.
     */
    @Test
    void aNumberListsTheRecordsItCounts() throws Exception {
        JsonNode team = answer(REP, "/api/v1/metrics/" + metric + "/records?scope=team:" + enterprise + "&period=" + month);
        JsonNode records = team.get("records");
        assertThat(records.get("total").asInt()).as("the team's 8 calls of the month").isEqualTo(8);
        assertThat(records.get("more").asBoolean()).isFalse();
        assertThat(team.get("period").get("label").asString()).isEqualTo(month);
        List<String> columns = new ArrayList<>();
        records.get("columns").forEach(c -> columns.add(c.asString()));
        assertThat(columns).startsWith("Occurred", "Person", "Type");
        List<String> occurred = new ArrayList<>();
        for (JsonNode row : records.get("rows")) {
            occurred.add(row.get(0).asString());
            assertThat(row.get(columns.indexOf("Type")).asString()).isEqualTo("call");
            assertThat(row.get(columns.indexOf("Source")).asString()).isEqualTo(run);
            assertThat(row.get(columns.indexOf("Occurred")).asString()).startsWith(month);
        }
        assertThat(occurred).hasSize(8).isSortedAccordingTo(Comparator.reverseOrder());
        JsonNode firstThree = answer(REP, "/api/v1/metrics/" + metric + "/records?scope=team:" + enterprise + "&period=" + month + "&limit=3");
        assertThat(firstThree.get("records").get("rows")).hasSize(3);
        assertThat(firstThree.get("records").get("total").asInt()).as("counted beyond the rows listed").isEqualTo(8);
        assertThat(answer(REP, "/api/v1/metrics/" + metric + "/records?scope=person:" + rep + "&period=" + month)
                .get("records").get("total").asInt()).isEqualTo(3);
        assertThat(answer(ADMIN, "/api/v1/metrics/" + metric + "/records?scope=company&period=" + month)
                .get("records").get("total").asInt()).isEqualTo(10);

        send(ADMIN, put("/api/v1/metrics/share_" + run), """
                {"name":"Share of this run","kind":"secondary","unit":"percent","direction":"higher_is_better",
                 "formula":{"type":"ratio","numerator":"%s","denominator":"%s"}}""".formatted(metric, metric)).andExpect(status().isCreated());
        JsonNode ratio = answer(REP, "/api/v1/metrics/share_" + run + "/records?scope=team:" + enterprise + "&period=" + month);
        assertThat(ratio.get("records").isNull()).isTrue();
        assertThat(ratio.get("parts").get(0).asString()).isEqualTo(metric);
        assertThat(ratio.get("note").asString()).contains("ratio");

        send(REP, get("/api/v1/metrics/" + metric + "/records?scope=company&period=" + month), null).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("only company admins can list the records")));
        send(REP, get("/api/v1/metrics/" + metric + "/records?scope=team:" + midMarket + "&period=" + month), null)
                .andExpect(status().isForbidden());
        send(REP, get("/api/v1/metrics/" + metric + "/records?scope=team:" + enterprise + "&limit=1001"), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("limit"));
    }

    /** A distinct count lists only the records it counts: calls without an account count no account, so none is listed. */
    @Test
    void aDistinctCountListsOnlyTheRecordsWithWhatItCounts() throws Exception {
        String accounts = "accounts_" + run;
        send(ADMIN, put("/api/v1/metrics/" + accounts), """
                {"name":"Accounts called in this run","kind":"secondary","unit":"count","direction":"higher_is_better",
                 "formula":{"type":"aggregate","source":"activities","function":"count_distinct","field":"accountRef","time":"occurred",
                            "filters":[{"field":"source","values":["%s"]}]}}""".formatted(run)).andExpect(status().isCreated());
        read(REP, "/values?scope=team:" + enterprise + "&period=" + month).andExpect(jsonPath("$.value").value(8));
        send(REP, get("/api/v1/metrics/" + accounts + "/values?scope=team:" + enterprise + "&period=" + month), null)
                .andExpect(jsonPath("$.value").value(0));
        JsonNode drill = answer(REP, "/api/v1/metrics/" + accounts + "/records?scope=team:" + enterprise + "&period=" + month);
        assertThat(drill.get("records").get("total").asInt()).as("the run's 8 calls have no account: none counts").isZero();
        assertThat(drill.get("note").asString()).contains("distinct accountRef");
    }

    /** Someone other than {@code not} who has been in the team since before {@code since} began. */
    private long memberSince(long team, YearMonth since, long not) {
        return jdbc.sql("select person_id from membership where team_id = ? and person_id <> ? and valid_to is null and valid_from <= ? order by person_id limit 1")
                .params(team, not, since.atDay(1)).query(Long.class).single();
    }

    private void calls(List<String> calls, long person, int count, String dayPrefix) {
        for (int i = 0; i < count; i++) {
            calls.add("{\"source\":\"%s\",\"externalId\":\"%d-%s-%d\",\"type\":\"call\",\"personId\":%d,\"occurredAt\":\"%s%dT10:00:00Z\"}"
                    .formatted(run, person, dayPrefix, i, person, dayPrefix, i + 1));
        }
    }

    private JsonNode answer(String who, String path) throws Exception {
        String body = send(who, get(path), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body);
    }

    /**
     * A page's overview reads its children's values and targets together (one statement for the rollups, one for the
     * targets): each child's reading must be what that child's own question reads.
     */
    @Test
    void anOverviewsChildrenReadWhatEachChildsOwnQuestionReads() throws Exception {
        Viewer admin = directory.viewer(org.company("Demo Corp"), org.person(ADMIN)).orElseThrow();
        levels.choose(admin, new Scope.Department(sales), metric, KeyMetricLevel.Mode.ADD);
        send(ADMIN, put("/api/v1/targets"), "{\"metric\":\"%s\",\"scope\":\"person:%d\",\"period\":\"%s\",\"value\":4}".formatted(metric, rep, month))
                .andExpect(status().isOk());
        for (Scope scope : List.<Scope>of(new Scope.Department(sales), new Scope.Team(enterprise))) {
            MetricQueries.Overview overview = queries.overview(admin, scope, month, MetricQueries.Compare.PREVIOUS, 3, scope, 10);
            assertThat(overview.children()).as("children of " + scope.key()).isNotEmpty();
            for (MetricQueries.ChildProgress child : overview.children()) {
                List<MetricReading> own = queries.keyMetrics(admin, Scope.parse(child.scope()), month).stream()
                        .filter(r -> overview.keyMetrics().stream().anyMatch(k -> k.reading().metric().equals(r.metric()))).toList();
                assertThat(child.readings()).hasSameSizeAs(overview.keyMetrics());
                for (MetricReading reading : child.readings()) {
                    MetricReading alone = own.stream().filter(r -> r.metric().equals(reading.metric())).findFirst().orElseThrow();
                    assertThat(List.of(String.valueOf(reading.value()), reading.noData(), String.valueOf(reading.target().value()),
                            reading.target().found(), reading.pace()))
                            .as("%s of %s", reading.metric(), child.scope())
                            .isEqualTo(List.of(String.valueOf(alone.value()), alone.noData(), String.valueOf(alone.target().value()),
                                    alone.target().found(), alone.pace()));
                }
            }
            MetricQueries.ChildProgress first = overview.children().stream()
                    .filter(c -> c.scope().equals(scope instanceof Scope.Team ? "person:" + rep : "team:" + enterprise)).findFirst().orElseThrow();
            MetricReading ours = first.readings().stream().filter(r -> r.metric().equals(metric)).findFirst().orElseThrow();
            assertThat(ours.value()).as("the run's calls of " + first.scope()).isEqualByComparingTo(scope instanceof Scope.Team ? "3" : "8");
            assertThat(ours.target().value()).isEqualByComparingTo(scope instanceof Scope.Team ? "4" : "10");
        }
    }

    private ResultActions read(String who, String path) throws Exception {
        return send(who, get("/api/v1/metrics/" + metric + path), null);
    }

    private ResultActions send(String who, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(org.as(who)).with(csrf()));
    }
}

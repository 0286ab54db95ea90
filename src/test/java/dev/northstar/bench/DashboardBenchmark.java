package dev.northstar.bench;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.access.internal.ApiTokenService;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricValue;
import dev.northstar.analytics.ReferenceEvaluator;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricLibrary;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dashboards at any history size (issue 5): an organization of 5,000 people in 500 teams and 25 departments gets
 * activities over two years (and one deal with its stage history per 40 activities) in steps up to each size; at
 * each size it measures ingest through the bulk API against COPY of the same rows, the company and a team dashboard
 * through the metric API (p50 and p95 of {@code bench.requests}) against the same dashboards through the reference
 * evaluator, freshness (an accepted write until the dashboard shows it) and heap. Not part of verify:
 * {@code ./mvnw -Pbench test -Dtest=DashboardBenchmark -Dbench.activities=1000000,5000000,20000000 -DargLine=-Xmx512m}.
 *
 * <p>A dashboard is what a home page shows: ten key metrics this quarter against the same days of last quarter, a
 * 12-month series of closed-won revenue, and the top 10 of the scope's people by calls this quarter.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBenchmark {

    static final List<Long> SIZES = Arrays.stream(System.getProperty("bench.activities", "1000000,5000000,20000000").split(","))
            .map(String::trim).map(Long::parseLong).toList();
    static final int REQUESTS = Integer.getInteger("bench.requests", 30);
    static final int REFERENCE_RUNS = Integer.getInteger("bench.referenceRuns", 3);
    static final int FRESHNESS_WRITES = 10;
    /** Sizes up to this one are loaded through the API; larger steps by SQL (see the loop). */
    static final long API_UP_TO = Long.getLong("bench.apiUpTo", 5_000_000);
    static final List<String> KEY_METRICS = List.of("calls", "emails", "meetings_booked", "leads", "opportunities_created",
            "lead_to_opportunity", "closed_won_revenue", "deals_won", "win_rate", "average_deal_size");
    static final String SERIES_METRIC = "closed_won_revenue";
    static final String LEADERBOARD_METRIC = "calls";
    /** Numbers as decimals: read as doubles, a 16-digit ratio may come back one in the last digit off the reference. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired OrganizationDirectory directory;
    @Autowired OrganizationService organization;
    @Autowired ApiTokenService tokens;
    @Autowired MetricLibrary library;
    @Autowired MetricCatalog catalog;
    @Autowired KeyMetricLevels levels;
    @Autowired ReferenceEvaluator reference;
    @Autowired dev.northstar.analytics.RollupMaintenance rollups;

    private final HttpClient http = HttpClient.newHttpClient();
    private long companyId;
    private String token;
    /** A member of the measured team, whose Home is measured. */
    private String repToken;
    private List<String> people;
    private FiscalCalendar calendar;
    private LocalDate today;

    record Step(long activities, double apiSeconds, double currentSeconds, double copySeconds, long deals, double dealSeconds,
                Latency company, Latency team, Latency companyOneCall, Latency teamOneCall, Latency floor, Latency homePage, Latency teamPage,
                Latency companyPage, Latency referenceCompany, Latency referenceTeam, Latency freshness, Latency rollupsCurrent, long heapUsedMb,
                long heapPeakMb) {
    }

    @Test
    void dashboardsAtEverySize() throws Exception {
        DemoOrganization.Generated org = demo.generate(DemoOrganization.sized("Bench Corp", "bench.northstar.dev", 25, 20, 10, 2026));
        companyId = org.companyId();
        Viewer admin = directory.viewer(companyId, jdbc.sql("select id from person where email = 'admin@bench.northstar.dev'")
                .query(Long.class).single()).orElseThrow();
        library.install(admin);
        KEY_METRICS.forEach(key -> levels.choose(admin, Scope.COMPANY, key, Mode.ADD));
        token = tokens.create(admin, "benchmark").secret();
        people = jdbc.sql("select email from person where company_id = ? and email <> 'admin@bench.northstar.dev' order by id")
                .param(companyId).query(String.class).list();
        assertThat(people).hasSize(5_000);
        assertThat(org.teamIds()).hasSize(500);
        assertThat(org.departmentIds()).hasSize(25);
        calendar = organization.company(admin).calendar();
        today = organization.today(admin);
        Scope team = new Scope.Team(org.teamIds().get(0));
        long rep = peopleOf(team).get(0);
        repToken = tokens.create(directory.viewer(companyId, rep).orElseThrow(), "benchmark rep").secret();
        jdbc.sql("create table if not exists bench_copy (external_id text, person text, type text, occurred_at timestamptz)").update();
        BenchRecords records = new BenchRecords(people, today);

        List<Step> steps = new ArrayList<>();
        long loaded = 0;
        for (long size : SIZES) {
            resetHeapPeaks();
            long from = loaded;
            double copy = copy(records, from, size);
            progress(size, "COPY", copy);
            double api;
            double current;
            long dealRows = 0;
            double deals = 0;
            long dealStarted = System.nanoTime();
            if (size <= API_UP_TO) {
                long started = System.nanoTime();
                post("/api/v1/activities", GeneratedText.lines(from, size, i -> records.activityJson(i, from, size), ""), size - from);
                api = seconds(started);
                progress(size, "activities through the API", api);
                waitForRollups();
                current = seconds(started);
                progress(size, "activities' rollups current", current);
                long dealsFrom = from / BenchRecords.ACTIVITIES_PER_DEAL;
                long dealsTo = size / BenchRecords.ACTIVITIES_PER_DEAL;
                dealStarted = System.nanoTime();
                for (int step = 0; step < BenchRecords.STEPS.size(); step++) {
                    int s = step;
                    dealRows += post("/api/v1/deals", GeneratedText.lines(dealsFrom, dealsTo, d -> records.dealJson(d, dealsFrom, dealsTo, s), ""), -1);
                }
                waitForRollups();
                deals = seconds(dealStarted);
                progress(size, dealRows + " deal updates with their rollups", deals);
            } else {
                // Beyond bench.apiUpTo the API would take hours here: the COPY'd rows go in with one INSERT ... SELECT
                // and the rollups are rebuilt; no new deals. Ingest speed is the API's at the smaller sizes.
                long started = System.nanoTime();
                jdbc.sql("""
                        insert into activity (company_id, source, external_id, type, person_id, occurred_at)
                        select ?, 'bench', c.external_id, c.type, p.id, c.occurred_at from bench_copy c
                        join person p on p.company_id = ? and p.email = c.person""").params(companyId, companyId).update();
                api = Double.NaN;
                jdbc.sql("analyze activity").update();
                progress(size, "activities by INSERT ... SELECT", seconds(started));
                rollups.rebuild(companyId);
                current = Double.NaN;
                progress(size, "rollups rebuilt", seconds(started));
                dealStarted = System.nanoTime();
            }
            loaded = size;
            // Dashboards are measured in a steady state: without this, autovacuum and the checkpoint that a load of
            // millions of rows sets off run beside the first measurements (the 1,000,000 step's floor of three calls
            // took twice as long as at 100,000).
            jdbc.sql("vacuum analyze").update();
            jdbc.sql("checkpoint").update();

            Latency company = dashboards(Scope.COMPANY);
            Latency teamLatency = dashboards(team);
            Latency companyOneCall = dashboardsInOneCall(Scope.COMPANY);
            Latency teamOneCall = dashboardsInOneCall(team);
            Latency floor = floor();
            Latency homePage = page("/", repToken, "My key metrics");
            Latency teamPage = page("/teams/" + ((Scope.Team) team).id(), token, "Progress by member");
            Latency companyPage = page("/company", token, "Progress by department");
            progress(size, "dashboards through the API and pages", seconds(dealStarted) - deals);
            Latency referenceCompany = referenceDashboards(Scope.COMPANY);
            Latency referenceTeam = referenceDashboards(team);
            sameAsReference(Scope.COMPANY);
            sameAsReference(team);
            progress(size, "dashboards through the reference", seconds(dealStarted) - deals);
            Latency[] freshness = freshness(size);
            System.gc();
            steps.add(new Step(size, api, current, copy, dealRows, deals, company, teamLatency, companyOneCall, teamOneCall, floor, homePage, teamPage,
                    companyPage, referenceCompany, referenceTeam,
                    freshness[0], freshness[1], heapUsedMb(), heapPeakMb()));
            System.out.println(table(steps));
        }
        assertThat(jdbc.sql("select count(*) from activity where company_id = ? and source = 'bench'").param(companyId)
                .query(Long.class).single()).isEqualTo(SIZES.get(SIZES.size() - 1));
    }

    /** The same activities as CSV through COPY into a table without indexes: the database's own speed, for the ratio. */
    private double copy(BenchRecords records, long from, long to) throws Exception {
        jdbc.sql("truncate bench_copy").update();
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            long rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("copy bench_copy from stdin with (format csv)",
                    GeneratedText.lines(from, to, i -> records.activityCsv(i, from, to), ""));
            assertThat(rows).isEqualTo(to - from);
        }
        return seconds(started);
    }

    /** One NDJSON stream; returns the records created or updated (checked against {@code expected} unless it is -1). */
    private long post(String path, java.io.InputStream body, long expected) throws Exception {
        HttpResponse<String> answer = http.send(request(path).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        long created = number(answer.body(), "created");
        long updated = number(answer.body(), "updated");
        assertThat(number(answer.body(), "rejected")).as(answer.body()).isZero();
        if (expected >= 0) {
            assertThat(created).as(answer.body()).isEqualTo(expected);
        }
        return created + updated;
    }

    private void waitForRollups() throws InterruptedException {
        while (jdbc.sql("select exists (select from rollup_dirty where company_id = ?)").param(companyId).query(Boolean.class).single()) {
            Thread.sleep(5);
        }
    }

    /** A few unmeasured requests, then {@link #REQUESTS} measured ones: the whole dashboard, its three calls one after another. */
    private Latency dashboards(Scope scope) throws Exception {
        for (int i = 0; i < 5; i++) {
            dashboard(scope);
        }
        long[] nanos = new long[REQUESTS];
        long[][] calls = new long[3][REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            List<String> paths = paths(scope);
            for (int c = 0; c < paths.size(); c++) {
                long call = System.nanoTime();
                get(paths.get(c));
                calls[c][i] = System.nanoTime() - call;
            }
            nanos[i] = System.nanoTime() - started;
        }
        System.out.printf("bench %s: key metrics p50 %.1f ms, series p50 %.1f ms, leaderboard p50 %.1f ms%n", scope.key(),
                Latency.of(calls[0]).p50(), Latency.of(calls[1]).p50(), Latency.of(calls[2]).p50());
        return Latency.of(nanos);
    }

    /** The same dashboard as one call ({@code /scopes/{scope}/dashboard}): one snapshot, one request. */
    private Latency dashboardsInOneCall(Scope scope) throws Exception {
        String path = oneCall(scope);
        return timed(5, REQUESTS, () -> get(path));
    }

    private String oneCall(Scope scope) {
        return "/api/v1/scopes/" + scope.key() + "/dashboard?period=" + quarter().label() + "&series=" + SERIES_METRIC
                + "&grain=month&periods=12&leaderboard=" + LEADERBOARD_METRIC + "&limit=10";
    }

    /**
     * Three calls that read nothing but the caller ({@code GET /api/v1/me}), measured as a dashboard is: what any three
     * authenticated calls cost here (HTTP, the token, the viewer, JSON), whatever they answer.
     */
    private Latency floor() throws Exception {
        return timed(5, REQUESTS, () -> {
            for (int c = 0; c < 3; c++) {
                get("/api/v1/me");
            }
        });
    }

    /** Something done that can fail, to be timed. */
    private interface Run {
        void run() throws Exception;
    }

    /** {@code warmups} unmeasured runs, then {@code runs} measured ones. */
    private static Latency timed(int warmups, int runs, Run run) throws Exception {
        for (int i = 0; i < warmups; i++) {
            run.run();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - started;
        }
        return Latency.of(nanos);
    }

    private List<String> dashboard(Scope scope) throws Exception {
        List<String> answers = new ArrayList<>();
        for (String path : paths(scope)) {
            answers.add(get(path));
        }
        return answers;
    }

    private List<String> paths(Scope scope) {
        String quarter = quarter().label();
        return List.of("/api/v1/scopes/" + scope.key() + "/key-metrics?period=" + quarter,
                "/api/v1/metrics/" + SERIES_METRIC + "/series?scope=" + scope.key() + "&grain=month&periods=12",
                "/api/v1/metrics/" + LEADERBOARD_METRIC + "/leaderboard?scope=" + scope.key() + "&period=" + quarter + "&limit=10");
    }

    /** The same dashboard from the raw records: every value through the reference evaluator. */
    private Latency referenceDashboards(Scope scope) throws Exception {
        return timed(0, REFERENCE_RUNS, () -> referenceDashboard(scope));
    }

    private Map<String, BigDecimal> referenceDashboard(Scope scope) {
        Map<String, MetricDefinition> metrics = catalog.all(companyId).stream().collect(Collectors.toMap(MetricDefinition::key, m -> m));
        Function<String, Optional<MetricDefinition>> others = key -> Optional.ofNullable(metrics.get(key));
        Period quarter = quarter();
        Period previous = MetricQueries.sameDaysGone(calendar.previous(quarter), quarter, today);
        Map<String, BigDecimal> values = new java.util.LinkedHashMap<>();
        for (String key : KEY_METRICS) {
            values.put(key, reference.value(companyId, metrics.get(key), scope, quarter, others).value());
            reference.value(companyId, metrics.get(key), scope, previous, others);
        }
        for (Period month : calendar.series(calendar.period(Grain.MONTH, today), 12)) {
            reference.value(companyId, metrics.get(SERIES_METRIC), scope, month, others);
        }
        List<BigDecimal> board = new ArrayList<>();
        for (long person : peopleOf(scope)) {
            MetricValue value = reference.value(companyId, metrics.get(LEADERBOARD_METRIC), new Scope.Person(person), quarter, others);
            board.add(value.value());
        }
        board.sort(Comparator.reverseOrder());
        values.put("leader", board.get(0));
        return values;
    }

    /** The API's answers are the reference's: the key metrics' values and the leaderboard's first value. */
    private void sameAsReference(Scope scope) throws Exception {
        Map<String, BigDecimal> expected = referenceDashboard(scope);
        List<String> answers = dashboard(scope);
        Map<String, BigDecimal> keyMetrics = new java.util.HashMap<>();
        for (JsonNode reading : JSON.readTree(answers.get(0))) {
            keyMetrics.put(reading.get("metric").asString(), reading.get("value").isNull() ? null : reading.get("value").decimalValue());
        }
        for (String key : KEY_METRICS) {
            assertThat(keyMetrics).as(scope.key()).containsKey(key);
            assertThat(keyMetrics.get(key)).as(key + " for " + scope.key())
                    .usingComparator(Comparator.nullsFirst(Comparator.naturalOrder())).isEqualTo(expected.get(key));
        }
        BigDecimal leader = JSON.readTree(answers.get(2)).get("rows").get(0).get("value").decimalValue();
        assertThat(leader).as("leaderboard of " + scope.key()).isEqualByComparingTo(expected.get("leader"));
        JsonNode oneCall = JSON.readTree(get(oneCall(scope)));
        assertThat(oneCall.get("keyMetrics")).as("one call's key metrics, " + scope.key()).isEqualTo(JSON.readTree(answers.get(0)));
        assertThat(oneCall.get("series").get("points")).as("one call's series, " + scope.key()).isEqualTo(JSON.readTree(answers.get(1)));
        assertThat(oneCall.get("leaderboard")).as("one call's leaderboard, " + scope.key()).isEqualTo(JSON.readTree(answers.get(2)));
    }

    /**
     * An activity written through the API, then the company's calls this quarter read until they include it: the time
     * from the accepted write to the answer with it, and to the rollups holding it (no marker left).
     */
    private Latency[] freshness(long size) throws Exception {
        long[] answer = new long[FRESHNESS_WRITES];
        long[] current = new long[FRESHNESS_WRITES];
        String values = "/api/v1/metrics/calls/values?scope=company&period=" + quarter().label();
        for (int k = 0; k < FRESHNESS_WRITES; k++) {
            BigDecimal before = value(get(values));
            String activity = "[{\"source\":\"fresh\",\"externalId\":\"f" + size + "-" + k + "\",\"person\":\"" + people.get(k)
                    + "\",\"type\":\"call\",\"occurredAt\":\"" + Instant.now().minusSeconds(60) + "\"}]";
            HttpResponse<String> written = http.send(request("/api/v1/activities").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(activity)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(written.statusCode()).as(written.body()).isEqualTo(200);
            long accepted = System.nanoTime();
            while (value(get(values)).compareTo(before.add(BigDecimal.ONE)) != 0) {
                Thread.sleep(1);
            }
            answer[k] = System.nanoTime() - accepted;
            waitForRollups();
            current[k] = System.nanoTime() - accepted;
        }
        return new Latency[]{Latency.of(answer), Latency.of(current)};
    }

    private Period quarter() {
        return calendar.period(Grain.QUARTER, today);
    }

    private List<Long> peopleOf(Scope scope) {
        return directory.activeIn(companyId, scope).stream().map(p -> p.ref().id()).toList();
    }

    /** A page as the browser gets it (HTML rendered on the server), checked for one of its headings. */
    private Latency page(String path, String as, String heading) throws Exception {
        assertThat(get(path, as)).as(path).contains(heading).contains("article class=\"card metric\"");
        return timed(5, REQUESTS, () -> get(path, as));
    }

    private String get(String path) throws Exception {
        return get(path, token);
    }

    private String get(String path, String as) throws Exception {
        HttpResponse<String> answer = http.send(request(path, as).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private HttpRequest.Builder request(String path) {
        return request(path, token);
    }

    private HttpRequest.Builder request(String path, String as) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + as)
                .timeout(Duration.ofHours(2));
    }

    private static BigDecimal value(String reading) {
        return JSON.readTree(reading).get("value").decimalValue();
    }

    private static long number(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\":([0-9]+)").matcher(json);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    private static void progress(long size, String what, double seconds) {
        System.out.printf("bench %,d: %s, %.1f s%n", size, what, seconds);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void resetHeapPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of the heap pools' peaks since the step began: an upper bound of the heap the step used at once. */
    private static long heapPeakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() >> 20;
    }

    private static long heapUsedMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
    }

    private String table(List<Step> steps) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nDashboard benchmark, %s, %d cores, heap limit %d MB, PostgreSQL %s, 5,000 people / 500 teams / 25 departments%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                jdbc.sql("show server_version").query(String.class).single()));
        out.append(String.format("%-44s", "activities"));
        steps.forEach(s -> out.append(String.format("%16s", String.format("%,d", s.activities()))));
        out.append('\n');
        row(out, steps, "ingest via bulk API (NDJSON), rows/s", s -> Double.isNaN(s.apiSeconds()) ? "(SQL)" : String.format("%,.0f", (s.activities() - previous(steps, s)) / s.apiSeconds()));
        row(out, steps, "  same rows via COPY, rows/s", s -> String.format("%,.0f", (s.activities() - previous(steps, s)) / s.copySeconds()));
        row(out, steps, "  API vs COPY", s -> Double.isNaN(s.apiSeconds()) ? "-" : String.format("%.2fx", s.copySeconds() / s.apiSeconds()));
        row(out, steps, "  until rollups current, rows/s", s -> Double.isNaN(s.currentSeconds()) ? "-" : String.format("%,.0f", (s.activities() - previous(steps, s)) / s.currentSeconds()));
        row(out, steps, "deal updates via API (with rollups), rows/s", s -> s.deals() == 0 ? "-" : String.format("%,.0f", s.deals() / s.dealSeconds()));
        row(out, steps, "company dashboard, 3 calls p50 / p95, ms", s -> s.company().shown());
        row(out, steps, "team dashboard, 3 calls p50 / p95, ms", s -> s.team().shown());
        row(out, steps, "  company, one call p50 / p95, ms", s -> s.companyOneCall().shown());
        row(out, steps, "  team, one call p50 / p95, ms", s -> s.teamOneCall().shown());
        row(out, steps, "  3 x GET /api/v1/me (floor) p50 / p95, ms", s -> s.floor().shown());
        row(out, steps, "Home page (a member) p50 / p95, ms", s -> s.homePage().shown());
        row(out, steps, "Team page p50 / p95, ms", s -> s.teamPage().shown());
        row(out, steps, "Company page p50 / p95, ms", s -> s.companyPage().shown());
        row(out, steps, "  reference company p50 / max, ms", s -> s.referenceCompany().shown());
        row(out, steps, "  reference team p50 / max, ms", s -> s.referenceTeam().shown());
        row(out, steps, "  reference / API (company, p50)", s -> String.format("%,.0fx", s.referenceCompany().p50() / s.company().p50()));
        row(out, steps, "  reference / API (team, p50)", s -> String.format("%,.0fx", s.referenceTeam().p50() / s.team().p50()));
        row(out, steps, "company p95 vs first size", s -> String.format("%.2fx", s.company().p95() / steps.get(0).company().p95()));
        row(out, steps, "team p95 vs first size", s -> String.format("%.2fx", s.team().p95() / steps.get(0).team().p95()));
        row(out, steps, "freshness: write to answer p50 / max, ms", s -> s.freshness().shown());
        row(out, steps, "  write to rollups current p50 / max, ms", s -> s.rollupsCurrent().shown());
        row(out, steps, "heap used after GC / peak, MB", s -> s.heapUsedMb() + " / " + s.heapPeakMb());
        return out.toString();
    }

    private static long previous(List<Step> steps, Step step) {
        int i = steps.indexOf(step);
        return i == 0 ? 0 : steps.get(i - 1).activities();
    }

    private static void row(StringBuilder out, List<Step> steps, String name, Function<Step, String> cell) {
        out.append(String.format("%-44s", name));
        steps.forEach(s -> out.append(String.format("%16s", cell.apply(s))));
        out.append('\n');
    }
}

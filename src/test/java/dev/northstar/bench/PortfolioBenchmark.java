package dev.northstar.bench;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.access.internal.ApiTokenService;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.internal.MeasureSnapshots;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.OrganizationService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portfolio page (HTML through HTTP, as a browser gets it) at growing numbers of accounts, each with 13 months of
 * recurring revenue, two deals, five activities and half of them a typed sentiment value: as the company admin who
 * sees every account, as a department manager and as a rep; the portfolio API; the admin's portfolio of yesterday, whose
 * measures are computed for the request rather than kept; and GET /api/v1/me, which reads
 * nothing but the caller, for the floor of any authenticated call. Not part of {@code verify}:
 * {@code ./mvnw -Pbench test -Dtest=PortfolioBenchmark -Dbench.accounts=5000,50000}.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioBenchmark {

    static final List<Integer> SIZES = Arrays.stream(System.getProperty("bench.accounts", "5000,50000").split(","))
            .map(String::strip).map(Integer::valueOf).toList();
    static final int REQUESTS = Integer.getInteger("bench.requests", 30);

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired OrganizationService organization;
    @Autowired ApiTokenService tokens;
    @Autowired AccountMetrics metrics;
    @Autowired MeasureSnapshots snapshots;

    private final HttpClient http = HttpClient.newHttpClient();

    record Step(int accounts, long revenueLines, double refreshSeconds, Latency admin, Latency manager, Latency rep, Latency api,
                Latency afterEdit, Latency live, Latency floor) {
    }

    @Test
    void portfolioAtEverySize() throws Exception {
        DemoOrganization.Generated org = demo.generate(DemoOrganization.sized("Portfolio Corp", "portfolio.northstar.dev", 10, 10, 10, 2026));
        long companyId = org.companyId();
        Viewer admin = directory.viewer(companyId, jdbc.sql("select id from person where email = 'admin@portfolio.northstar.dev'")
                .query(Long.class).single()).orElseThrow();
        metrics.catalog(admin); // the default metrics
        long sentiment = jdbc.sql("select id from account_metric where company_id = ? and key = 'sentiment'").param(companyId).query(Long.class).single();
        // The sized organization has no managers: the admin's first colleague manages the first department (a tenth of the people).
        long managerId = jdbc.sql("select id from person where company_id = ? and email <> 'admin@portfolio.northstar.dev' order by id limit 1")
                .param(companyId).query(Long.class).single();
        jdbc.sql("insert into department_manager (company_id, department_id, person_id) values (?, ?, ?)")
                .params(companyId, org.departmentIds().get(0), managerId).update();
        long repId = jdbc.sql("""
                        select m.person_id from membership m join person p on p.company_id = m.company_id and p.id = m.person_id
                        where m.company_id = ? and m.valid_to is null and p.id <> ? order by 1 limit 1""")
                .params(companyId, managerId).query(Long.class).single();
        String adminToken = tokens.create(admin, "portfolio benchmark").secret();
        String managerToken = tokens.create(directory.viewer(companyId, managerId).orElseThrow(), "portfolio benchmark").secret();
        String repToken = tokens.create(directory.viewer(companyId, repId).orElseThrow(), "portfolio benchmark").secret();
        LocalDate today = organization.today(admin);
        Long[] owners = jdbc.sql("select m.person_id from membership m where m.company_id = ? and m.valid_to is null order by 1")
                .param(companyId).query(Long.class).list().toArray(Long[]::new);

        List<Step> steps = new ArrayList<>();
        int made = 0;
        for (int size : SIZES) {
            grow(companyId, made, size, owners, sentiment, admin.personId(), today);
            made = size;
            jdbc.sql("vacuum analyze account").update();
            jdbc.sql("vacuum analyze revenue_line").update();
            jdbc.sql("vacuum analyze deal").update();
            jdbc.sql("vacuum analyze activity").update();
            jdbc.sql("vacuum analyze account_metric_current").update();
            jdbc.sql("checkpoint").update(); // the load's writes flushed before timing, not during it
            long refreshStarted = System.nanoTime();
            snapshots.refresh(companyId);
            double refreshSeconds = (System.nanoTime() - refreshStarted) / 1e9;
            String page = get("/accounts", adminToken);
            assertThat(page).contains(String.format("%,d", size)).contains("id=\"accounts\"");
            long lines = jdbc.sql("select count(*) from revenue_line where company_id = ?").param(companyId).query(Long.class).single();
            steps.add(new Step(size, lines, refreshSeconds,
                    timed(() -> get("/accounts", adminToken)),
                    timed(() -> get("/accounts", managerToken)),
                    timed(() -> get("/accounts", repToken)),
                    timed(() -> get("/api/v1/accounts", adminToken)),
                    afterEdits(adminToken, today),
                    timed(() -> get("/accounts?asOf=" + today.minusDays(1), adminToken)),
                    timed(() -> get("/api/v1/me", adminToken))));
        }
        print(steps);
    }

    /** Accounts {@code from} to {@code to}, owned in turn by the company's people, with their records, all in SQL. */
    private void grow(long companyId, int from, int to, Long[] owners, long sentiment, long adminId, LocalDate today) {
        String[] segments = {"SMB", "Mid-Market", "Enterprise"};
        jdbc.sql("""
                        insert into account (company_id, source, external_id, name, owner_id, segment, industry)
                        select ?, 'bench', 'acct-' || n, 'Account ' || n, (?::bigint[])[1 + n % cardinality(?::bigint[])],
                               (?::text[])[1 + n % 3], 'Industry ' || (n % 7)
                        from generate_series(?, ?) n""")
                .params(companyId, owners, owners, segments, from + 1, to).update();
        LocalDate month = today.withDayOfMonth(1);
        // 13 months of recurring revenue; one account in 37 stopped paying this month, one in 11 pays 10 % more than last month
        jdbc.sql("""
                        insert into revenue_line (company_id, source, account_ref, month, mrr, currency)
                        select ?, 'bench', 'acct-' || n, (?::date - make_interval(months => m))::date,
                               (100 + n % 900) * case when m = 0 and n % 11 = 0 then 1.1 else 1 end, 'USD'
                        from generate_series(?, ?) n, generate_series(0, 12) m
                        where not (m = 0 and n % 37 = 0)""")
                .params(companyId, month, from + 1, to).update();
        jdbc.sql("""
                        insert into deal (company_id, source, external_id, owner_id, account_ref, amount, currency, created_on, stage, outcome, closed_on)
                        select ?, 'bench', 'deal-' || n || '-' || k, (?::bigint[])[1 + n % cardinality(?::bigint[])], 'acct-' || n, 1000 + n % 5000, 'USD',
                               ?::date - (n % 200), case when k = 0 then 'won' else 'proposal' end, case when k = 0 then 'won' else 'open' end,
                               case when k = 0 then ?::date - (n % 100) end
                        from generate_series(?, ?) n, generate_series(0, 1) k""")
                .params(companyId, owners, owners, today, today, from + 1, to).update();
        jdbc.sql("""
                        insert into activity (company_id, source, external_id, type, person_id, occurred_at, account_ref)
                        select ?, 'bench', 'act-' || n || '-' || k, 'call', (?::bigint[])[1 + n % cardinality(?::bigint[])],
                               now() - make_interval(days => (n + k * 7) % 60), 'acct-' || n
                        from generate_series(?, ?) n, generate_series(0, 4) k""")
                .params(companyId, owners, owners, from + 1, to).update();
        jdbc.sql("""
                        insert into account_metric_entry (company_id, account_id, metric_id, kind, day, value, recorded_by)
                        select a.company_id, a.id, ?, 'value', ?::date - (a.id % 40)::int, 1 + a.id % 3, ?
                        from account a where a.company_id = ? and a.source = 'bench' and a.id % 2 = 0
                          and a.external_id in (select 'acct-' || n from generate_series(?, ?) n)""")
                .params(sentiment, today, adminId, companyId, from + 1, to).update();
    }

    /** The admin's page right after someone typed a value: what is kept is made again from the database. */
    private Latency afterEdits(String token, LocalDate today) throws Exception {
        long account = jdbc.sql("select id from account where source = 'bench' and external_id = 'acct-1'").query(Long.class).single();
        long[] nanos = new long[10];
        for (int i = 0; i < nanos.length; i++) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/accounts/" + account
                            + "/metrics/sentiment/value")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"day\":\"" + today + "\",\"value\":" + (1 + i % 3) + "}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(204);
            long started = System.nanoTime();
            get("/accounts", token);
            nanos[i] = System.nanoTime() - started;
        }
        return Latency.of(nanos);
    }

    private interface Run {
        void run() throws Exception;
    }

    private static Latency timed(Run run) throws Exception {
        for (int i = 0; i < 10; i++) {
            run.run();
        }
        long[] nanos = new long[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long started = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - started;
        }
        return Latency.of(nanos);
    }

    private String get(String path, String token) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
        return answer.body();
    }

    private void print(List<Step> steps) {
        StringBuilder out = new StringBuilder("\nPortfolio benchmark, ").append(LocalDate.now()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" cores, heap limit ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB, PostgreSQL ")
                .append(jdbc.sql("show server_version").query(String.class).single()).append('\n');
        row(out, steps, "accounts", s -> String.format("%,d", s.accounts()));
        row(out, steps, "revenue lines", s -> String.format("%,d", s.revenueLines()));
        row(out, steps, "portfolio page, admin (all) p50 / p95, ms", s -> s.admin().shown());
        row(out, steps, "  the same, slowest of the run, ms", s -> String.format("%.1f", s.admin().percentile(100)));
        row(out, steps, "portfolio page, a manager p50 / p95, ms", s -> s.manager().shown());
        row(out, steps, "portfolio page, a rep p50 / p95, ms", s -> s.rep().shown());
        row(out, steps, "GET /api/v1/accounts, admin p50 / p95, ms", s -> s.api().shown());
        row(out, steps, "  right after an edit, 10 times: p50 / max, ms", s -> s.afterEdit().shown());
        row(out, steps, "  as of yesterday (nothing kept) p50 / p95", s -> s.live().shown());
        row(out, steps, "refresh of today's measures, s", s -> String.format("%.2f", s.refreshSeconds()));
        row(out, steps, "GET /api/v1/me (floor) p50 / p95, ms", s -> s.floor().shown());
        row(out, steps, "admin page p95 vs floor p95", s -> String.format("%.1fx", s.admin().p95() / s.floor().p95()));
        row(out, steps, "admin page p95 vs first size", s -> String.format("%.2fx", s.admin().p95() / steps.get(0).admin().p95()));
        System.out.println(out);
    }

    private static void row(StringBuilder out, List<Step> steps, String name, Function<Step, String> cell) {
        out.append(String.format("%-46s", name));
        steps.forEach(s -> out.append(String.format("%16s", cell.apply(s))));
        out.append('\n');
    }
}

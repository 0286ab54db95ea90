package dev.northstar.bench;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.access.internal.ApiTokenService;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.FileImports;
import dev.northstar.ingest.files.ImportJob;
import dev.northstar.ingest.demo.DemoHistories;
import dev.northstar.ingest.demo.DemoHistory;
import dev.northstar.ingest.demo.GeneratedActivity;
import dev.northstar.ingest.files.ImportSettings;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast activities get in, against plain PostgreSQL COPY of the same rows into an unindexed table, measured
 * in the same run (these machines are shared and noisy, so only the ratios travel). Not part of verify:
 * {@code ./mvnw -Pbench test -Dbench.rows=1000000}. Every way loads its own source, so every row is new.
 */
@Tag("benchmark")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IngestBenchmark {

    static final int ROWS = Integer.getInteger("bench.rows", 1_000_000);
    static final int BATCH = 10_000;
    static final String CSV_HEADER = "externalId,person,type,occurredAt,quantity,accountRef,dealRef\n";

    @LocalServerPort int port;
    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;
    @Autowired DataSource dataSource;
    @Autowired OrganizationDirectory directory;
    @Autowired ApiTokenService tokens;
    @Autowired FileImports imports;
    @Autowired DemoHistories histories;
    List<GeneratedActivity> rows;

    record Result(String way, long rows, double seconds) {
        double perSecond() {
            return rows / seconds;
        }
    }

    @Test
    void activitiesInEveryWayAgainstPlainCopy() throws Exception {
        demo.generateDemoCompaniesIfMissing();
        long companyId = jdbc.sql("select id from company where name = ?").param(DemoOrganization.DEMO_COMPANY).query(Long.class).single();
        long adminId = jdbc.sql("select id from person where email = 'admin@demo.northstar.dev'").query(Long.class).single();
        Viewer admin = directory.viewer(companyId, adminId).orElseThrow();
        // The demo history's generator, turned up: about 240,000 activities a year at scale 1.
        rows = DemoHistory.of(histories.input(companyId, 42, ROWS / 200_000.0 + 0.1)).activities().limit(ROWS).toList();
        assertThat(rows).hasSize(ROWS);
        List<String> people = List.of();
        String token = tokens.create(admin, "benchmark").secret();
        HttpClient http = HttpClient.newHttpClient();
        jdbc.sql("create table if not exists bench_copy (source text, external_id text, type text, person text, occurred_at timestamptz, "
                + "quantity numeric, account_ref text, deal_ref text)").update();

        // Warm-up: the JIT and the database caches get the same start for every way.
        copy("warm", 20_000, people);
        api(http, token, "warm-api", 20_000, people);
        csvImport(admin, "warm-csv", 20_000, people);

        List<Result> results = new ArrayList<>();
        results.add(copy("copy", ROWS, people));
        results.add(indexedInsert(companyId));
        results.add(api(http, token, "api", ROWS, people));
        results.add(ndjson(http, token, "ndjson", ROWS, people));
        results.addAll(csvImport(admin, "csv", ROWS, people));

        double copyRate = results.get(0).perSecond();
        StringBuilder table = new StringBuilder("\nIngest benchmark: " + ROWS + " activities each, " + Runtime.getRuntime().availableProcessors()
                + " cores, PostgreSQL " + jdbc.sql("show server_version").query(String.class).single() + "\n");
        table.append(String.format("%-34s %12s %10s %12s %10s%n", "way", "rows", "seconds", "rows/s", "vs COPY"));
        for (Result r : results) {
            table.append(String.format("%-34s %,12d %10.2f %,12.0f %9.2fx%n", r.way(), r.rows(), r.seconds(), r.perSecond(), r.perSecond() / copyRate));
        }
        System.out.println(table);
        assertThat(jdbc.sql("select count(*) from activity where company_id = ? and source = 'api'").param(companyId).query(Long.class).single())
                .isEqualTo(ROWS);
    }

    /**
     * A file far larger than the heap streams through: run with {@code -Dbench.csvBytes=1000000000 -DargLine=-Xmx384m}.
     * Prints the time, the rows and the progress the page would have shown along the way.
     */
    @Test
    void aLargeCsvFileStreamsThroughInBoundedMemory() throws Exception {
        long bytes = Long.getLong("bench.csvBytes", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(bytes > 0, "set -Dbench.csvBytes to run");
        demo.generateDemoCompaniesIfMissing();
        long companyId = jdbc.sql("select id from company where name = ?").param(DemoOrganization.DEMO_COMPANY).query(Long.class).single();
        long adminId = jdbc.sql("select id from person where email = 'admin@demo.northstar.dev'").query(Long.class).single();
        Viewer admin = directory.viewer(companyId, adminId).orElseThrow();
        List<String> people = jdbc.sql("select email from person where company_id = ? and active order by id").param(companyId).query(String.class).list();
        Path file = Files.createTempFile("bench-large-", ".csv");
        long rows = 0;
        try (var out = new java.io.BufferedWriter(Files.newBufferedWriter(file), 1 << 16)) {
            out.write("externalId,person,type,occurredAt,quantity\n");
            java.time.Instant start = java.time.Instant.parse("2020-01-01T08:00:00Z");
            String[] types = {"call", "email", "meeting"};
            while (Files.size(file) < bytes) {
                for (int i = 0; i < 100_000; i++, rows++) {
                    out.write("L" + rows + "," + people.get((int) (rows % people.size())) + "," + types[(int) (rows % 3)] + ","
                            + start.plusSeconds(rows * 7) + "," + (rows % 45) + "\n");
                }
                out.flush();
            }
        }
        long size = Files.size(file);
        long started = System.nanoTime();
        ImportJob job;
        try (InputStream in = Files.newInputStream(file)) {
            job = imports.upload(admin, RecordKind.ACTIVITIES, "large.csv", in, "large");
        }
        Files.deleteIfExists(file);
        var checking = imports.check(admin, job.id());
        List<Integer> seen = new ArrayList<>();
        while (!checking.isDone()) {
            seen.add(imports.progress(admin, job.id()).percent());
            Thread.sleep(2_000);
        }
        ImportJob checked = checking.get();
        double check = seconds(started);
        long committing = System.nanoTime();
        ImportJob committed = imports.commit(admin, job.id(), false).get(2, TimeUnit.HOURS);
        double commit = seconds(committing);
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("%nLarge CSV: %,d bytes, %,d rows, heap limit %,d MB; upload + check %.1f s, commit %.1f s (%,.0f rows/s); "
                        + "created %,d, rejected %d; progress seen while checking: %s%n", size, rows, runtime.maxMemory() >> 20, check, commit,
                rows / commit, committed.createdRows(), checked.rejectedRows(), seen);
        assertThat(committed.createdRows()).isEqualTo(rows);
        assertThat(seen).isSorted();
    }

    /** The baseline: the same CSV text, COPY'd into a table without indexes or checks. */
    private Result copy(String source, int rows, List<String> people) throws Exception {
        long started = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy bench_copy (external_id, person, type, occurred_at, quantity, account_ref, deal_ref, source) from stdin with (format csv, header true)",
                            lines(rows, i -> csvLine(i, people).replace("\n", "," + source + "\n"), CSV_HEADER.replace("\n", ",source\n")));
        }
        return new Result("PostgreSQL COPY (unindexed table)", rows, seconds(started));
    }

    /**
     * The database's own ceiling for this table: the COPY'd rows moved with one INSERT ... SELECT into a table shaped
     * like activity, with its indexes but without upsert, checks or answers.
     */
    private Result indexedInsert(long companyId) {
        jdbc.sql("drop table if exists bench_indexed").update();
        jdbc.sql("create table bench_indexed (like activity including defaults including identity including indexes)").update();
        long started = System.nanoTime();
        long rows = jdbc.sql("""
                        insert into bench_indexed (company_id, source, external_id, type, person_id, occurred_at, quantity, account_ref, deal_ref)
                        select ?, c.source, c.external_id, c.type, p.id, c.occurred_at, c.quantity, c.account_ref, c.deal_ref
                        from bench_copy c join person p on p.company_id = ? and p.email = c.person where c.source = 'copy'""")
                .params(companyId, companyId).update();
        return new Result("INSERT ... SELECT into indexed table", rows, seconds(started));
    }

    /** Bulk API: JSON batches of 10,000, one request after the other, over HTTP. */
    private Result api(HttpClient http, String token, String source, int rows, List<String> people) throws Exception {
        long started = System.nanoTime();
        for (int from = 0; from < rows; from += BATCH) {
            StringBuilder body = new StringBuilder(BATCH * 160).append('[');
            for (int i = from; i < Math.min(rows, from + BATCH); i++) {
                body.append(i == from ? "" : ",").append(json(i, source, people));
            }
            HttpResponse<String> answer = http.send(post("/api/v1/activities", token, "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.append(']').toString())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        }
        return new Result("bulk API (JSON batches of 10,000)", rows, seconds(started));
    }

    /** Bulk API: one NDJSON stream of every row. */
    private Result ndjson(HttpClient http, String token, String source, int rows, List<String> people) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = http.send(post("/api/v1/activities", token, "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> lines(rows, i -> json(i, source, people) + "\n", ""))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"created\":" + rows);
        return new Result("bulk API (one NDJSON stream)", rows, seconds(started));
    }

    /** CSV import: upload, check (the dry run), commit; the file is written beforehand, untimed. */
    private List<Result> csvImport(Viewer admin, String source, int rows, List<String> people) throws Exception {
        Path file = Files.createTempFile("bench-", ".csv");
        try (InputStream in = lines(rows, i -> csvLine(i, people), CSV_HEADER)) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        long started = System.nanoTime();
        ImportJob job;
        try (InputStream in = Files.newInputStream(file)) {
            job = imports.upload(admin, RecordKind.ACTIVITIES, "bench.csv", in, source);
        }
        imports.configure(admin, job.id(), null, new ImportSettings(Map.of("externalId", "externalId", "person", "person", "type", "type",
                "occurredAt", "occurredAt", "quantity", "quantity", "accountRef", "accountRef", "dealRef", "dealRef"), Map.of(), "en-US", "iso", null, false));
        double upload = seconds(started);
        long checking = System.nanoTime();
        ImportJob checked = imports.check(admin, job.id()).get(1, TimeUnit.HOURS);
        assertThat(checked.rejectedRows()).as(String.valueOf(checked.failure())).isZero();
        double check = seconds(checking);
        long committing = System.nanoTime();
        ImportJob committed = imports.commit(admin, job.id(), false).get(1, TimeUnit.HOURS);
        assertThat(committed.createdRows()).isEqualTo(rows);
        double commit = seconds(committing);
        Files.deleteIfExists(file);
        return List.of(new Result("CSV import: commit", rows, commit), new Result("CSV import: check (dry run)", rows, check),
                new Result("CSV import: upload + check + commit", rows, upload + check + commit));
    }

    private String csvLine(int i, List<String> unused) {
        GeneratedActivity a = rows.get(i);
        return a.externalId() + "," + a.personEmail() + "," + a.type() + "," + a.occurredAt() + "," + text(a.quantity()) + ","
                + text(a.accountRef()) + "," + text(a.dealRef()) + "\n";
    }

    private String json(int i, String source, List<String> unused) {
        GeneratedActivity a = rows.get(i);
        return "{\"source\":\"" + source + "\",\"externalId\":\"" + a.externalId() + "\",\"person\":\"" + a.personEmail() + "\",\"type\":\""
                + a.type() + "\",\"occurredAt\":\"" + a.occurredAt() + "\",\"quantity\":" + a.quantity()
                + ",\"accountRef\":" + quoted(a.accountRef()) + ",\"dealRef\":" + quoted(a.dealRef()) + "}";
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private HttpRequest.Builder post(String path, String token, String contentType) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).timeout(java.time.Duration.ofHours(1));
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static InputStream lines(int rows, IntFunction<String> line, String header) {
        return GeneratedText.lines(0, rows, i -> line.apply((int) i), header);
    }
}

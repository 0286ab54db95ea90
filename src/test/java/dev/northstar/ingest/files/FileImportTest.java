package dev.northstar.ingest.files;

import dev.northstar.DemoFixture;
import dev.northstar.access.AuthenticatedPerson;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.RollupsVerified;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.ImportJob.State;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.shared.ConflictException;
import org.assertj.core.groups.Tuple;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** CSV and XLSX imports: guessing, checking (dry run), the rejection list, all-or-nothing commits, templates. */
@SpringBootTest
@AutoConfigureMockMvc
class FileImportTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";

    /** Deals created in January 2026 and closed in February, calls in March (revenue is not rolled up). */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of("2026-01", "2026-03", DemoOrganization.DEMO_COMPANY);

    @Autowired FileImports imports;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired MockMvc mvc;
    DemoFixture org;
    Viewer admin;
    String run;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        admin = directory.viewer(org.company("Demo Corp"), org.person(ADMIN)).orElseThrow();
        run = "f" + System.nanoTime();
    }

    @Test
    void aSemicolonCsvWithBomAndCrlfIsGuessedCheckedAndCommittedAllOrNothing() throws Exception {
        String csv = "\uFEFFopportunity_id;sales_agent;account;deal_stage;engage_date;close_date;close_value\r\n"
                + run + "-1;" + REP + ";Acme;Won;2026-01-05;2026-02-10;\"$22,700.00\"\r\n"
                + run + "-2;" + REP + ";\"Beta; Inc\";Prospecting;;;\r\n"
                + run + "-3;" + REP + ";Acme;Won;2026-01-05;;100\r\n"
                + run + "-4;nobody@nowhere.test;Acme;Lost;2026-01-05;2026-01-09;5\r\n"
                + run + "-1;" + REP + ";Acme;Won;2026-01-05;2026-02-10;1\r\n";
        ImportJob job = imports.upload(admin, RecordKind.DEALS, "pipeline.csv", stream(csv), "crm-" + run);
        assertThat(job.settings().columns()).containsEntry("externalId", "opportunity_id").containsEntry("owner", "sales_agent")
                .containsEntry("accountRef", "account").containsEntry("stage", "deal_stage").containsEntry("createdOn", "engage_date")
                .containsEntry("closedOn", "close_date").containsEntry("amount", "close_value");

        job = imports.check(admin, job.id()).get(60, TimeUnit.SECONDS);
        assertThat(job.state()).isEqualTo(State.CHECKED);
        assertThat(List.of(job.totalRows(), job.createdRows(), job.rejectedRows())).containsExactly(5L, 2L, 3L);
        assertThat(imports.rejections(admin, job.id(), 0, 10)).extracting(r -> r.line() + " " + r.field() + " " + r.reason())
                .containsExactly(
                        "4 closedOn is required for a deal in the Won stage (won or lost)",
                        "5 owner no person 'nobody@nowhere.test' in this company (give an e-mail address, full name or id)",
                        "6 externalId repeats line 2 (same source and external id); the first one is kept");
        assertThat(deals()).as("a check writes nothing").isZero();

        long id = job.id();
        assertThatThrownBy(() -> imports.commit(admin, id, false)).isInstanceOf(ConflictException.class).hasMessageContaining("3 rows were rejected");
        job = imports.commit(admin, id, true).get(60, TimeUnit.SECONDS);
        assertThat(job.state()).isEqualTo(State.COMMITTED);
        assertThat(deals()).isEqualTo(2);
        assertThat(jdbc.sql("select amount from deal where external_id = ?").param(run + "-1").query(java.math.BigDecimal.class).single())
                .isEqualByComparingTo("22700");
        assertThat(jdbc.sql("select account_ref from deal where external_id = ?").param(run + "-2").query(String.class).single()).isEqualTo("Beta; Inc");
    }

    @Test
    void anXlsxSheetWithDateCellsAndAConstantTypeLoadsAsActivities() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Workbook workbook = new Workbook(bytes, "test", "1.0")) {
            Worksheet sheet = workbook.newWorksheet("Calls");
            List<String> header = List.of("TASKID", "Call Start Time", "Call Owner", "Call Duration (in minutes)");
            for (int c = 0; c < header.size(); c++) sheet.value(0, c, header.get(c));
            for (int r = 1; r <= 3; r++) {
                sheet.value(r, 0, run + "-" + r);
                sheet.value(r, 1, LocalDateTime.of(2026, 3, r, 9, 30));
                sheet.style(r, 1).format("yyyy-mm-dd hh:mm").set();
                sheet.value(r, 2, REP);
                sheet.value(r, 3, r * 5);
            }
            sheet.value(4, 0, run + "-4"); // a row a spreadsheet user left half-filled
            sheet.value(4, 2, REP);
        }
        ImportJob job = imports.upload(admin, RecordKind.ACTIVITIES, "Calls.xlsx", new ByteArrayInputStream(bytes.toByteArray()), null);
        assertThat(job.source()).isEqualTo("file:calls");
        assertThat(job.settings().columns()).containsEntry("externalId", "TASKID").containsEntry("occurredAt", "Call Start Time")
                .containsEntry("person", "Call Owner").containsEntry("quantity", "Call Duration (in minutes)");
        assertThatThrownBy(() -> imports.check(admin, job.id())).hasMessageContaining("type is required");

        ImportSettings withType = new ImportSettings(job.settings().columns(), Map.of("type", "call"), "en-US", "iso", null, false);
        imports.configure(admin, job.id(), null, withType);
        ImportJob checked = imports.check(admin, job.id()).get(60, TimeUnit.SECONDS);
        assertThat(List.of(checked.totalRows(), checked.createdRows(), checked.rejectedRows())).containsExactly(4L, 3L, 1L);
        assertThat(imports.rejections(admin, job.id(), 0, 10)).extracting(FileImports.Rejection::line, FileImports.Rejection::field)
                .containsExactly(Tuple.tuple(5L, "occurredAt"));
        imports.commit(admin, job.id(), true).get(60, TimeUnit.SECONDS);
        assertThat(jdbc.sql("select string_agg(type || ' ' || quantity::int || ' ' || to_char(occurred_at at time zone 'Europe/Oslo', 'MM-DD HH24:MI'), ', ' order by external_id) from activity where external_id like ?")
                .param(run + "%").query(String.class).single()).isEqualTo("call 5 03-01 09:30, call 10 03-02 09:30, call 15 03-03 09:30");
    }

    @Test
    void germanNumbersAndDatesAreReadWithTheChosenLocaleAndATemplateRemembersTheMapping() throws Exception {
        String csv = "Kunde,Monat,MRR,Währung\n" + run + ",01.03.2026,\"1.234,50 €\",EUR\n" + run + ",15.04.2026,\"1.300,00\",EUR\n";
        ImportJob job = imports.upload(admin, RecordKind.REVENUE, "umsatz.csv", stream(csv), "finance");
        assertThat(job.settings().locale()).as("comma decimals were recognised").isEqualTo("de-DE");
        assertThat(job.settings().dateFormat()).isEqualTo("d.M.uuuu");
        ImportSettings mapping = new ImportSettings(Map.of("accountRef", "Kunde", "month", "Monat", "mrr", "MRR", "currency", "Währung"),
                Map.of(), "de-DE", "d.M.uuuu", null, false);
        imports.configure(admin, job.id(), null, mapping);
        imports.saveTemplate(admin, job.id(), "Finance export " + run);
        imports.check(admin, job.id()).get(60, TimeUnit.SECONDS);
        assertThat(imports.commit(admin, job.id(), false).get(60, TimeUnit.SECONDS).createdRows()).isEqualTo(2);
        assertThat(jdbc.sql("select string_agg(month || '=' || mrr, ' ') from revenue_line where account_ref = ?").param(run).query(String.class).single())
                .isEqualTo("2026-03-01=1234.50 2026-04-01=1300.00");

        ImportJob next = imports.upload(admin, RecordKind.REVENUE, "umsatz-april.csv", stream(csv), "finance");
        var template = imports.templates(admin, RecordKind.REVENUE).stream().filter(t -> t.name().equals("Finance export " + run)).findFirst().orElseThrow();
        ImportJob applied = imports.applyTemplate(admin, next.id(), template.id());
        assertThat(applied.settings()).isEqualTo(mapping);
        ImportJob rechecked = imports.check(admin, next.id()).get(60, TimeUnit.SECONDS);
        assertThat(rechecked.unchangedRows()).as("the same file again changes nothing").isEqualTo(2);
    }

    @Test
    void aFileImportAndItsTemplateAreAuditedAsTheAdminWhoRanThemNotTheSystem() throws Exception {
        var principal = new AuthenticatedPerson(admin.companyId(), admin.personId(), admin.email());
        SecurityContextHolder.getContext().setAuthentication(
                new UsernamePasswordAuthenticationToken(principal, null, List.of()));
        try {
            String email = run + "@people.test";
            ImportJob job = imports.upload(admin, RecordKind.PEOPLE, "people.csv", stream("name,email,team\nAudit " + run + "," + email + ",Enterprise\n"),
                    "hr-" + run);
            imports.saveTemplate(admin, job.id(), "People " + run);
            imports.check(admin, job.id()).get(60, TimeUnit.SECONDS);
            assertThat(imports.commit(admin, job.id(), false).get(60, TimeUnit.SECONDS).createdRows()).isEqualTo(1);
            assertThat(jdbc.sql("select actor_id from audit_event where area = 'person' and after ->> 'email' = ?").param(email)
                    .query(Long.class).single()).as("the import's own thread acts for the admin who started it").isEqualTo(admin.personId());
            assertThat(jdbc.sql("select actor_id from audit_event where area = 'import_template' and after ->> 'name' = ?").param("People " + run)
                    .query(Long.class).single()).isEqualTo(admin.personId());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void importsAreForCompanyAdminsAndAnUnreadableFileIsRefusedWithItsReason() throws Exception {
        mvc.perform(get("/imports").with(org.as(REP))).andExpect(status().isForbidden());
        mvc.perform(get("/imports").with(org.as(ADMIN))).andExpect(status().isOk()).andExpect(content().string(containsString("Upload a file")));
        MockMultipartFile latin1 = new MockMultipartFile("file", "old.csv", "text/csv", "name\nJos\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        mvc.perform(multipart("/imports").file(latin1).param("kind", "accounts").with(org.as(ADMIN)).with(csrf()))
                .andExpect(redirectedUrl("/imports"))
                .andExpect(flash().attribute("error", "This file cannot be read: the file is not UTF-8 text; save it as CSV UTF-8 (or XLSX) and upload it again"));
        MockMultipartFile good = new MockMultipartFile("file", "accounts.csv", "text/csv", ("account,sector\n" + run + ",software\n").getBytes(StandardCharsets.UTF_8));
        String location = mvc.perform(multipart("/imports").file(good).param("kind", "accounts").with(org.as(ADMIN)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        mvc.perform(get(location).with(org.as(ADMIN))).andExpect(status().isOk())
                .andExpect(content().string(containsString("accounts.csv")))
                .andExpect(content().string(containsString("Check the file")));
        mvc.perform(get(location).with(org.as("admin@other.northstar.dev"))).andExpect(status().isNotFound());
    }

    private long deals() {
        return jdbc.sql("select count(*) from deal where external_id like ?").param(run + "%").query(Long.class).single();
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

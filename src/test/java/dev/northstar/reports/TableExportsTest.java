package dev.northstar.reports;

import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Any page's table as CSV or XLSX, rendered as the page is for the person asking, behind the same checks. */
@SpringBootTest
@AutoConfigureMockMvc
class TableExportsTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
    }

    @Test
    void thePeopleTableDownloadsAsTheAdminSeesIt() throws Exception {
        var csv = mvc.perform(get("/organization/people?export=csv&table=0").with(org.as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", Matchers.containsString("filename=\"user-management.csv\"")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).startsWith("Name,E-mail,Team,Department,Status");
        long people = jdbc.sql("select count(*) from person where company_id = ?").param(org.company("Demo Corp")).query(Long.class).single();
        assertThat(lines).as("a heading and one line a person of Demo Corp").hasSize((int) people + 1);
        assertThat(csv).contains("rep@demo.northstar.dev").doesNotContain("admin@other.northstar.dev");
    }

    @Test
    void aTableWithNumbersAndFormulaLikeNamesDownloadsAsASheetAndACsvThatCannotRunThem() throws Exception {
        String name = "=HYPERLINK(\"http://evil.example\") " + System.nanoTime();
        mvc.perform(post("/api/v1/connectors").with(org.as(ADMIN)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name.replace("\"", "\\\"") + "\",\"kind\":\"csv_url\",\"recordKind\":\"deals\","
                                + "\"schedule\":\"@daily\",\"enabled\":false,\"settings\":{\"url\":\"http://127.0.0.1:9/x.csv\"}}"))
                .andExpect(status().isCreated());
        String csv = mvc.perform(get("/imports/connectors?export=csv&table=connectors").with(org.as(ADMIN)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElseThrow()).isEqualTo("Connector,Reads,Schedule,State,Last pull,Next pull");
        assertThat(csv).contains("\"'" + name.replace("\"", "\"\"") + "\",CSV file at an address → deals,'@daily,paused,never,—");

        byte[] sheet = mvc.perform(get("/imports/connectors?export=xlsx&table=connectors").with(org.as(ADMIN)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", Matchers.startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))
                .andReturn().getResponse().getContentAsByteArray();
        try (ReadableWorkbook book = new ReadableWorkbook(new ByteArrayInputStream(sheet))) {
            var rows = book.getFirstSheet().read();
            assertThat(rows.get(0).getCellText(0)).isEqualTo("Connector");
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.getCellText(0)).isEqualTo(name);
                assertThat(row.getCell(0).getType().name()).isEqualTo("STRING");
            });
        }
    }

    @Test
    void theTablesOfAPageOneMayNotSeeAreRefusedAsThePageIsAndAMissingTableIsNotFound() throws Exception {
        mvc.perform(get("/imports/connectors?export=csv&table=0").with(org.as(REP))).andExpect(status().isForbidden());
        mvc.perform(get("/audit?export=xlsx&table=0").with(org.as(REP))).andExpect(status().isForbidden());
        mvc.perform(get("/organization/people?export=csv&table=7").with(org.as(ADMIN))).andExpect(status().isNotFound());
        mvc.perform(get("/organization/people?export=pdf&table=0").with(org.as(ADMIN))).andExpect(status().isBadRequest());
        mvc.perform(get("/organization/people?export=csv&table=0")).andExpect(status().is3xxRedirection()); // to the login page
    }
}

package dev.northstar.accounts;

import dev.northstar.DemoFixture;
import dev.northstar.organization.DemoOrganization;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Account metrics through the API and the pages, for the demo company's roles: who sees which account and metric,
 * who may change values and targets, the history every change leaves, imports that name each wrong row and record
 * nothing, the admins' configuration and its checks, and the portfolio of each role.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccountsTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String MANAGER = "manager@demo.northstar.dev";             // manages Sales
    static final String LEAD = "lead@demo.northstar.dev";                   // leads Enterprise (Sales)
    static final String REP = "rep@demo.northstar.dev";                     // member of Enterprise
    static final String OTHER_MANAGER = "other.manager@demo.northstar.dev"; // manages Customer Success
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    String source;
    LocalDate today;

    @BeforeEach
    void setUp() throws Exception {
        org = new DemoFixture(jdbc, demo);
        source = "acct" + System.nanoTime();
        today = LocalDate.now(ZoneId.of(jdbc.sql("select time_zone from company where name = 'Demo Corp'").query(String.class).single()));
        send(ADMIN, post("/api/v1/accounts"), """
                [{"source":"%s","externalId":"rep-1","name":"Rep's customer","owner":"%s","segment":"Enterprise"},
                 {"source":"%s","externalId":"nobody-1","name":"Unowned customer"}]""".formatted(source, REP, source))
                .andExpect(status().isOk());
    }

    @Test
    void theOwnerAndThoseAboveChangeValuesAndTargetsAndEveryChangeStaysInTheHistory() throws Exception {
        long account = account("rep-1");
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":2}")
                .andExpect(status().isNoContent());
        JsonNode sentiment = metric(REP, account, "sentiment");
        assertThat(sentiment.get("formatted").asString()).isEqualTo("2 of 3");
        assertThat(sentiment.get("status").asString()).as("2 of 3 is 67 % of the target 3: amber from 60 %").isEqualTo("amber");
        assertThat(sentiment.get("editable").asBoolean()).isTrue();

        send(LEAD, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":3}")
                .andExpect(status().isNoContent());
        send(MANAGER, put("/api/v1/accounts/" + account + "/metrics/nrr/target"), "{\"target\":1.1}").andExpect(status().isNoContent());
        send(OTHER_MANAGER, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":1}")
                .andExpect(status().isForbidden());
        send(REP, put("/api/v1/accounts/" + account + "/metrics/mrr/value"), "{\"day\":\"" + today + "\",\"value\":1}")
                .andExpect(status().isBadRequest());
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":4}")
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("whole number from 1 to 3")));
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today.plusDays(1) + "\",\"value\":3}")
                .andExpect(status().isBadRequest());

        assertThat(metric(REP, account, "sentiment").get("formatted").asString()).isEqualTo("3 of 3");
        JsonNode nrr = metric(REP, account, "nrr");
        assertThat(nrr.get("target").decimalValue()).isEqualByComparingTo("1.1");
        assertThat(nrr.get("ownTarget").asBoolean()).isTrue();

        JsonNode history = json(send(REP, get("/api/v1/accounts/" + account + "/metrics/sentiment/history"), null).andExpect(status().isOk()));
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("who").asString()).as("newest first").isEqualTo(name(LEAD));
        assertThat(history.get(0).get("before").decimalValue()).isEqualByComparingTo("2");
        assertThat(history.get(0).get("after").decimalValue()).isEqualByComparingTo("3");
        assertThat(history.get(1).get("who").asString()).isEqualTo(name(REP));
        assertThat(history.get(1).get("before").isNull()).isTrue();
        JsonNode targets = json(send(REP, get("/api/v1/accounts/" + account + "/metrics/nrr/history"), null));
        assertThat(targets.get(0).get("what").asString()).isEqualTo("target");
        assertThat(targets.get(0).get("who").asString()).isEqualTo(name(MANAGER));
        assertThat(jdbc.sql("select count(*) from audit_event where area = 'account_metric_entry' and actor_id = ?").param(org.person(LEAD))
                .query(Long.class).single()).as("edited values are in the audit log too").isPositive();

        String page = send(REP, get("/accounts/" + account + "/metrics?metric=sentiment"), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Changes to Customer sentiment").contains(name(LEAD)).contains("3 of 3").contains("Record value");
    }

    @Test
    void anAccountIsSeenByItsOwnersTeamAndThoseAboveAndAMetricOnlyByItsAudience() throws Exception {
        long account = account("rep-1");
        long unowned = account("nobody-1");
        for (String who : List.of(ADMIN, MANAGER, LEAD, REP)) {
            send(who, get("/api/v1/accounts/" + account), null).andExpect(status().isOk());
        }
        send(OTHER_MANAGER, get("/api/v1/accounts/" + account), null).andExpect(status().isForbidden());
        send(OTHER_MANAGER, get("/accounts/" + account), null).andExpect(status().isForbidden());
        send(REP, get("/api/v1/accounts/" + unowned), null).andExpect(status().isForbidden());
        send(ADMIN, get("/api/v1/accounts/" + unowned), null).andExpect(status().isOk());
        send("admin@other.northstar.dev", get("/api/v1/accounts/" + account), null).andExpect(status().isNotFound());

        String key = "risk_" + source.substring(4);
        send(ADMIN, post("/api/v1/accounts/metrics"), """
                {"key":"%s","name":"Renewal risk %s","display":"number","viewRole":"managers","editRole":"managers","target":1,
                 "direction":"lower_is_better"}""".formatted(key, source)).andExpect(status().isCreated());
        assertThat(metricOrNull(REP, account, key)).as("a managers' metric is hidden from the owner").isNull();
        assertThat(metricOrNull(LEAD, account, key)).isNotNull();
        send(ADMIN, post("/api/v1/accounts"), "[{\"source\":\"%s\",\"externalId\":\"lead-1\",\"name\":\"Lead's own\",\"owner\":\"%s\"}]"
                .formatted(source, LEAD)).andExpect(status().isOk());
        assertThat(metricOrNull(LEAD, account("lead-1"), key)).as("nobody is above themselves, a lead on their own account neither").isNull();
        assertThat(metricOrNull(MANAGER, account("lead-1"), key)).isNotNull();
        send(REP, put("/api/v1/accounts/" + account + "/metrics/" + key + "/value"), "{\"day\":\"" + today + "\",\"value\":2}")
                .andExpect(status().isForbidden());
        send(LEAD, put("/api/v1/accounts/" + account + "/metrics/" + key + "/value"), "{\"day\":\"" + today + "\",\"value\":2}")
                .andExpect(status().isNoContent());
        assertThat(metric(MANAGER, account, key).get("status").asString()).as("2 is 200 % of a lower-is-better target 1: red above 120 %")
                .isEqualTo("red");

        JsonNode repPortfolio = json(send(REP, get("/api/v1/accounts?segment=Enterprise"), null).andExpect(status().isOk()));
        List<String> names = new ArrayList<>();
        repPortfolio.get("rows").forEach(r -> names.add(r.get("account").get("name").asString()));
        assertThat(names).contains("Rep's customer").doesNotContain("Unowned customer");
        JsonNode otherPortfolio = json(send(OTHER_MANAGER, get("/api/v1/accounts?segment=Enterprise"), null));
        otherPortfolio.get("rows").forEach(r -> assertThat(r.get("account").get("ownerId").asLong()).isNotEqualTo(org.person(REP)));
        send(REP, get("/api/v1/accounts?sort=" + key), null).andExpect(status().isBadRequest());
        send(REP, post("/api/v1/accounts/metrics"), "{\"key\":\"nope\",\"name\":\"Nope\"}").andExpect(status().isForbidden());
        send(ADMIN, put("/api/v1/accounts/metrics/" + key), "{\"viewRole\":\"everyone\"}").andExpect(status().isOk());
        assertThat(metricOrNull(REP, account, key)).isNotNull();
    }

    @Test
    void anImportNamesEveryWrongRowAndRecordsNothingUntilAllAreRight() throws Exception {
        long account = account("rep-1");
        JsonNode refused = json(send(ADMIN, post("/api/v1/accounts/metric-values"), """
                [{"account":"rep-1","source":"%1$s","metric":"sentiment","day":"%2$s","value":"3"},
                 {"account":"missing-9","source":"%1$s","metric":"sentiment","day":"%2$s","value":"2"},
                 {"account":"rep-1","source":"%1$s","metric":"no_such_metric","day":"%2$s","value":"2"},
                 {"account":"rep-1","source":"%1$s","metric":"mrr","day":"%2$s","value":"2"},
                 {"account":"rep-1","source":"%1$s","metric":"sentiment","day":"31/12/2025","value":"2"},
                 {"account":"rep-1","source":"%1$s","metric":"sentiment","day":"%2$s","value":"lots"}]"""
                .formatted(source, today)).andExpect(status().isOk()));
        assertThat(refused.get("recorded").asInt()).isZero();
        List<String> errors = new ArrayList<>();
        refused.get("errors").forEach(e -> errors.add(e.get("row").asInt() + " " + e.get("field").asString() + ": " + e.get("reason").asString()));
        assertThat(errors).containsExactly(
                "2 account: is not an account of this company from " + source,
                "3 metric: is not an account metric of this company",
                "4 metric: is computed from the records; only entered metrics take values",
                "5 day: is not a date written 2026-03-31",
                "6 value: is not a number (write 1234.5; a percentage as 95 or 95%)");
        assertThat(history(account, "sentiment")).as("nothing of the good row either").isEmpty();

        MockMultipartFile file = new MockMultipartFile("file", "values.csv", "text/csv",
                ("account,source,metric,day,value\nrep-1," + source + ",sentiment," + today.minusDays(3) + ",1\nrep-1," + source
                        + ",sentiment," + today + ",3\n").getBytes(StandardCharsets.UTF_8));
        String page = mvc.perform(multipart("/accounts/settings/import").file(file).with(org.as(ADMIN)).with(csrf()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("2 values recorded from values.csv");
        assertThat(history(account, "sentiment")).hasSize(2);
        JsonNode lastUpdate = json(send(ADMIN, get("/api/v1/accounts/" + account + "?compare=last-update"), null));
        JsonNode sentiment = find(lastUpdate.get("metrics"), "sentiment");
        assertThat(sentiment.get("previous").decimalValue()).as("against the value before the last update").isEqualByComparingTo("1");
        assertThat(sentiment.get("change").decimalValue()).isEqualByComparingTo("2");

        MockMultipartFile bad = new MockMultipartFile("file", "bad.csv", "text/csv",
                ("metric,account,value,day,source\nsentiment,rep-1,9," + today + "," + source + "\n").getBytes(StandardCharsets.UTF_8));
        String refusedPage = mvc.perform(multipart("/accounts/settings/import").file(bad).with(org.as(ADMIN)).with(csrf()))
                .andReturn().getResponse().getContentAsString();
        assertThat(refusedPage).contains("Nothing recorded: 1 problems in bad.csv").contains("whole number from 1 to 3");
        mvc.perform(multipart("/accounts/settings/import").file(bad).with(org.as(REP)).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void adminsConfigureMetricsWithCheckedFieldsAndTheTopFourAndFormulaChangeThePages() throws Exception {
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"Bad Key\",\"name\":\"x\"}").andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("key")));
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"k" + source + "\",\"name\":\"x\",\"greenAt\":80,\"amberAt\":90}")
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("amberAt")));
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"k" + source + "\",\"name\":\"x\",\"measure\":\"nrr\",\"display\":\"rank\"}")
                .andExpect(status().isBadRequest());
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"k" + source + "\",\"name\":\"x\",\"greenColour\":\"red\"}")
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("greenColour")));
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"mrr\",\"name\":\"Again\"}").andExpect(status().isConflict());
        send(ADMIN, put("/api/v1/accounts/health-formula"), "{\"greenPoints\":100,\"amberPoints\":50,\"redPoints\":0,\"healthyFrom\":30,\"watchFrom\":60}")
                .andExpect(status().isBadRequest());

        String key = "k" + source;
        send(ADMIN, post("/api/v1/accounts/metrics"), "{\"key\":\"" + key + "\",\"name\":\"Adoption " + source + "\",\"display\":\"percent\","
                + "\"target\":0.8,\"topPosition\":4,\"healthWeight\":5}").andExpect(status().isCreated());
        JsonNode catalog = json(send(REP, get("/api/v1/accounts/metrics"), null).andExpect(status().isOk()));
        List<String> fourth = new ArrayList<>();
        catalog.get("metrics").forEach(m -> {
            if (m.get("topPosition").asInt() == 4) fourth.add(m.get("key").asString());
        });
        assertThat(fourth).as("taking a place frees it").containsExactly(key);
        long account = account("rep-1");
        send(REP, put("/api/v1/accounts/" + account + "/metrics/" + key + "/value"), "{\"day\":\"" + today + "\",\"value\":0.4}")
                .andExpect(status().isNoContent());
        JsonNode details = json(send(REP, get("/api/v1/accounts/" + account), null));
        assertThat(details.get("top").get(3).get("key").asString()).isEqualTo(key);
        assertThat(details.get("top").get(3).get("formatted").asString()).isEqualTo("40 %");
        assertThat(details.get("health").get("formula").asString()).contains("weighted");
        String summary = send(REP, get("/accounts/" + account), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(summary).contains("Adoption " + source).contains("Health score").contains("View metric details");
        send(ADMIN, put("/api/v1/accounts/metrics/sentiment"), "{\"topPosition\":4}").andExpect(status().isOk()); // back as it was
        send(ADMIN, delete("/api/v1/accounts/metrics/" + key), null)
                .andExpect(status().isNoContent());
    }

    @Test
    void aPersonSavesViewsOfTheirOwnAndThePortfolioPageFiltersAndSorts() throws Exception {
        mvc.perform(post("/accounts/views").with(org.as(REP)).with(csrf()).param("viewOf", "portfolio").param("name", "Enterprise by health")
                        .param("back", "/accounts").param("segment", "Enterprise").param("sort", "health").param("page", "3"))
                .andExpect(status().is3xxRedirection());
        String portfolio = send(REP, get("/accounts"), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(portfolio).contains("Enterprise by health").contains("/accounts?segment=Enterprise&amp;sort=health\"");
        assertThat(send(LEAD, get("/accounts"), null).andReturn().getResponse().getContentAsString()).doesNotContain("Enterprise by health");
        String sorted = send(REP, get("/accounts?segment=Enterprise&sort=name"), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(sorted).contains("Rep&#39;s customer").contains("aria-sort=\"ascending\"");
        send(REP, get("/accounts?sort=nonsense"), null).andExpect(status().isBadRequest());

        JsonNode saved = json(send(REP, post("/api/v1/accounts/views"), """
                {"page":"details","name":"Revenue only","filters":{"family":["1","2"],"show":["last-update"],"password":["x"]}}""")
                .andExpect(status().isCreated()));
        assertThat(saved.get("query").asString()).isEqualTo("?family=1&family=2&show=last-update");
        JsonNode mine = json(send(REP, get("/api/v1/accounts/views?page=details"), null).andExpect(status().isOk()));
        assertThat(mine.toString()).contains("Revenue only");
        send(LEAD, delete("/api/v1/accounts/views/" + saved.get("id").asLong()), null).andExpect(status().isNotFound());
        send(REP, delete("/api/v1/accounts/views/" + saved.get("id").asLong()), null).andExpect(status().isNoContent());
        send(REP, post("/api/v1/accounts/views"), "{\"page\":\"elsewhere\",\"name\":\"x\"}").andExpect(status().isBadRequest());
    }

    @Test
    void reportsAreTheSameTemplateAsHtmlPdfCsvAndXlsxForWhoeverMaySeeTheAccounts() throws Exception {
        long account = account("rep-1");
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":3}")
                .andExpect(status().isNoContent());
        String html = send(REP, get("/accounts/" + account + "/report"), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("Rep&#39;s customer: metric detail report").contains("3 of 3").contains("report.pdf");

        var pdf = send(REP, get("/accounts/" + account + "/report.pdf"), null).andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF)).andReturn().getResponse();
        assertThat(pdf.getHeader("Content-Disposition")).contains("attachment").contains(".pdf");
        String text = pdfText(pdf.getContentAsByteArray());
        assertThat(text).contains("Rep's customer: metric detail report").contains("Customer sentiment").contains("3 of 3")
                .contains(name(REP)).contains("Health score");
        send(OTHER_MANAGER, get("/accounts/" + account + "/report.pdf"), null).andExpect(status().isForbidden());
        send("admin@other.northstar.dev", get("/accounts/" + account + "/report.pdf"), null).andExpect(status().isNotFound());

        String csv = send(REP, get("/accounts/" + account + "/report?export=csv&table=report-metrics"), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(csv).startsWith("Family,Metric,Value,Status,Target").contains("Engagement,Customer sentiment,3,On track");
        send(REP, get("/accounts/" + account + "/report?export=xlsx&table=report-metrics"), null).andExpect(status().isOk());

        String portfolio = pdfText(send(REP, get("/accounts/report.pdf?segment=Enterprise&sort=name"), null).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray());
        assertThat(portfolio).contains("Portfolio report").contains("Rep's customer").doesNotContain("Unowned customer");
        String portfolioCsv = send(OTHER_MANAGER, get("/accounts/report?segment=Enterprise&export=csv&table=report-accounts"), null)
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(portfolioCsv).startsWith("Account,Owner,Segment,Health,Band").doesNotContain("Rep's customer");
    }

    private static String pdfText(byte[] pdf) throws Exception {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void thePortfolioShowsAnEditAtOnceNewRevenueAfterItsRefreshAndAPastDayAsItWas() throws Exception {
        long account = account("rep-1");
        String name = "Rep's customer";
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today.minusDays(10) + "\",\"value\":1}")
                .andExpect(status().isNoContent());
        assertThat(portfolioCell(REP, name, "sentiment", null)).isEqualTo("1 of 3");
        send(REP, put("/api/v1/accounts/" + account + "/metrics/sentiment/value"), "{\"day\":\"" + today + "\",\"value\":3}")
                .andExpect(status().isNoContent());
        assertThat(portfolioCell(REP, name, "sentiment", null)).as("an edit shows at once").isEqualTo("3 of 3");
        assertThat(portfolioCell(REP, name, "sentiment", today.minusDays(5))).as("as it was five days ago").isEqualTo("1 of 3");

        send(ADMIN, post("/api/v1/revenue"), """
                [{"source":"%1$s","accountRef":"rep-1","month":"%2$s","mrr":1234,"currency":"USD"}]"""
                .formatted(source, today.withDayOfMonth(1).toString().substring(0, 7))).andExpect(status().isOk());
        String mrr = null;
        for (int i = 0; i < 100 && !"1,234 USD".equals(mrr); i++) {
            Thread.sleep(100);
            mrr = portfolioCell(REP, name, "mrr", null);
        }
        assertThat(mrr).as("recurring revenue shows once today's measures are refreshed").isEqualTo("1,234 USD");
    }

    @Test
    void whatAMetricsAudienceMayNotSeeStaysHiddenInRetentionHealthAndImports() throws Exception {
        long account = account("rep-1");
        String key = "hidden_" + source.substring(4);
        send(ADMIN, post("/api/v1/accounts/metrics"), """
                {"key":"%s","name":"Hidden %s","viewRole":"admins","editRole":"admins","target":1,"healthWeight":5}"""
                .formatted(key, source)).andExpect(status().isCreated());
        try {
            send(ADMIN, put("/api/v1/accounts/" + account + "/metrics/" + key + "/value"), "{\"day\":\"" + today + "\",\"value\":0}")
                    .andExpect(status().isNoContent());
            JsonNode parts = json(send(REP, get("/api/v1/accounts/" + account), null)).get("health").get("parts");
            List<String> names = new ArrayList<>();
            parts.forEach(p -> names.add(p.get("metric").asString()));
            assertThat(names).contains("Metrics you may not see").doesNotContain("Hidden " + source);
            JsonNode hidden = parts.get(names.indexOf("Metrics you may not see"));
            assertThat(hidden.get("status").isNull()).as("its status is not shown").isTrue();
            assertThat(hidden.get("weight").asInt()).isEqualTo(5);
            String adminParts = json(send(ADMIN, get("/api/v1/accounts/" + account), null)).get("health").get("parts").toString();
            assertThat(adminParts).contains("Hidden " + source).contains("RED");

            send(ADMIN, put("/api/v1/accounts/metrics/mrr"), "{\"viewRole\":\"admins\"}").andExpect(status().isOk());
            assertThat(json(send(REP, get("/api/v1/accounts"), null)).get("retention").isNull()).as("MRR is the admins' now").isTrue();
            assertThat(json(send(ADMIN, get("/api/v1/accounts"), null)).get("retention").get("mrr").isNull()).isFalse();
            assertThat(send(REP, get("/accounts"), null).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                    .doesNotContain("net revenue retention");

            JsonNode refused = json(send(REP, post("/api/v1/accounts/metric-values?dryRun=true"), """
                    [{"account":"nobody-1","source":"%1$s","metric":"sentiment","day":"%2$s","value":"2"},
                     {"account":"rep-1","source":"%1$s","metric":"%3$s","day":"%2$s","value":"2"}]""".formatted(source, today, key)));
            assertThat(refused.get("errors").get(0).get("reason").asString()).as("an account one may not see is not there")
                    .isEqualTo("is not an account of this company from " + source);
            assertThat(refused.get("errors").get(1).get("field").asString()).isEqualTo("metric");
            assertThat(refused.get("errors").get(1).get("reason").asString()).contains("is for company admins");
        } finally {
            send(ADMIN, put("/api/v1/accounts/metrics/mrr"), "{\"viewRole\":\"everyone\"}").andExpect(status().isOk());
            send(ADMIN, delete("/api/v1/accounts/metrics/" + key), null).andExpect(status().isNoContent());
        }
    }

    @Test
    void aPercentageIsImportedInPercentAndTheFormClearsATargetAndAFamily() throws Exception {
        long account = account("rep-1");
        String key = "adopt_" + source.substring(4);
        send(ADMIN, post("/api/v1/accounts/metrics"), """
                {"key":"%s","name":"Adoption %s","display":"percent","target":0.8,"familyId":%d}"""
                .formatted(key, source, jdbc.sql("select min(f.id) from account_metric_family f join company c on c.id = f.company_id where c.name = 'Demo Corp'")
                        .query(Long.class).single())).andExpect(status().isCreated());
        try {
            JsonNode imported = json(send(ADMIN, post("/api/v1/accounts/metric-values"), """
                    [{"account":"rep-1","source":"%1$s","metric":"%3$s","day":"%2$s","value":"95"},
                     {"account":"rep-1","source":"%1$s","metric":"sentiment","day":"%2$s","value":"2%%"}]""".formatted(source, today, key)));
            assertThat(imported.get("errors").get(0).get("reason").asString()).isEqualTo("is a percentage, but Customer sentiment is not one");
            send(ADMIN, post("/api/v1/accounts/metric-values"), """
                    [{"account":"rep-1","source":"%1$s","metric":"%3$s","day":"%2$s","value":"95"},
                     {"account":"rep-1","source":"%1$s","metric":"%3$s","day":"%4$s","value":"90%%"}]"""
                    .formatted(source, today, key, today.minusDays(1))).andExpect(status().isOk());
            assertThat(metric(REP, account, key).get("value").decimalValue()).isEqualByComparingTo("0.95");
            assertThat(metric(REP, account, key).get("formatted").asString()).isEqualTo("95 %");

            mvc.perform(post("/accounts/settings/metrics/" + key).with(org.as(ADMIN)).with(csrf()).param("name", "Adoption " + source)
                    .param("display", "percent").param("measure", "entered").param("target", "").param("familyId", ""))
                    .andExpect(status().is3xxRedirection());
            JsonNode saved = null;
            for (JsonNode m : json(send(ADMIN, get("/api/v1/accounts/metrics"), null)).get("metrics")) {
                if (m.get("key").asString().equals(key)) saved = m;
            }
            assertThat(saved.get("target").isNull()).as("a blank target on the form removes it").isTrue();
            assertThat(saved.get("familyId").isNull()).as("Other takes it out of its family").isTrue();
        } finally {
            send(ADMIN, delete("/api/v1/accounts/metrics/" + key), null).andExpect(status().isNoContent());
        }
    }

    /** The formatted top metric of the named account in the person's portfolio (today, or as of a day). */
    private String portfolioCell(String who, String accountName, String key, LocalDate asOf) throws Exception {
        JsonNode portfolio = json(send(who, get("/api/v1/accounts?sort=name&segment=Enterprise" + (asOf == null ? "" : "&asOf=" + asOf)), null)
                .andExpect(status().isOk()));
        for (JsonNode row : portfolio.get("rows")) {
            if (row.get("account").get("name").asString().equals(accountName) && row.get("account").get("externalId").asString().equals("rep-1")
                    && row.get("account").get("source").asString().equals(source)) {
                return find(row.get("top"), key).get("formatted").asString();
            }
        }
        throw new AssertionError(accountName + " is not in " + who + "'s portfolio");
    }

    private long account(String externalId) {
        return jdbc.sql("select id from account where source = ? and external_id = ?").params(source, externalId).query(Long.class).single();
    }

    private List<Long> history(long account, String key) {
        return jdbc.sql("select e.id from account_metric_entry e join account_metric m on m.id = e.metric_id where e.account_id = ? and m.key = ?")
                .params(account, key).query(Long.class).list();
    }

    private String name(String email) {
        return jdbc.sql("select display_name from person where email = ?").param(email).query(String.class).single();
    }

    private JsonNode metric(String who, long account, String key) throws Exception {
        JsonNode found = metricOrNull(who, account, key);
        assertThat(found).as(key + " as " + who).isNotNull();
        return found;
    }

    private JsonNode metricOrNull(String who, long account, String key) throws Exception {
        return find(json(send(who, get("/api/v1/accounts/" + account), null).andExpect(status().isOk())).get("metrics"), key);
    }

    private static JsonNode find(JsonNode metrics, String key) {
        for (JsonNode m : metrics) {
            if (m.get("key").asString().equals(key)) {
                return m;
            }
        }
        return null;
    }

    private ResultActions send(String who, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(org.as(who)).with(csrf()));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }
}

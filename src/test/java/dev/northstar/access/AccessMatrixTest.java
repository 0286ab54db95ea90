package dev.northstar.access;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.DemoFixture;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.ingest.PipelineStages;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.files.FileImports;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every API endpoint and every page, for each demo role, against a resource in the caller's scope, one out
 * of scope in the same company, and one in the other company, with the expected status of each.
 * Another company's resources are never found (404), so that their existence is not revealed.
 */
@SpringBootTest
@AutoConfigureMockMvc
class AccessMatrixTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String MANAGER = "manager@demo.northstar.dev";            // manages Sales
    static final String LEAD = "lead@demo.northstar.dev";                  // leads Enterprise (Sales)
    static final String REP = "rep@demo.northstar.dev";                    // member of Enterprise
    static final String OTHER_MANAGER = "other.manager@demo.northstar.dev"; // manages Customer Success
    static final List<String> ROLES = List.of(ADMIN, MANAGER, LEAD, REP, OTHER_MANAGER);
    static final String OTHER_COMPANY_ADMIN = "admin@other.northstar.dev"; // owns the other company's resources
    static final String MATRIX_METRIC = "matrix_metric";                  // exists in Demo Corp only
    static final String OTHER_COMPANY_METRIC = "matrix_other_company";    // exists in Other Inc only
    static final String MATRIX_DEFINITION = "{\"name\":\"Matrix\",\"kind\":\"primary\",\"unit\":\"count\",\"direction\":\"higher_is_better\","
            + "\"formula\":{\"type\":\"manual\"}}";
    static final byte[] CSV = "id,person,type,when\nm-1,rep@demo.northstar.dev,call,2026-05-04T09:00\n".getBytes(StandardCharsets.UTF_8);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired PipelineStages pipeline;
    @Autowired FileImports imports;
    @Autowired OrganizationDirectory directory;
    @Autowired MetricCatalog catalog;

    DemoFixture org;
    long sales, success, otherSales, enterprise, midMarket, onboarding, fieldSales;
    long enterpriseMember, midMarketMember, onboardingMember, otherMember;

    @BeforeEach
    void demoCompanies() {
        org = new DemoFixture(jdbc, demo);
        sales = org.department("Demo Corp", "Sales");
        success = org.department("Demo Corp", "Customer Success");
        otherSales = org.department("Other Inc", "Sales");
        enterprise = org.team("Demo Corp", "Enterprise");
        midMarket = org.team("Demo Corp", "Mid-Market");
        onboarding = org.team("Demo Corp", "Onboarding");
        fieldSales = org.team("Other Inc", "Field Sales");
        enterpriseMember = org.memberOf(enterprise);
        midMarketMember = org.memberOf(midMarket);
        onboardingMember = org.memberOf(onboarding);
        otherMember = org.memberOf(fieldSales);
        metric(ADMIN, MATRIX_METRIC);
        metric(OTHER_COMPANY_ADMIN, OTHER_COMPANY_METRIC);
    }

    /** One row: a request (its body of the given type), and the status expected for each role in ROLES order. */
    record Case(HttpMethod method, String path, String body, MediaType type, int[] expected) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void expect(HttpMethod method, String path, String body, int admin, int manager, int lead, int rep, int otherManager) {
        cases.add(new Case(method, path, body, MediaType.APPLICATION_JSON, new int[]{admin, manager, lead, rep, otherManager}));
    }

    private void expectYaml(HttpMethod method, String path, String body, int admin, int manager, int lead, int rep, int otherManager) {
        cases.add(new Case(method, path, body, MediaType.parseMediaType("application/yaml"), new int[]{admin, manager, lead, rep, otherManager}));
    }

    private void get(String path, int admin, int manager, int lead, int rep, int otherManager) {
        expect(HttpMethod.GET, path, null, admin, manager, lead, rep, otherManager);
    }

    private void allGet(String path, int status) {
        get(path, status, status, status, status, status);
    }

    private List<Case> apiCases() throws Exception {
        cases.clear();
        allGet("/api/v1/me", 200);
        allGet("/api/v1/company", 200);
        allGet("/api/v1/company/roles", 200);
        allGet("/api/v1/departments", 200);
        allGet("/api/v1/teams", 200);
        allGet("/api/v1/people", 200);
        allGet("/api/v1/tokens", 200);
        // departments: in scope for their managers, out of scope for others, other company never found
        get("/api/v1/departments/" + sales, 200, 200, 403, 403, 403);
        get("/api/v1/departments/" + success, 200, 403, 403, 403, 200);
        allGet("/api/v1/departments/" + otherSales, 404);
        // teams: members, leads and the department's managers see a team
        get("/api/v1/teams/" + enterprise, 200, 200, 200, 200, 403);
        get("/api/v1/teams/" + midMarket, 200, 200, 403, 403, 403);
        get("/api/v1/teams/" + onboarding, 200, 403, 403, 403, 200);
        allGet("/api/v1/teams/" + fieldSales, 404);
        get("/api/v1/teams/" + enterprise + "/memberships", 200, 200, 200, 200, 403);
        get("/api/v1/teams/" + midMarket + "/memberships", 200, 200, 403, 403, 403);
        allGet("/api/v1/teams/" + fieldSales + "/memberships", 404);
        // people
        get("/api/v1/people/" + enterpriseMember, 200, 200, 200, 200, 403);
        get("/api/v1/people/" + midMarketMember, 200, 200, 403, 403, 403);
        get("/api/v1/people/" + onboardingMember, 200, 403, 403, 403, 200);
        allGet("/api/v1/people/" + otherMember, 404);
        get("/api/v1/memberships?personId=" + enterpriseMember, 200, 200, 200, 200, 403);
        get("/api/v1/memberships?personId=" + midMarketMember, 200, 200, 403, 403, 403);
        allGet("/api/v1/memberships?personId=" + otherMember, 404);
        get("/api/v1/memberships?teamId=" + onboarding, 200, 403, 403, 403, 200);
        // configuration is for company admins, even inside one's own scope
        expect(HttpMethod.PUT, "/api/v1/company", "{\"name\":\"Demo Corp\",\"timeZone\":\"Europe/Oslo\",\"currency\":\"USD\",\"fiscalYearStartMonth\":1,\"weekStartDay\":1}",
                200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/departments", "{\"name\":\"New department %s\"}", 201, 403, 403, 403, 403);
        expect(HttpMethod.PATCH, "/api/v1/departments/" + sales, "{\"name\":\"Sales\"}", 200, 403, 403, 403, 403);
        expect(HttpMethod.PATCH, "/api/v1/departments/" + otherSales, "{\"name\":\"Sales\"}", 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/api/v1/teams", "{\"name\":\"New team %s\",\"departmentId\":" + sales + "}", 201, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/teams", "{\"name\":\"New team %s\",\"departmentId\":" + otherSales + "}", 404, 404, 404, 404, 404);
        expect(HttpMethod.PATCH, "/api/v1/teams/" + enterprise, "{\"name\":\"Enterprise\"}", 200, 403, 403, 403, 403);
        expect(HttpMethod.PATCH, "/api/v1/teams/" + fieldSales, "{\"name\":\"Field Sales\"}", 404, 404, 404, 404, 404);
        expect(HttpMethod.DELETE, "/api/v1/teams/{scratchTeam}", null, 204, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/teams/" + fieldSales, null, 404, 404, 404, 404, 404);
        expect(HttpMethod.DELETE, "/api/v1/departments/{scratchDepartment}", null, 204, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/people", "{\"email\":\"new.%s@demo.northstar.dev\",\"displayName\":\"New Person\"}", 201, 403, 403, 403, 403);
        expect(HttpMethod.PATCH, "/api/v1/people/" + enterpriseMember, "{}", 200, 403, 403, 403, 403);
        expect(HttpMethod.PATCH, "/api/v1/people/" + otherMember, "{}", 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/api/v1/memberships", "{\"personId\":{scratchPerson},\"teamId\":" + enterprise + "}", 201, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/memberships", "{\"personId\":" + otherMember + ",\"teamId\":" + fieldSales + "}", 404, 404, 404, 404, 404);
        expect(HttpMethod.PUT, "/api/v1/departments/" + sales + "/managers/" + org.person(MANAGER), null, 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/teams/" + enterprise + "/leads/" + org.person(LEAD), null, 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/company/admins/" + org.person(ADMIN), null, 200, 403, 403, 403, 403);
        // activities: read within scope; types are configured by admins; a batch answers per record (ActivitiesApiTest)
        allGet("/api/v1/activity-types", 200);
        expect(HttpMethod.POST, "/api/v1/activity-types", "{\"key\":\"type_%s\",\"name\":\"Custom\"}", 201, 403, 403, 403, 403);
        get("/api/v1/activities?personId=" + enterpriseMember, 200, 200, 200, 200, 403);
        get("/api/v1/activities?personId=" + midMarketMember, 200, 200, 403, 403, 403);
        allGet("/api/v1/activities?personId=" + otherMember, 404);
        expect(HttpMethod.POST, "/api/v1/activities", "[]", 200, 200, 200, 200, 200);
        // deals and accounts: anyone may send a batch, the ingest decides per record whom it may record for
        // (RecordsApiTest); an empty batch probes the endpoint's own access. Revenue belongs to no person: admins only.
        expect(HttpMethod.POST, "/api/v1/deals", "[]", 200, 200, 200, 200, 200);
        expect(HttpMethod.POST, "/api/v1/accounts", "[]", 200, 200, 200, 200, 200);
        expect(HttpMethod.POST, "/api/v1/revenue", "[]", 200, 403, 403, 403, 403);
        // people import loads a whole organization: company admins only, even when there is nothing in it
        expect(HttpMethod.POST, "/api/v1/people/batch", "[]", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/people/batch?dryRun=true", "[]", 200, 403, 403, 403, 403);
        // the pipeline: deals name its stages, so everyone reads it; admins replace it (here with itself, a no-op)
        allGet("/api/v1/pipeline-stages", 200);
        expect(HttpMethod.PUT, "/api/v1/pipeline-stages", currentPipelineAsJson(), 200, 403, 403, 403, 403);
        // a deal is visible to whoever may see its owner; another company's deal is not found
        get("/api/v1/deals/" + deal(ADMIN, email(enterpriseMember)), 200, 200, 200, 200, 403);
        get("/api/v1/deals/" + deal(ADMIN, email(midMarketMember)), 200, 200, 403, 403, 403);
        get("/api/v1/deals/" + deal(ADMIN, email(onboardingMember)), 200, 403, 403, 403, 200);
        allGet("/api/v1/deals/" + deal(OTHER_COMPANY_ADMIN, email(otherMember)), 404);
        // the types a team logs: read by whoever sees the team, chosen by company admins (ActivityLoggerTest)
        get("/api/v1/teams/" + enterprise + "/activity-types", 200, 200, 200, 200, 403);
        get("/api/v1/teams/" + midMarket + "/activity-types", 200, 200, 403, 403, 403);
        allGet("/api/v1/teams/" + fieldSales + "/activity-types", 404);
        expect(HttpMethod.PUT, "/api/v1/teams/{scratchTeam}/activity-types", "[\"call\"]", 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/teams/" + fieldSales + "/activity-types", "[]", 404, 404, 404, 404, 404);
        // webhook sources are company data: admins set them up; another company's are not found (WebhookTest)
        get("/api/v1/webhook-sources", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/webhook-sources", "{\"name\":\"matrix %s\"}", 201, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/webhook-sources/{ownWebhook}", null, 204, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/webhook-sources/{otherCompanyWebhook}", null, 404, 404, 404, 404, 404);
        // metric definitions: everyone in the company reads them, company admins change them; another company's are not found
        allGet("/api/v1/metrics", 200);
        allGet("/api/v1/metrics/" + MATRIX_METRIC, 200);
        allGet("/api/v1/metrics/" + MATRIX_METRIC + "/history", 200);
        allGet("/api/v1/metrics/" + OTHER_COMPANY_METRIC, 404);
        allGet("/api/v1/metrics/" + OTHER_COMPANY_METRIC + "/history", 404);
        allGet("/api/v1/metrics/export", 200);
        expect(HttpMethod.PUT, "/api/v1/metrics/" + MATRIX_METRIC, MATRIX_DEFINITION, 200, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/metrics/matrix_scratch_{scratchMetric}", null, 204, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/metrics/" + OTHER_COMPANY_METRIC, null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/metrics/library", null, 200, 403, 403, 403, 403);
        expectYaml(HttpMethod.POST, "/api/v1/metrics/import?dryRun=true", "metrics: []\n", 200, 403, 403, 403, 403);
        // key metric levels: read by whoever sees the scope; the company's chosen by admins, a department's and its
        // teams' also by the department's managers
        String levels = "/key-metric-levels";
        allGet("/api/v1/scopes/company" + levels, 200);
        get("/api/v1/scopes/department:" + sales + levels, 200, 200, 403, 403, 403);
        get("/api/v1/scopes/department:" + success + levels, 200, 403, 403, 403, 200);
        allGet("/api/v1/scopes/department:" + otherSales + levels, 404);
        get("/api/v1/scopes/team:" + enterprise + levels, 200, 200, 200, 200, 403);
        get("/api/v1/scopes/team:" + onboarding + levels, 200, 403, 403, 403, 200);
        allGet("/api/v1/scopes/team:" + fieldSales + levels, 404);
        get("/api/v1/scopes/person:" + enterpriseMember + levels, 200, 200, 200, 200, 403);
        allGet("/api/v1/scopes/person:" + otherMember + levels, 404);
        String add = "{\"mode\":\"add\"}";
        expect(HttpMethod.PUT, "/api/v1/scopes/company" + levels + "/" + MATRIX_METRIC, add, 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/scopes/department:" + sales + levels + "/" + MATRIX_METRIC, add, 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/scopes/team:" + enterprise + levels + "/" + MATRIX_METRIC, add, 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/scopes/team:" + onboarding + levels + "/" + MATRIX_METRIC, add, 200, 403, 403, 403, 200);
        expect(HttpMethod.PUT, "/api/v1/scopes/team:" + fieldSales + levels + "/" + MATRIX_METRIC, add, 404, 404, 404, 404, 404);
        expect(HttpMethod.DELETE, "/api/v1/scopes/team:" + enterprise + levels + "/" + MATRIX_METRIC, null, 200, 200, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/scopes/department:" + otherSales + levels + "/" + MATRIX_METRIC, null, 404, 404, 404, 404, 404);
        allGet("/api/v1/tracking-frequencies", 200);
        expect(HttpMethod.PUT, "/api/v1/tracking-frequencies", "{}", 200, 403, 403, 403, 403);
        // metric values: a scope is read as it is seen; another company's scope or metric is not found
        String values = "/api/v1/metrics/deals_won/";
        for (String what : List.of("values", "breakdown", "leaderboard")) {
            allGet(values + what + "?period=2026-04", 200);
            get(values + what + "?period=2026-04&scope=department:" + sales, 200, 200, 403, 403, 403);
            get(values + what + "?period=2026-04&scope=team:" + enterprise, 200, 200, 200, 200, 403);
            get(values + what + "?period=2026-04&scope=team:" + onboarding, 200, 403, 403, 403, 200);
            allGet(values + what + "?period=2026-04&scope=team:" + fieldSales, 404);
        }
        get(values + "values?period=2026-04&scope=person:" + midMarketMember, 200, 200, 403, 403, 403);
        allGet(values + "values?period=2026-04&scope=person:" + otherMember, 404);
        get(values + "series?periods=2&scope=team:" + enterprise, 200, 200, 200, 200, 403);
        allGet("/api/v1/metrics/" + OTHER_COMPANY_METRIC + "/values?period=2026-04", 404);
        // the records behind a number name people: the company's for admins, a unit's for whoever sees the unit
        get(values + "records?period=2026-04", 200, 403, 403, 403, 403);
        get(values + "records?period=2026-04&scope=department:" + sales, 200, 200, 403, 403, 403);
        get(values + "records?period=2026-04&scope=team:" + enterprise, 200, 200, 200, 200, 403);
        get(values + "records?period=2026-04&scope=person:" + midMarketMember, 200, 200, 403, 403, 403);
        allGet(values + "records?period=2026-04&scope=team:" + fieldSales, 404);
        allGet("/api/v1/metrics/" + OTHER_COMPANY_METRIC + "/records?period=2026-04", 404);
        allGet("/api/v1/scopes/company/key-metrics?period=2026-04", 200);
        get("/api/v1/scopes/team:" + enterprise + "/key-metrics?period=2026-04", 200, 200, 200, 200, 403);
        get("/api/v1/scopes/person:" + midMarketMember + "/key-metrics?period=2026-04", 200, 200, 403, 403, 403);
        allGet("/api/v1/scopes/team:" + fieldSales + "/key-metrics?period=2026-04", 404);
        String dashboard = "/dashboard?period=2026-04&series=deals_won&leaderboard=deals_won";
        allGet("/api/v1/scopes/company" + dashboard, 200);
        get("/api/v1/scopes/department:" + sales + dashboard, 200, 200, 403, 403, 403);
        get("/api/v1/scopes/team:" + enterprise + dashboard, 200, 200, 200, 200, 403);
        get("/api/v1/scopes/person:" + midMarketMember + dashboard, 200, 200, 403, 403, 403);
        allGet("/api/v1/scopes/team:" + fieldSales + dashboard, 404);
        allGet("/api/v1/scopes/company/dashboard?series=" + OTHER_COMPANY_METRIC, 404);
        // rollups: rebuilt and verified by company admins only
        get("/api/v1/rollups/verify?from=2026-04&to=2026-04&metric=deals_won", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/rollups/rebuild", null, 200, 403, 403, 403, 403);
        // tokens: one's own can be revoked; someone else's is refused; another company's is not found
        expect(HttpMethod.DELETE, "/api/v1/tokens/{ownToken}", null, 200, 200, 200, 200, 200);
        expect(HttpMethod.DELETE, "/api/v1/tokens/{colleaguesToken}", null, 403, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/tokens/{otherCompanyToken}", null, 404, 404, 404, 404, 404);
        // alerts: anyone watches a scope they see; notifications are one's own
        allGet("/api/v1/alert-rules", 200);
        allGet("/api/v1/notifications", 200);
        allGet("/api/v1/notifications/unread-count", 200);
        expect(HttpMethod.POST, "/api/v1/alert-rules", "{\"metric\":\"deals_won\",\"scope\":\"team:" + midMarket
                + "\",\"condition\":\"above\",\"threshold\":1}", 201, 201, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/alert-rules", "{\"metric\":\"deals_won\",\"scope\":\"person:" + enterpriseMember
                + "\",\"condition\":\"below\",\"threshold\":1}", 201, 201, 201, 201, 403);
        expect(HttpMethod.POST, "/api/v1/alert-rules", "{\"metric\":\"deals_won\",\"scope\":\"team:" + fieldSales
                + "\",\"condition\":\"above\",\"threshold\":1}", 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/api/v1/alert-rules/check", null, 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/notifications/999999999/read", null, 404, 404, 404, 404, 404);
        // deliveries: one's own e-mail choices; chat channels and the delivery log are company admins'
        allGet("/api/v1/notification-preferences", 200);
        allGet("/api/v1/notifications/digest", 200);
        get("/api/v1/audit", 200, 403, 403, 403, 403);
        get("/api/v1/reviews/weekly?scope=team:" + enterprise, 200, 200, 200, 200, 403);
        allGet("/api/v1/reviews/weekly?scope=team:" + fieldSales, 404);
        expect(HttpMethod.PUT, "/api/v1/notification-preferences", "{\"emailBreaches\":true,\"emailResolutions\":false,\"weeklyDigest\":true}",
                200, 200, 200, 200, 200);
        get("/api/v1/outgoing-webhooks", 200, 403, 403, 403, 403);
        get("/api/v1/deliveries", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/outgoing-webhooks", "{\"name\":\"Matrix channel\",\"url\":\"https://chat.example.com/hook\"}",
                201, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/outgoing-webhooks/999999999/test", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/outgoing-webhooks/999999999", null, 404, 403, 403, 403, 403);
        // connectors: company admins'
        get("/api/v1/connectors", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/connectors", "{\"name\":\"Matrix connector\",\"kind\":\"csv_url\",\"recordKind\":\"activities\","
                + "\"schedule\":\"@daily\",\"settings\":{\"url\":\"http://127.0.0.1:9/matrix.csv\"},\"enabled\":false}", 201, 403, 403, 403, 403);
        get("/api/v1/connectors/999999999", 404, 403, 403, 403, 403);
        get("/api/v1/connectors/999999999/runs", 404, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/connectors/999999999", "{}", 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/connectors/999999999/run", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/connectors/999999999", null, 404, 403, 403, 403, 403);
        // accounts (C9): an account is seen by its owner's team, the team's lead and the department's managers; values and
        // targets are changed by the owner and those above them (sentiment: the default "owner" audience); the metrics
        // and the health formula are configured by company admins; imports check each row
        long enterpriseAccount = account("Demo Corp", enterpriseMember);
        long midMarketAccount = account("Demo Corp", midMarketMember);
        long onboardingAccount = account("Demo Corp", onboardingMember);
        long unownedAccount = account("Demo Corp", null);
        long otherCompanyAccount = account("Other Inc", otherMember);
        allGet("/api/v1/accounts", 200);
        allGet("/api/v1/accounts/metrics", 200);
        get("/api/v1/accounts/" + enterpriseAccount, 200, 200, 200, 200, 403);
        get("/api/v1/accounts/" + midMarketAccount, 200, 200, 403, 403, 403);
        get("/api/v1/accounts/" + onboardingAccount, 200, 403, 403, 403, 200);
        get("/api/v1/accounts/" + unownedAccount, 200, 403, 403, 403, 403);
        allGet("/api/v1/accounts/" + otherCompanyAccount, 404);
        get("/api/v1/accounts/" + enterpriseAccount + "/metrics/sentiment/history", 200, 200, 200, 200, 403);
        get("/api/v1/accounts/" + midMarketAccount + "/metrics/mrr/timeline?from=2026-01&to=2026-03", 200, 200, 403, 403, 403);
        allGet("/api/v1/accounts/" + otherCompanyAccount + "/metrics/mrr/history", 404);
        String sentiment = "{\"day\":\"2026-01-15\",\"value\":2}";
        expect(HttpMethod.PUT, "/api/v1/accounts/" + enterpriseAccount + "/metrics/sentiment/value", sentiment, 204, 204, 204, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/accounts/" + onboardingAccount + "/metrics/sentiment/value", sentiment, 204, 403, 403, 403, 204);
        expect(HttpMethod.PUT, "/api/v1/accounts/" + otherCompanyAccount + "/metrics/sentiment/value", sentiment, 404, 404, 404, 404, 404);
        expect(HttpMethod.PUT, "/api/v1/accounts/" + enterpriseAccount + "/metrics/nrr/target", "{\"target\":1.05}", 204, 204, 204, 403, 403);
        expect(HttpMethod.POST, "/api/v1/accounts/metric-values", "[]", 200, 200, 200, 200, 200);
        allGet("/api/v1/accounts/views?page=details", 200);
        expect(HttpMethod.POST, "/api/v1/accounts/views", "{\"page\":\"portfolio\",\"name\":\"Matrix %s\",\"filters\":{\"segment\":[\"SMB\"]}}",
                201, 201, 201, 201, 201);
        expect(HttpMethod.DELETE, "/api/v1/accounts/views/" + otherPersonsView(), null, 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/api/v1/accounts/metrics", "{\"key\":\"matrix_%s\",\"name\":\"Matrix\"}", 201, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/accounts/metrics/sentiment", "{}", 200, 403, 403, 403, 403);
        expect(HttpMethod.DELETE, "/api/v1/accounts/metrics/no_such_metric", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/api/v1/accounts/metric-families", "{\"name\":\"Matrix %s\"}", 201, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/accounts/health-formula",
                "{\"greenPoints\":100,\"amberPoints\":50,\"redPoints\":0,\"healthyFrom\":70,\"watchFrom\":40}", 200, 403, 403, 403, 403);
        // targets: read as the scope is seen; set by admins anywhere, department managers for their departments, teams and
        // people, team leads for their members (not their team); nobody but an admin for themselves (TargetsApiTest)
        String target = "/api/v1/targets?metric=deals_won&period=2026-04&scope=";
        allGet(target + "company", 200);
        get(target + "department:" + sales, 200, 200, 403, 403, 403);
        get(target + "team:" + enterprise, 200, 200, 200, 200, 403);
        get(target + "person:" + enterpriseMember, 200, 200, 200, 200, 403);
        get(target + "person:" + midMarketMember, 200, 200, 403, 403, 403);
        allGet(target + "person:" + otherMember, 404);
        allGet(target + "team:" + fieldSales, 404);
        get("/api/v1/targets/history?metric=deals_won&period=2026-04&scope=team:" + enterprise, 200, 200, 200, 200, 403);
        allGet("/api/v1/targets/history?metric=deals_won&period=2026-04&scope=department:" + otherSales, 404);
        allGet("/api/v1/targets/mismatches?metric=deals_won&period=2026-04", 200);
        String setTarget = "{\"metric\":\"deals_won\",\"period\":\"2026-04\",\"value\":10,\"scope\":\"%s\"}";
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("company"), 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("department:" + sales), 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("department:" + success), 200, 403, 403, 403, 200);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("team:" + enterprise), 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("team:" + midMarket), 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("person:" + enterpriseMember), 200, 200, 200, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("person:" + midMarketMember), 200, 200, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("person:" + onboardingMember), 200, 403, 403, 403, 200);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("person:{self}"), 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("team:" + fieldSales), 404, 404, 404, 404, 404);
        expect(HttpMethod.PUT, "/api/v1/targets", setTarget.formatted("person:" + otherMember), 404, 404, 404, 404, 404);
        expect(HttpMethod.DELETE, "/api/v1/targets?metric=deals_won&scope=team:" + midMarket + "&period={midMarketTargetDay}", null,
                204, 204, 403, 403, 403);
        // thresholds explain statuses, so everyone reads them; company admins change them
        allGet("/api/v1/metric-thresholds", 200);
        allGet("/api/v1/metric-thresholds/deals_won", 200);
        expect(HttpMethod.PUT, "/api/v1/metric-thresholds", "{}", 200, 403, 403, 403, 403);
        expect(HttpMethod.PUT, "/api/v1/metric-thresholds/deals_won", "{\"amberPercent\":90}", 200, 403, 403, 403, 403);
        return List.copyOf(cases);
    }

    private List<Case> pageCases() {
        cases.clear();
        allGet("/", 200);
        allGet("/account/tokens", 200);
        allGet("/organization/teams", 200);
        allGet("/organization/membership", 200);
        allGet("/organization/people", 200);
        allGet("/organization/roles", 200);
        allGet("/organization/settings", 200);
        get("/organization/departments/" + sales, 200, 200, 403, 403, 403);
        get("/organization/departments/" + success, 200, 403, 403, 403, 200);
        allGet("/organization/departments/" + otherSales, 404);
        get("/organization/teams/" + enterprise, 200, 200, 200, 200, 403);
        get("/organization/teams/" + midMarket, 200, 200, 403, 403, 403);
        allGet("/organization/teams/" + fieldSales, 404);
        get("/organization/people/" + enterpriseMember, 200, 200, 200, 200, 403);
        get("/organization/people/" + onboardingMember, 200, 403, 403, 403, 200);
        allGet("/organization/people/" + otherMember, 404);
        allGet("/organization/activity-types", 200);
        // Organization → Key Metrics: everyone sees the levels they may see; a level is changed by admins and its department's managers
        allGet("/organization/key-metrics", 200);
        expect(HttpMethod.POST, "/organization/key-metrics/forget?scope=team:" + enterprise + "&key=" + MATRIX_METRIC, null, 302, 302, 403, 403, 403);
        expect(HttpMethod.POST, "/organization/key-metrics/forget?scope=department:" + success + "&key=" + MATRIX_METRIC, null, 302, 403, 403, 403, 302);
        expect(HttpMethod.POST, "/organization/key-metrics/forget?scope=company&key=" + MATRIX_METRIC, null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/organization/key-metrics/forget?scope=team:" + fieldSales + "&key=" + MATRIX_METRIC, null, 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/organization/key-metrics/frequencies?primary=monthly&secondary=weekly", null, 302, 403, 403, 403, 403);
        // the pages people live in (dashboards): the same scopes as the metric API, and the profile as the person's numbers
        allGet("/company", 200);
        allGet("/company?grain=quarter&compare=yearAgo&sort=deals_won", 200);
        get("/departments/" + sales, 200, 200, 403, 403, 403);
        get("/departments/" + success, 200, 403, 403, 403, 200);
        allGet("/departments/" + otherSales, 404);
        get("/teams/" + enterprise, 200, 200, 200, 200, 403);
        get("/teams/" + midMarket, 200, 200, 403, 403, 403);
        allGet("/teams/" + fieldSales, 404);
        get("/people/" + enterpriseMember, 200, 200, 200, 200, 403);
        get("/people/" + midMarketMember, 200, 200, 403, 403, 403);
        get("/people/" + onboardingMember, 200, 403, 403, 403, 200);
        allGet("/people/" + otherMember, 404);
        allGet("/company?period=not-a-period", 400);
        // audience dashboards: built in for everyone, shown for a scope as it is seen; admins make and share their own
        allGet("/dashboards", 200);
        allGet("/dashboards/executive/company", 200);
        get("/dashboards/pipeline/team:" + midMarket, 200, 200, 403, 403, 403);
        allGet("/dashboards/pipeline/team:" + fieldSales, 404);
        allGet("/dashboards/no-such-dashboard/company", 404);
        expect(HttpMethod.POST, "/dashboards?name=Matrix&audience=team&metrics=deals_won&sharedWith=team:" + enterprise, null, 302, 403, 403, 403, 403);
        // alerts and notifications: everyone's own page; a rule on a scope one does not see is refused
        allGet("/alerts", 200);
        allGet("/notifications", 200);
        allGet("/notifications/settings", 200);
        expect(HttpMethod.POST, "/notifications/settings?emailBreaches=true", null, 302, 302, 302, 302, 302);
        get("/alerts/webhooks", 200, 403, 403, 403, 403);
        get("/imports/connectors", 200, 403, 403, 403, 403);
        get("/imports/connectors/new?kind=jdbc", 200, 403, 403, 403, 403);
        get("/imports/connectors/999999999", 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/connectors/999999999/run", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/connectors/999999999/delete", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/connectors/999999999?name=X", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/connectors/new?kind=csv_url&name=Matrix+page+connector&recordKind=deals&schedule=@daily"
                + "&url=http://127.0.0.1:9/page.csv", null, 302, 403, 403, 403, 403);
        get("/alerts/deliveries", 200, 403, 403, 403, 403);
        long enterpriseAccountPage = account("Demo Corp", enterpriseMember);
        long otherCompanyAccountPage = account("Other Inc", otherMember);
        allGet("/accounts", 200);
        get("/accounts/" + enterpriseAccountPage, 200, 200, 200, 200, 403);
        get("/accounts/" + enterpriseAccountPage + "/metrics", 200, 200, 200, 200, 403);
        allGet("/accounts/" + otherCompanyAccountPage, 404);
        allGet("/accounts/" + otherCompanyAccountPage + "/metrics", 404);
        expect(HttpMethod.POST, "/accounts/" + enterpriseAccountPage + "/metrics/sentiment/value?day=2026-01-16&value=3", null, 302, 302, 302, 403, 403);
        get("/accounts/" + enterpriseAccountPage + "/report", 200, 200, 200, 200, 403);
        get("/accounts/" + enterpriseAccountPage + "/report.pdf", 200, 200, 200, 200, 403);
        allGet("/accounts/" + otherCompanyAccountPage + "/report.pdf", 404);
        allGet("/accounts/report", 200);
        allGet("/accounts/report.pdf?segment=Enterprise", 200);
        get("/accounts/settings", 200, 403, 403, 403, 403);
        get("/accounts/settings/metrics/new", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/accounts/settings/formula?greenPoints=100&amberPoints=50&redPoints=0&healthyFrom=70&watchFrom=40", null,
                302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/accounts/views?viewOf=portfolio&name=Matrix&back=/accounts&segment=Enterprise", null, 302, 302, 302, 302, 302);
        expect(HttpMethod.POST, "/alerts/webhooks/999999999/test", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/alerts/webhooks/999999999/delete", null, 404, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/alerts/webhooks?name=Matrix+page+channel&url=https://chat.example.com/page", null, 302, 403, 403, 403, 403);
        allGet("/notifications/digest", 200);
        allGet("/reviews", 200);
        // the audit log: company admins'
        get("/audit", 200, 403, 403, 403, 403);
        get("/audit.csv", 200, 403, 403, 403, 403);
        get("/audit.xlsx", 200, 403, 403, 403, 403);
        get("/reviews?cadence=monthly&scope=team:" + midMarket, 200, 200, 403, 403, 403);
        allGet("/reviews?cadence=monthly&scope=team:" + fieldSales, 404);
        expect(HttpMethod.POST, "/alerts?metric=deals_won&condition=above&threshold=1&scope=team:" + midMarket, null, 302, 302, 403, 403, 403);
        expect(HttpMethod.POST, "/alerts?metric=deals_won&condition=above&threshold=1&scope=team:" + fieldSales, null, 404, 404, 404, 404, 404);
        // TV links: everyone makes their own; a screen opens with a token, and an unknown one is not found
        allGet("/tv", 200);
        allGet("/tv/screen/tv_no-such-token", 404);
        expect(HttpMethod.POST, "/tv?name=Floor&scope=team:" + midMarket, null, 302, 302, 403, 403, 403);
        expect(HttpMethod.POST, "/tv?name=Floor&scope=team:" + fieldSales, null, 404, 404, 404, 404, 404);
        // a metric's page, as its scope's page; the records' download as the records API
        allGet("/company/metrics/deals_won?period=2026-04", 200);
        allGet("/company/metrics/win_rate", 200);
        get("/company/metrics/deals_won/records.csv?period=2026-04", 200, 403, 403, 403, 403);
        get("/departments/" + sales + "/metrics/deals_won", 200, 200, 403, 403, 403);
        get("/departments/" + success + "/metrics/deals_won/records.csv?period=2026-04", 200, 403, 403, 403, 200);
        get("/teams/" + enterprise + "/metrics/calls", 200, 200, 200, 200, 403);
        get("/teams/" + midMarket + "/metrics/calls/records.csv", 200, 200, 403, 403, 403);
        get("/people/" + enterpriseMember + "/metrics/calls/records.csv?period=2026-04", 200, 200, 200, 200, 403);
        get("/people/" + onboardingMember + "/metrics/calls", 200, 403, 403, 403, 200);
        allGet("/teams/" + fieldSales + "/metrics/calls", 404);
        // the metric page's records, fetched apart: not listed for all but admins at company level, refused out of scope
        allGet("/company/metrics/deals_won/records?period=2026-04", 200);
        get("/teams/" + midMarket + "/metrics/calls/records?period=2026-04", 200, 200, 403, 403, 403);
        allGet("/teams/" + fieldSales + "/metrics/calls/records?period=2026-04", 404);
        allGet("/company/metrics/" + OTHER_COMPANY_METRIC, 404);
        allGet("/company/metrics/deals_won?period=not-a-period", 400);
        get("/teams/" + enterprise + "/metrics/win_rate/records.csv", 400, 400, 400, 400, 403);
        // the activity logger: for oneself; a lead also for their team's members; an admin for anyone
        allGet("/log", 200);
        get("/log?personId=" + enterpriseMember, 200, 403, 200, 403, 403);
        get("/log?personId=" + midMarketMember, 200, 403, 403, 403, 403);
        allGet("/log?personId=" + otherMember, 404);
        expect(HttpMethod.POST, "/log?type=call&occurredAt=2026-05-04T09:00", null, 302, 302, 302, 302, 302);
        // a refused entry is the ingest's per-record answer, shown on the form (400); another company's person is unknown there
        expect(HttpMethod.POST, "/log?type=call&occurredAt=2026-05-04T09:00&personId=" + enterpriseMember, null, 302, 400, 302, 400, 400);
        expect(HttpMethod.POST, "/log?type=call&occurredAt=2026-05-04T09:00&personId=" + otherMember, null, 400, 400, 400, 400, 400);
        // configuration forms: only admins; another company's resources are not found
        expect(HttpMethod.POST, "/organization/teams/" + enterprise + "/rename?name=Enterprise", null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/organization/teams/" + fieldSales + "/rename?name=Field Sales", null, 404, 404, 404, 404, 404);
        expect(HttpMethod.POST, "/organization/departments/" + sales + "/rename?name=Sales", null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/organization/settings?name=Demo Corp&timeZone=Europe/Oslo&currency=USD&fiscalYearStartMonth=1&weekStartDay=1",
                null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/organization/activity-types/custom?key=page_type_%s&name=Custom", null, 302, 403, 403, 403, 403);
        // webhooks: set up by company admins only
        get("/imports/webhooks", 200, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/webhooks?name=matrix page %s", null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/webhooks/{ownWebhook}/delete", null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/webhooks/{otherCompanyWebhook}/delete", null, 404, 404, 404, 404, 404);
        // the pipeline page: everyone sees it, admins save it (here unchanged); a refused save is 403, not a flash message
        allGet("/pipeline", 200);
        expect(HttpMethod.POST, "/pipeline?" + currentPipelineAsForm(), null, 302, 403, 403, 403, 403);
        // file imports are company data: admins only. Non-admins are refused before any import is looked up, so
        // they get 403 whatever the id (which reveals nothing); an admin of another company does not find the import.
        get("/imports", 200, 403, 403, 403, 403);
        for (String read : List.of("", "/progress")) {
            get("/imports/{ownImport}" + read, 200, 403, 403, 403, 403);
            get("/imports/{otherCompanyImport}" + read, 404, 403, 403, 403, 403);
        }
        // every form action of an import page; an admin's unfinished or refused action comes back as a flash message (302)
        for (String action : List.of("/settings?source=matrix", "/commit", "/template?name=matrix", "/discard")) {
            expect(HttpMethod.POST, "/imports/{ownImport}" + action, null, 302, 403, 403, 403, 403);
            expect(HttpMethod.POST, "/imports/{otherCompanyImport}" + action, null, 404, 403, 403, 403, 403);
        }
        expect(HttpMethod.POST, "/imports/{ownImport}/apply-template?templateId={ownTemplate}", null, 302, 403, 403, 403, 403);
        expect(HttpMethod.POST, "/imports/{otherCompanyImport}/apply-template?templateId={ownTemplate}", null, 404, 403, 403, 403, 403);
        return List.copyOf(cases);
    }

    /**
     * Every form action of the Organization screens, for every role but the admin (whose successful writes the
     * other tests cover), on a resource inside the caller's own scope and on one in the other company.
     */
    @TestFactory
    Stream<DynamicTest> everyFormActionIsForCompanyAdminsOnly() {
        long ownMembership = jdbc.sql("select id from membership where person_id = ? and valid_to is null").param(enterpriseMember)
                .query(Long.class).single();
        long otherMembership = jdbc.sql("select id from membership where person_id = ? and valid_to is null").param(otherMember)
                .query(Long.class).single();
        long manager = org.person(MANAGER);
        Map<String, String> ownAndOther = new LinkedHashMap<>();
        ownAndOther.put("/organization/departments/%d/rename?name=X", sales + "," + otherSales);
        for (String action : List.of("archive", "restore", "delete")) {
            ownAndOther.put("/organization/departments/%d/" + action, sales + "," + otherSales);
        }
        ownAndOther.put("/organization/departments/%d/managers?personId=" + manager, sales + "," + otherSales);
        ownAndOther.put("/organization/departments/%d/managers/" + manager + "/remove", sales + "," + otherSales);
        ownAndOther.put("/organization/departments/%d/teams?name=X", sales + "," + otherSales);
        ownAndOther.put("/organization/teams?name=X&departmentId=%d", sales + "," + otherSales);
        ownAndOther.put("/organization/teams/%d/rename?name=X", enterprise + "," + fieldSales);
        ownAndOther.put("/organization/teams/%d/move?departmentId=" + success, enterprise + "," + fieldSales);
        for (String action : List.of("archive", "restore", "delete")) {
            ownAndOther.put("/organization/teams/%d/" + action, enterprise + "," + fieldSales);
        }
        ownAndOther.put("/organization/teams/%d/leads?personId=" + enterpriseMember, enterprise + "," + fieldSales);
        ownAndOther.put("/organization/teams/%d/leads/" + org.person(LEAD) + "/remove", enterprise + "," + fieldSales);
        ownAndOther.put("/organization/people/%d/details?email=x@demo.northstar.dev&displayName=X", enterpriseMember + "," + otherMember);
        for (String action : List.of("activate", "deactivate", "admin", "admin/remove")) {
            ownAndOther.put("/organization/people/%d/" + action, enterpriseMember + "," + otherMember);
        }
        ownAndOther.put("/organization/people/%d/password?password=longenough1", enterpriseMember + "," + otherMember);
        ownAndOther.put("/organization/admins?personId=%d", enterpriseMember + "," + otherMember);
        ownAndOther.put("/organization/memberships?teamId=" + enterprise + "&validFrom=2026-01-01&personId=%d", enterpriseMember + "," + otherMember);
        ownAndOther.put("/organization/memberships/%d/end?validTo=2099-01-01", ownMembership + "," + otherMembership);
        ownAndOther.put("/organization/activity-types?teams=%1$d&team-%1$d=call", enterprise + "," + fieldSales);
        List<DynamicTest> tests = new ArrayList<>();
        for (var entry : ownAndOther.entrySet()) {
            String[] ids = entry.getValue().split(",");
            for (String role : ROLES.subList(1, ROLES.size())) {
                for (int i = 0; i < 2; i++) {
                    String path = entry.getKey().formatted(Long.parseLong(ids[i]));
                    int expected = i == 0 ? 403 : 404;
                    tests.add(DynamicTest.dynamicTest(role + " POST " + path + " -> " + expected, () -> {
                        var response = mvc.perform(request(HttpMethod.POST, path).with(org.as(role)).with(csrf())).andReturn().getResponse();
                        assertThat(response.getStatus()).as(role + " POST " + path + ": " + response.getContentAsString()).isEqualTo(expected);
                    }));
                }
            }
        }
        return tests.stream();
    }

    /** The upload is a multipart form, which the matrix's requests are not: admins get the new import's page, others 403. */
    @TestFactory
    Stream<DynamicTest> uploadingAFileIsForCompanyAdminsOnly() {
        List<String> callers = new ArrayList<>(ROLES);
        callers.add(null); // anonymous
        return callers.stream().map(role -> DynamicTest.dynamicTest((role == null ? "anonymous" : role) + " POST /imports (upload)", () -> {
            var request = multipart("/imports").file(new MockMultipartFile("file", "matrix.csv", "text/csv", CSV))
                    .param("kind", "activities").with(csrf());
            if (role != null) request.with(org.as(role));
            var response = mvc.perform(request).andReturn().getResponse();
            int expected = role == null || role.equals(ADMIN) ? 302 : 403; // anonymous callers are sent to the login page
            assertThat(response.getStatus()).as(role + ": " + response.getContentAsString()).isEqualTo(expected);
            if (ADMIN.equals(role)) {
                assertThat(response.getRedirectedUrl()).matches("/imports/\\d+");
            } else if (role == null) {
                assertThat(response.getRedirectedUrl()).endsWith("/login");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyApiEndpointForEveryRole() throws Exception {
        return matrix(apiCases());
    }

    @TestFactory
    Stream<DynamicTest> everyPageForEveryRole() {
        return matrix(pageCases());
    }

    @TestFactory
    Stream<DynamicTest> nothingWithoutLoggingIn() throws Exception {
        List<Case> all = new ArrayList<>(apiCases());
        all.addAll(pageCases());
        return all.stream().map(c -> DynamicTest.dynamicTest("anonymous " + c.method() + " " + c.path(), () -> {
            var request = request(c.method(), resolve(c.path(), ADMIN)).with(csrf());
            if (c.body() != null) request.contentType(c.type()).content(resolve(c.body(), ADMIN));
            int status = mvc.perform(request).andReturn().getResponse().getStatus();
            // A TV screen is public: its token is the key, so an unknown one is not found for anyone.
            int expected = c.path().startsWith("/tv/screen/") ? 404 : c.path().startsWith("/api/") ? 401 : 302;
            assertThat(status).as("status").isEqualTo(expected);
        }));
    }

    private Stream<DynamicTest> matrix(List<Case> rows) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : rows) {
            for (int r = 0; r < ROLES.size(); r++) {
                String role = ROLES.get(r);
                int expected = c.expected()[r];
                tests.add(DynamicTest.dynamicTest(role + " " + c.method() + " " + c.path() + " -> " + expected, () -> {
                    String path = resolve(c.path(), role);
                    var request = request(c.method(), path).with(org.as(role)).with(csrf());
                    if (c.body() != null) {
                        request.contentType(c.type()).content(resolve(c.body(), role));
                    }
                    var response = mvc.perform(request).andReturn().getResponse();
                    assertThat(response.getStatus()).as(role + " " + c.method() + " " + path + ": " + response.getContentAsString())
                            .isEqualTo(expected);
                    if (expected == 403 && path.startsWith("/api/")) {
                        assertThat(response.getContentType()).isEqualTo("application/problem+json");
                        assertThat(response.getContentAsString()).contains("\"status\":403").contains("\"detail\":");
                    }
                }));
            }
        }
        return tests.stream();
    }

    private int unique;

    /** Fills in placeholders with resources made for this one request, so that every write starts from the same state. */
    private String resolve(String text, String role) {
        Map<String, LongSupplier> scratch = new LinkedHashMap<>();
        scratch.put("{scratchTeam}", () -> insert("insert into team (company_id, department_id, name) values (?, ?, ?) returning id",
                org.company("Demo Corp"), sales, "Scratch team " + (++unique)));
        scratch.put("{scratchDepartment}", () -> insert("insert into department (company_id, name) values (?, ?) returning id",
                org.company("Demo Corp"), "Scratch department " + (++unique)));
        scratch.put("{scratchPerson}", () -> insert("insert into person (company_id, email, display_name) values (?, ?, ?) returning id",
                org.company("Demo Corp"), "scratch" + (++unique) + "@demo.northstar.dev", "Scratch Person"));
        scratch.put("{scratchMetric}", () -> {
            long n = ++unique;
            metric(ADMIN, "matrix_scratch_" + n);
            return n;
        });
        scratch.put("{ownTemplate}", () -> template(importBy(ADMIN)));
        scratch.put("{ownImport}", () -> importBy(ADMIN));
        scratch.put("{otherCompanyImport}", () -> importBy(OTHER_COMPANY_ADMIN));
        scratch.put("{ownToken}", () -> token(role));
        scratch.put("{colleaguesToken}", () -> token(role.equals(REP) ? LEAD : REP));
        scratch.put("{otherCompanyToken}", () -> token("admin@other.northstar.dev"));
        scratch.put("{self}", () -> org.person(role));
        String result = text;
        if (result.contains("{ownWebhook}")) {
            result = result.replace("{ownWebhook}", webhookSource("admin@demo.northstar.dev"));
        }
        if (result.contains("{midMarketTargetDay}")) {
            result = result.replace("{midMarketTargetDay}", midMarketTargetDay());
        }
        if (result.contains("{otherCompanyWebhook}")) {
            result = result.replace("{otherCompanyWebhook}", webhookSource("admin@other.northstar.dev"));
        }
        for (var entry : scratch.entrySet()) {
            if (result.contains(entry.getKey())) {
                result = result.replace(entry.getKey(), Long.toString(entry.getValue().getAsLong()));
            }
        }
        return result.contains("%s") ? result.formatted(++unique) : result;
    }

    /** A metric of the company of this admin; saving it again changes nothing. */
    private void metric(String adminEmail, String key) {
        var viewer = directory.viewer(org.company(adminEmail.endsWith("@demo.northstar.dev") ? "Demo Corp" : "Other Inc"), org.person(adminEmail))
                .orElseThrow();
        catalog.saveDocument(viewer, key, JsonPath.parse(MATRIX_DEFINITION).json());
    }

    private long token(String email) {
        return insert("insert into api_token (company_id, person_id, name, token_hash, prefix) select company_id, id, 'matrix', ?, 'ns_x' from person where email = ? returning id",
                "hash-" + (++unique) + "-" + System.nanoTime(), email);
    }

    /** A webhook source created by the company admin with this e-mail address; its name, as the URLs take it. */
    private String webhookSource(String adminEmail) {
        String name = "matrix-" + (++unique) + "-" + Long.toHexString(System.nanoTime());
        jdbc.sql("insert into webhook_source (company_id, name, secret, person_id) select company_id, ?, repeat('0', 64), id from person where email = ?")
                .params(name, adminEmail).update();
        return name;
    }

    /** A day (its label) with a deals_won target of the Mid-Market team, a fresh one for each request that removes it. */
    private String midMarketTargetDay() {
        String day = java.time.LocalDate.of(2030, 1, 1).plusDays(++unique).toString();
        jdbc.sql("""
                        insert into target (company_id, metric_key, scope, period_start, period_end, period_grain, period_label, value)
                        values (?, 'deals_won', ?, cast(? as date), cast(? as date) + 1, 'DAY', ?, 1)""")
                .params(org.company("Demo Corp"), "team:" + midMarket, day, day, day).update();
        return day;
    }

    /** A fresh file import uploaded by the company admin with this e-mail address, so that a discard leaves the next case one. */
    private long importBy(String adminEmail) {
        var viewer = directory.viewer(org.company(adminEmail.endsWith("@demo.northstar.dev") ? "Demo Corp" : "Other Inc"), org.person(adminEmail))
                .orElseThrow();
        return imports.upload(viewer, RecordKind.ACTIVITIES, "matrix.csv", new ByteArrayInputStream(CSV), "matrix").id();
    }

    private long template(long importId) {
        var viewer = directory.viewer(org.company("Demo Corp"), org.person(ADMIN)).orElseThrow();
        return imports.saveTemplate(viewer, importId, "matrix " + (++unique)).id();
    }

    /** The id of a deal of this owner, sent through the API by an admin; sending it again changes nothing. */
    private long deal(String adminEmail, String ownerEmail) throws Exception {
        String body = "[{\"externalId\":\"matrix-" + ownerEmail + "\",\"owner\":\"" + ownerEmail + "\",\"stage\":\"proposal\"}]";
        String answer = mvc.perform(post("/api/v1/deals").with(org.as(adminEmail)).with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<List<String>>read(answer, "$.results[*].outcome")).as(answer).doesNotContain("REJECTED");
        return ((Number) JsonPath.read(answer, "$.results[0].id")).longValue();
    }

    /** A view saved by someone who is none of the roles: nobody else may remove it, not even a company admin. */
    private long otherPersonsView() {
        return jdbc.sql("""
                        insert into account_view (company_id, person_id, page, name, settings) values (?, ?, 'portfolio', 'Theirs', '{}')
                        on conflict (company_id, person_id, page, name) do update set settings = excluded.settings returning id""")
                .params(org.company("Demo Corp"), midMarketMember).query(Long.class).single();
    }

    /** The matrix's account owned by the person (an unowned one for null), made once per company and owner. */
    private long account(String company, Long ownerId) {
        return jdbc.sql("""
                        insert into account (company_id, source, external_id, name, owner_id) values (?, 'matrix', ?, ?, ?)
                        on conflict (company_id, source, external_id) do update set owner_id = excluded.owner_id returning id""")
                .params(org.company(company), "matrix-" + ownerId, "Matrix account of " + ownerId, ownerId).query(Long.class).single();
    }

    private String email(long personId) {
        return jdbc.sql("select email from person where id = ?").param(personId).query(String.class).single();
    }

    /** Demo Corp's pipeline as it is, as the API takes it: replacing it with this changes nothing. */
    private String currentPipelineAsJson() {
        return pipeline.stages(org.company("Demo Corp")).stream()
                .map(s -> "{\"key\":\"%s\",\"name\":\"%s\",\"winProbability\":%s,\"outcome\":\"%s\"}"
                        .formatted(s.key(), s.name(), s.winProbability().toPlainString(), s.outcome()))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Demo Corp's pipeline as it is, as the pipeline page's form sends it. */
    private String currentPipelineAsForm() {
        return pipeline.stages(org.company("Demo Corp")).stream()
                .map(s -> "key=%s&name=%s&order=%d&winProbability=%s&outcome=%s"
                        .formatted(s.key(), s.name(), s.position(), s.winProbability().toPlainString(), s.outcome()))
                .collect(Collectors.joining("&"));
    }

    private long insert(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}

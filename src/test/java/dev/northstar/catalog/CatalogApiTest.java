package dev.northstar.catalog;

import dev.northstar.DemoFixture;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
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

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The catalog's REST API: definitions, history, library, YAML, levels and frequencies, as JSON and problem details. */
@SpringBootTest
@AutoConfigureMockMvc
class CatalogApiTest {

    static final String DEFINITION = """
            {"name":"Demo calls","kind":"secondary","unit":"count","direction":"higher_is_better",
             "formula":{"type":"aggregate","source":"activities","function":"count","time":"occurred",
                        "filters":[{"field":"type","values":["call"]}]}}""";

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    @Autowired OrganizationDirectory directory;
    DemoFixture org;
    Viewer admin;
    String adminEmail;
    String memberEmail;

    @BeforeEach
    void company() {
        org = new DemoFixture(jdbc, demo);
        admin = NewCompany.admin(jdbc, directory);
        adminEmail = admin.email();
        memberEmail = NewCompany.member(jdbc, directory, admin).email();
    }

    @Test
    void aDefinitionIsCreatedReplacedReadWithItsHistoryAndDeleted() throws Exception {
        send(adminEmail, put("/api/v1/metrics/demo_calls"), DEFINITION).andExpect(status().isCreated())
                .andExpect(jsonPath("$.key").value("demo_calls"))
                .andExpect(jsonPath("$.kind").value("secondary"))
                .andExpect(jsonPath("$.formula.filters[0].values[0]").value("call"));
        send(adminEmail, put("/api/v1/metrics/demo_calls"), DEFINITION.replace("Demo calls", "Calls made")).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Calls made"));

        send(memberEmail, get("/api/v1/metrics/demo_calls"), null).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Calls made"));
        send(memberEmail, get("/api/v1/metrics"), null).andExpect(jsonPath("$[*].key").value(Matchers.contains("demo_calls")));
        send(memberEmail, get("/api/v1/metrics/demo_calls/history"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$[*].change").value(Matchers.contains("CREATED", "UPDATED")))
                .andExpect(jsonPath("$[1].before.name").value("Demo calls"))
                .andExpect(jsonPath("$[1].after.name").value("Calls made"))
                .andExpect(jsonPath("$[1].changedByName").value(admin.displayName()));

        send(adminEmail, delete("/api/v1/metrics/demo_calls"), null).andExpect(status().isNoContent());
        send(adminEmail, get("/api/v1/metrics/demo_calls"), null).andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("Metric 'demo_calls' does not exist"));
        send(adminEmail, get("/api/v1/metrics/demo_calls/history"), null).andExpect(jsonPath("$[2].change").value("DELETED"));
        send(adminEmail, get("/api/v1/metrics/never_was/history"), null).andExpect(status().isNotFound());
    }

    @Test
    void anInvalidDefinitionIsAProblemListingEveryErrorWithItsField() throws Exception {
        send(adminEmail, put("/api/v1/metrics/bad_one"), DEFINITION.replace("\"secondary\"", "\"tertiary\"").replace("\"occurred\"", "\"closed\""))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.field").value("kind"))
                .andExpect(jsonPath("$.detail").value(containsString("kind is 'tertiary', which is not one of primary, secondary")))
                .andExpect(jsonPath("$.errors[*].field").value(Matchers.contains("kind")))
                .andExpect(jsonPath("$.errors[0].metric").value("bad_one"));
        send(adminEmail, put("/api/v1/metrics/bad_two"), "{\"key\":\"other_key\"," + DEFINITION.substring(1))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("key"));
        send(adminEmail, put("/api/v1/metrics/bad_three"), "[1, 2]").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("definition"));
        send(adminEmail, get("/api/v1/metrics"), null).andExpect(jsonPath("$").isEmpty());
    }

    @Test
    void membersReadAndOnlyAdminsWrite() throws Exception {
        send(adminEmail, put("/api/v1/metrics/demo_calls"), DEFINITION).andExpect(status().isCreated());
        send(memberEmail, put("/api/v1/metrics/demo_calls"), DEFINITION).andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("only company admins can define and change metrics")));
        send(memberEmail, delete("/api/v1/metrics/demo_calls"), null).andExpect(status().isForbidden());
        send(memberEmail, post("/api/v1/metrics/library"), null).andExpect(status().isForbidden());
        send("admin@other.northstar.dev", get("/api/v1/metrics/demo_calls"), null).andExpect(status().isNotFound());
    }

    @Test
    void theLibraryInstallsOnceAndTheCatalogTravelsAsYaml() throws Exception {
        send(adminEmail, post("/api/v1/metrics/library"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.added.length()").value(MetricLibrary.definitions().size()))
                .andExpect(jsonPath("$.skipped").isEmpty());
        send(adminEmail, post("/api/v1/metrics/library"), null)
                .andExpect(jsonPath("$.added").isEmpty())
                .andExpect(jsonPath("$.skipped.length()").value(MetricLibrary.definitions().size()));

        String yaml = send(memberEmail, get("/api/v1/metrics/export"), null).andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "application/yaml;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", containsString("metrics.yaml")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(yaml).contains("  - key: win_rate\n");

        Viewer other = NewCompany.admin(jdbc, directory);
        yamlImport(other.email(), "?dryRun=true", yaml).andExpect(status().isOk())
                .andExpect(jsonPath("$.dryRun").value(true))
                .andExpect(jsonPath("$.created.length()").value(MetricLibrary.definitions().size()));
        send(other.email(), get("/api/v1/metrics"), null).andExpect(jsonPath("$").isEmpty());
        yamlImport(other.email(), "", yaml).andExpect(status().isOk()).andExpect(jsonPath("$.dryRun").value(false))
                .andExpect(jsonPath("$.created.length()").value(MetricLibrary.definitions().size()));
        String again = send(other.email(), get("/api/v1/metrics/export"), null).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(again).isEqualTo(yaml);

        yamlImport(other.email(), "", yaml.replace("name: Win rate\n", "name: Win rate\n    colour: red\n").replace("unit: count", "unit: pieces"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.metric == 'win_rate')].field").value(Matchers.contains("colour")))
                .andExpect(jsonPath("$.errors[?(@.metric == 'calls')].reason").value(Matchers.contains(containsString("'pieces'"))));
        yamlImport(memberEmail, "?dryRun=true", yaml).andExpect(status().isForbidden());
    }

    @Test
    void levelsAndFrequenciesThroughTheApi() throws Exception {
        long sales = org.department("Demo Corp", "Sales");
        long success = org.department("Demo Corp", "Customer Success");
        long enterprise = org.team("Demo Corp", "Enterprise");
        send("admin@demo.northstar.dev", put("/api/v1/metrics/api_level_calls"), DEFINITION).andExpect(status().is2xxSuccessful());

        send("admin@demo.northstar.dev", put("/api/v1/scopes/company/key-metric-levels/api_level_calls"), "{\"mode\":\"add\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.scope").value("company"))
                .andExpect(jsonPath("$.metrics[?(@.key == 'api_level_calls')].origin").value(Matchers.contains("OWN")));
        send("manager@demo.northstar.dev", put("/api/v1/scopes/team:" + enterprise + "/key-metric-levels/api_level_calls"), "{\"mode\":\"HIDE\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.hidden[?(@.key == 'api_level_calls')].origin").value(Matchers.contains("COMPANY")));
        send("rep@demo.northstar.dev", get("/api/v1/scopes/team:" + enterprise + "/key-metric-levels"), null).andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics[?(@.key == 'api_level_calls')]").isEmpty())
                .andExpect(jsonPath("$.hidden[?(@.key == 'api_level_calls')].frequency").value(Matchers.contains("WEEKLY")));
        send("manager@demo.northstar.dev", delete("/api/v1/scopes/team:" + enterprise + "/key-metric-levels/api_level_calls"), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics[?(@.key == 'api_level_calls')].origin").value(Matchers.contains("COMPANY")));

        send("manager@demo.northstar.dev", put("/api/v1/scopes/department:" + success + "/key-metric-levels/api_level_calls"), "{\"mode\":\"hide\"}")
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("only company admins and the managers of the Customer Success department can choose the key metrics of the department and its teams"));
        send("manager@demo.northstar.dev", put("/api/v1/scopes/department:" + sales + "/key-metric-levels/api_level_calls"), "{\"mode\":\"sideways\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("mode"));
        send("manager@demo.northstar.dev", put("/api/v1/scopes/department:" + sales + "/key-metric-levels/api_level_calls"), "{}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("mode is required: one of add, hide"));
        send("manager@demo.northstar.dev", get("/api/v1/scopes/sales/key-metric-levels"), null)
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value("scope"));
        send("admin@demo.northstar.dev", delete("/api/v1/scopes/company/key-metric-levels/api_level_calls"), null).andExpect(status().isOk());

        send(memberEmail, get("/api/v1/tracking-frequencies"), null)
                .andExpect(jsonPath("$.primary").value("MONTHLY")).andExpect(jsonPath("$.secondary").value("WEEKLY"));
        send(adminEmail, put("/api/v1/tracking-frequencies"), "{\"secondary\":\"daily\"}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.primary").value("MONTHLY")).andExpect(jsonPath("$.secondary").value("DAILY"));
        send(adminEmail, put("/api/v1/tracking-frequencies"), "{\"primary\":\"hourly\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.detail").value("primary is 'hourly', which is not one of daily, weekly, monthly, quarterly"));
        send(memberEmail, put("/api/v1/tracking-frequencies"), "{\"primary\":\"daily\"}").andExpect(status().isForbidden());
        send(memberEmail, get("/api/v1/tracking-frequencies"), null).andExpect(jsonPath("$.primary").value("MONTHLY"));
    }

    private ResultActions send(String email, MockHttpServletRequestBuilder request, String json) throws Exception {
        request.with(org.as(email)).with(csrf());
        if (json != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(request);
    }

    private ResultActions yamlImport(String email, String query, String yaml) throws Exception {
        return mvc.perform(post("/api/v1/metrics/import" + query).with(org.as(email)).with(csrf())
                .contentType("application/yaml").content(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}

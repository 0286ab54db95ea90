package dev.northstar.alerts;

import dev.northstar.DemoFixture;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the alert tests share: a metric counting one test run's own calls in Demo Corp (so that other tests' records
 * do not move it), with the metric's predefined action; the run's calls loaded through the API; rules made and checked
 * through the API as a given demo person.
 */
final class AlertsFixture {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final JsonMapper JSON = JsonMapper.builder().build();

    final String run;
    final String metric;
    private final MockMvc mvc;
    private final DemoFixture org;
    private int callsSent;

    AlertsFixture(MockMvc mvc, DemoFixture org, String metricPrefix) throws Exception {
        this.mvc = mvc;
        this.org = org;
        this.run = "r" + System.nanoTime();
        this.metric = metricPrefix + run;
        send(ADMIN, put("/api/v1/metrics/" + metric), """
                {"name":"Calls %s","kind":"secondary","unit":"count","direction":"higher_is_better",
                 "actionWhenWorse":"Book an hour of calls today",
                 "formula":{"type":"aggregate","source":"activities","function":"count","time":"occurred",
                            "filters":[{"field":"type","values":["call"]},{"field":"source","values":["%s"]}]}}""".formatted(run, run))
                .andExpect(status().isCreated());
    }

    /** A rule on the run's metric; {@code owner} and {@code webhook} may be null. */
    ResultActions rule(String who, String scope, String condition, String threshold, Long owner, Long webhook) throws Exception {
        return send(who, post("/api/v1/alert-rules"), "{\"metric\":\"%s\",\"scope\":\"%s\",\"condition\":\"%s\",\"threshold\":%s%s%s}"
                .formatted(metric, scope, condition, threshold, owner == null ? "" : ",\"ownerId\":" + owner,
                        webhook == null ? "" : ",\"webhookId\":" + webhook));
    }

    void checkNow() throws Exception {
        send(ADMIN, post("/api/v1/alert-rules/check"), null).andExpect(status().isOk());
    }

    /** Loads {@code count} calls of the run for the person, a few seconds ago. */
    void calls(int count, long personId) throws Exception {
        List<String> calls = new ArrayList<>();
        Instant at = Instant.now().minusSeconds(5);
        for (int i = 0; i < count; i++) {
            calls.add("{\"source\":\"%s\",\"externalId\":\"c%d\",\"type\":\"call\",\"personId\":%d,\"occurredAt\":\"%s\"}"
                    .formatted(run, callsSent++, personId, at));
        }
        send(ADMIN, post("/api/v1/activities"), "[" + String.join(",", calls) + "]").andExpect(jsonPath("$.created").value(count));
    }

    ResultActions send(String who, MockHttpServletRequestBuilder request, String body) throws Exception {
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        return mvc.perform(request.with(org.as(who)).with(csrf()));
    }

    static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }
}

package dev.northstar.ingest;

import com.jayway.jsonpath.JsonPath;
import dev.northstar.DemoFixture;
import dev.northstar.Fuzz;
import dev.northstar.analytics.RollupsVerified;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Random NDJSON streams through the whole stack, as a rep's integration would send them: the answer is 200 with a
 * count of every non-blank line, or a 4xx problem, never a server error (which would lose the whole stream).
 */
@SpringBootTest
@AutoConfigureMockMvc
class NdjsonApiFuzzTest {

    static final String REP = "rep@demo.northstar.dev";
    static final String SOURCE = "fuzz-e2e";

    /** The streams' valid dates are on 4 and 5 May 2026; what they wrote is deleted after each, its cells marked. */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of("2026-05", "2026-05", DemoOrganization.DEMO_COMPANY);

    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;

    static LongStream seeds() {
        return Fuzz.seeds(20);
    }

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
    }

    /** The streams write real activities; they are the rep's, so that other tests never see them, they go again. */
    @AfterEach
    void removeWhatTheStreamsWrote() {
        RollupsVerified.deleteActivities(jdbc, "source = ?", SOURCE);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aRandomStreamIsCountedLineByLineAndNeverAServerError(long seed) throws Exception {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        for (int i = random.nextInt(40); i >= 0; i--) {
            lines.add(line(random, seed, i));
        }
        String body = String.join(random.nextBoolean() ? "\n" : "\r\n", lines) + "\n";
        long nonBlank = lines.stream().filter(l -> !l.isBlank()).count();

        var response = mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).contentType("application/x-ndjson").content(body))
                .andReturn().getResponse();
        String answer = response.getContentAsString();
        String why = "seed %d: %d %s%nbody:%n%s".formatted(seed, response.getStatus(), answer, body);
        assertThat(response.getStatus()).as(why).isBetween(200, 499).isNotIn(201, 202, 204);
        if (response.getStatus() == 200) {
            assertThat(((Number) JsonPath.read(answer, "$.received")).longValue()).as(why).isEqualTo(nonBlank);
            long counted = List.of("created", "updated", "unchanged", "rejected").stream()
                    .mapToLong(k -> ((Number) JsonPath.read(answer, "$." + k)).longValue()).sum();
            assertThat(counted).as(why + "\nevery line is created, updated, unchanged or rejected").isEqualTo(nonBlank);
        } else {
            assertThat(response.getContentType()).as(why).isEqualTo("application/problem+json");
            assertThat(answer).as(why).contains("\"detail\":");
        }
    }

    /** Regression: a year PostgreSQL cannot store failed the COPY of the whole stream with a 500; now it is one rejected line. */
    @Test
    void aDateBeyondWhatTheDatabaseStoresIsOneRejectedLineAndAFarOffsetIsStoredInUtc() throws Exception {
        String body = Fuzz.corpusLines("values.txt").stream().filter(v -> v.startsWith("-999999999") || v.startsWith("+999999999") || v.startsWith("9999-"))
                .map(date -> "{\"externalId\":\"far-" + date + "\",\"source\":\"" + SOURCE + "\",\"type\":\"call\",\"person\":\"" + REP
                        + "\",\"occurredAt\":\"" + date + "\"}")
                .collect(java.util.stream.Collectors.joining("\n"));
        long lines = body.lines().count();
        // an offset PostgreSQL does not take (it goes to ±15:59) is fine: the instant is stored, in UTC
        String farOffset = "{\"externalId\":\"far-offset\",\"source\":\"" + SOURCE + "\",\"type\":\"call\",\"person\":\"" + REP
                + "\",\"occurredAt\":\"2026-05-04T09:30:00-18:00\"}";
        mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).contentType("application/x-ndjson").content(farOffset))
                .andExpect(status().isOk()).andExpect(jsonPath("$.created").value(1));
        assertThat(jdbc.sql("select occurred_at::text from activity where source = ? and external_id = 'far-offset'").param(SOURCE)
                .query(String.class).single()).isEqualTo("2026-05-05 03:30:00+00");
        assertThat(lines).as("the corpus has dates at the end of the time-line").isGreaterThanOrEqualTo(4);
        mvc.perform(post("/api/v1/activities").with(org.as(REP)).with(csrf()).contentType("application/x-ndjson").content(body))
                .andExpect(status().isOk()).andExpect(jsonPath("$.received").value(lines)).andExpect(jsonPath("$.rejected").value(lines))
                .andExpect(jsonPath("$.rejections[0].errors[0].field").value("occurredAt"));
    }

    /** An activity with some fields true, some wrong, some at the limits of their kind; or a line that is no record at all. */
    private static String line(Random random, long seed, int index) {
        return switch (random.nextInt(8)) {
            case 0 -> Fuzz.oneOf(random, "", "  ", "{broken", "[1,2]", "null", "{}", "{\"a\":" + "[".repeat(3_000));
            case 1 -> Fuzz.nastyText(random, 40).replace("\n", " ").replace("\r", " ");
            default -> "{\"externalId\":%s,\"source\":\"%s\",\"type\":%s,\"person\":%s,\"occurredAt\":%s,\"quantity\":%s}".formatted(
                    quoted(random.nextInt(10) == 0 ? Fuzz.nastyText(random, 20) : "s" + seed + "-" + index),
                    SOURCE,
                    quoted(Fuzz.oneOf(random, "call", "email", "meeting", "CALL", "no_such_type", "")),
                    quoted(Fuzz.oneOf(random, REP, "rep", "admin@demo.northstar.dev", "admin@other.northstar.dev", "nobody@nowhere.test")),
                    quoted(Fuzz.oneOf(random, "2026-05-04T09:30:00Z", "2026-05-04 09:30", "2026-02-30", "+999999999-12-31T23:59:59Z",
                            "-999999999-01-01", "0000-01-01", "9999-12-31T23:59:59-18:00", "yesterday", Fuzz.nastyText(random, 12))),
                    Fuzz.oneOf(random, "12", "-1", "1e400", "\"1,5\"", "99999999999999999999999999999999999999", "null", "\"abc\"", "1.5"));
        };
    }

    private static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        text.codePoints().forEach(c -> out.append(c == '"' || c == '\\' ? "\\" + (char) c : c < 0x20 ? "\\u%04x".formatted(c) : Character.toString(c)));
        return out.append('"').toString();
    }
}

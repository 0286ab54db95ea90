package dev.northstar.ingest.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    static final byte[] BODY = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    /** printf '%s.%s' 1700000000 '{"a":1}' | openssl dgst -sha256 -hmac abc */
    static final String OPENSSL = "sha256=fb71abe59ec0c6311de6d3d1b21482ac86ef3b5fa5d03530df0a4d8cf6f735a6";

    @Test
    void checksAsOpensslSignsWithTheSecretsTextAsKey() {
        assertThat(WebhookSignature.matches("abc", "1700000000", BODY, OPENSSL)).isTrue();
        assertThat(WebhookSignature.matches("abc", "1700000000", BODY, " " + OPENSSL.toUpperCase() + " ")).as("case and spaces").isTrue();
    }

    @Test
    void anythingElseDoesNotMatch() {
        assertThat(WebhookSignature.matches("abd", "1700000000", BODY, OPENSSL)).as("other secret").isFalse();
        assertThat(WebhookSignature.matches("abc", "1700000001", BODY, OPENSSL)).as("other timestamp").isFalse();
        assertThat(WebhookSignature.matches("abc", "1700000000", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), OPENSSL)).as("other body").isFalse();
        assertThat(WebhookSignature.matches("abc", "1700000000", BODY, OPENSSL.substring(7))).as("no scheme").isFalse();
        assertThat(WebhookSignature.matches("abc", "1700000000", BODY, OPENSSL.substring(0, 70))).as("cut short").isFalse();
        assertThat(WebhookSignature.matches("abc", "1700000000", BODY, "sha256=" + "z".repeat(64))).as("not hex").isFalse();
    }

    @Test
    void aTimestampIsFreshWithinFiveMinutesEitherWay() {
        var signature = new WebhookSignature(Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC));
        assertThat(signature.fresh("1700000000")).isTrue();
        assertThat(signature.fresh("1699999700")).isTrue();
        assertThat(signature.fresh("1700000300")).isTrue();
        assertThat(signature.fresh("1699999699")).isFalse();
        assertThat(signature.fresh("1700000301")).isFalse();
        assertThat(signature.fresh("1700000000000")).as("milliseconds").isFalse();
        assertThat(signature.fresh("yesterday")).isFalse();
    }
}

package dev.northstar.ingest.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a webhook request proves where it comes from: {@code X-Northstar-Signature: sha256=<hex>}, the HMAC-SHA256 of
 * {@code <timestamp>.<body>} keyed with the source's secret (its hex text as ASCII, as {@code openssl dgst -hmac} takes
 * it), and {@code X-Northstar-Timestamp}, unix seconds. The timestamp is signed along with the body, so that a
 * recorded request cannot be sent again later with a fresh one: it is refused once it is more than five minutes off.
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SCHEME = "sha256=";

    private final Clock clock;

    WebhookSignature(Clock clock) {
        this.clock = clock;
    }

    /** Whether the header is the signature of timestamp and body; compared in constant time, so it cannot be guessed bytewise. */
    static boolean matches(String secret, String timestamp, byte[] body, String header) {
        byte[] expected = hmac(secret, timestamp, body);
        byte[] given = parse(header);
        return given != null && MessageDigest.isEqual(expected, given);
    }

    /** Whether the timestamp is within five minutes of now, either way (the sender's clock may be a little ahead). */
    boolean fresh(String timestamp) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        return Math.abs(clock.instant().getEpochSecond() - seconds) <= TOLERANCE.toSeconds();
    }

    private static byte[] parse(String header) {
        String value = header.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(SCHEME) || value.length() != SCHEME.length() + 64) {
            return null;
        }
        try {
            return HexFormat.of().parseHex(value, SCHEME.length(), value.length());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }
}

package dev.northstar.alerts.internal;

import dev.northstar.alerts.internal.DeliveryStore.Message;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts a notification to a chat channel's incoming webhook: a Slack-compatible body ({@code text} and
 * {@code blocks}, which Slack, Mattermost and Rocket.Chat read) with the same facts under {@code northstar} for
 * programs, signed so that the receiver can tell it came from us:
 * {@code X-Northstar-Signature: sha256=hex(HMAC-SHA256(secret, timestamp + "." + body))}, the timestamp (Unix seconds)
 * in {@code X-Northstar-Timestamp}, and {@code X-Northstar-Delivery} the same on every retry of one delivery.
 * Bounded: a connect and a whole-request timeout, no redirects, at most 1 KB of an answer read.
 */
@Component
class WebhookPoster {

    private static final int ANSWER_SHOWN = 200;

    private final HttpClient http;
    private final Duration timeout;
    private final JsonMapper json;
    private final Clock clock;

    WebhookPoster(@Value("${northstar.delivery.timeout:10s}") Duration timeout, JsonMapper json, Clock clock) {
        this.timeout = timeout;
        this.json = json;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Outcome post(String url, String secret, long deliveryId, Message message, String publicUrl) {
        String body = body(message, publicUrl);
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "Northstar")
                .header("X-Northstar-Delivery", Long.toString(deliveryId))
                .header("X-Northstar-Timestamp", timestamp)
                .header("X-Northstar-Signature", "sha256=" + signature(secret, timestamp + "." + body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        // The request timeout ends at the answer's headers; the whole exchange, body included, gets the same bound here,
        // so that a channel trickling its answer cannot hold a scheduler thread past its claim.
        CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        CompletableFuture<Outcome> exchange = sent.thenApply(WebhookPoster::outcome);
        try {
            return exchange.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(sent);
            return Outcome.failed("no answer within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                return Outcome.failed("no answer within " + timeout.toSeconds() + " s");
            }
            return Outcome.failed(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(sent);
            return Outcome.failed("interrupted while posting");
        }
    }

    /** Stops waiting for the answer, and closes its body whenever it comes, which ends a read of it under way. */
    private static void abandon(CompletableFuture<HttpResponse<InputStream>> sent) {
        sent.thenAccept(response -> closeQuietly(response.body()));
        sent.cancel(true);
    }

    private static Outcome outcome(HttpResponse<InputStream> response) {
        String answer;
        try (InputStream in = response.body()) {
            answer = new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            answer = "";
        }
        int status = response.statusCode();
        String detail = "HTTP " + status + (answer.isEmpty() ? "" : ": " + shortened(answer));
        if (status / 100 == 2) {
            return Outcome.sent(detail);
        }
        // A server error, a timeout or "slow down" may pass; any other refusal (a revoked address) will not.
        return status >= 500 || status == 408 || status == 429 ? Outcome.failed(detail) : Outcome.refused(detail);
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // the exchange is abandoned either way
            }
        }
    }

    String body(Message message, String publicUrl) {
        String link = message.link() == null ? null : publicUrl + message.link();
        // Slack reads <...> as links and mentions (<!channel>): names typed by users are escaped as Slack asks.
        StringBuilder text = new StringBuilder("*").append(escaped(message.subject())).append("*\n").append(escaped(message.body()));
        if (message.action() != null) {
            text.append("\n*What to do:* ").append(escaped(message.action()));
        }
        if (link != null) {
            text.append("\n<").append(link).append("|Open in Northstar>");
        }
        ObjectNode root = json.createObjectNode();
        root.put("text", escaped(message.subject()));
        ArrayNode blocks = root.putArray("blocks");
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        section.putObject("text").put("type", "mrkdwn").put("text", text.toString());
        ObjectNode facts = root.putObject("northstar");
        facts.put("kind", message.kind());
        facts.put("title", message.subject());
        facts.put("body", message.body());
        facts.put("action", message.action());
        facts.put("link", link);
        return json.writeValueAsString(root);
    }

    static String signature(String secret, String signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has HmacSHA256", e);
        }
    }

    static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String shortened(String answer) {
        String line = answer.replaceAll("\\s+", " ");
        return line.length() <= ANSWER_SHOWN ? line : line.substring(0, ANSWER_SHOWN) + "…";
    }
}

package dev.northstar.connectors.internal;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs one answer within the pull's bounds: the whole exchange, body included, within the timeout (a server that sends
 * its headers and then hangs or trickles is cut off too), at most {@code maxBytes} read (a 2 GB answer is refused
 * after the first bytes over), no redirects, and only a 2xx answer is read as data.
 */
@Component
class BoundedHttp {

    private static final int ANSWER_SHOWN = 200;

    private final PullLimits limits;
    private final HttpClient http;

    BoundedHttp(PullLimits limits) {
        this.limits = limits;
        this.http = HttpClient.newBuilder().connectTimeout(limits.timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    byte[] get(URI uri, Map<String, String> headers, String accept) {
        limits.checkHost(uri.getHost(), "url");
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(limits.timeout).header("User-Agent", "Northstar connector")
                .header("Accept", accept).GET();
        headers.forEach(request::header);
        CompletableFuture<HttpResponse<InputStream>> sent = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try {
            return sent.thenApply(this::body).get(limits.timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            abandon(sent);
            throw new PullFailed("no complete answer from " + uri.getHost() + " within " + limits.seconds());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof PullFailed failed) {
                throw failed;
            }
            if (cause instanceof HttpTimeoutException) {
                throw new PullFailed("no complete answer from " + uri.getHost() + " within " + limits.seconds());
            }
            throw new PullFailed("could not reach " + uri.getHost() + ": " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon(sent);
            throw new PullFailed("interrupted while reading " + uri.getHost());
        }
    }

    private byte[] body(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            int status = response.statusCode();
            if (status / 100 != 2) {
                String answer = new String(in.readNBytes(1024), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
                String shown = answer.length() <= ANSWER_SHOWN ? answer : answer.substring(0, ANSWER_SHOWN) + "…";
                String why = status / 100 == 3 ? " (redirects are not followed: use the address it points to)" : "";
                throw new PullFailed("HTTP " + status + why + (shown.isEmpty() ? "" : ": " + shown));
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > limits.maxBytes) {
                throw tooLarge();
            }
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes + 1));
            if (body.length > limits.maxBytes) {
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new PullFailed("the answer broke off: " + e.getMessage(), e);
        }
    }

    private PullFailed tooLarge() {
        return new PullFailed("the answer is larger than " + limits.size() + " (northstar.connectors.max-bytes); ask for smaller pages");
    }

    /** Stops waiting for the answer, and closes its body whenever it comes, which ends a read of it under way. */
    private static void abandon(CompletableFuture<HttpResponse<InputStream>> sent) {
        sent.thenAccept(response -> {
            try {
                response.body().close();
            } catch (IOException e) {
                // abandoned either way
            }
        });
        sent.cancel(true);
    }
}

package dev.northstar.ingest.api;

import dev.northstar.ingest.BatchResult;
import dev.northstar.ingest.webhooks.WebhookDeliveries;
import dev.northstar.ingest.webhooks.WebhookDeliveries.Delivery;
import dev.northstar.ingest.webhooks.WebhookRefusedException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.util.Map;

/**
 * The webhook receiver. It has no login, API token or CSRF token (see SecurityConfiguration): the signature over the
 * body is what lets a request in, so the body is read here as the bytes that were sent, not through a converter.
 * It takes any Content-Type: whatever a request claims to be, it meets the signature check before its body is parsed.
 */
@RestController
@Tag(name = "Webhooks", description = "Other systems push records, signed with a webhook source's secret")
class WebhooksApi {

    private final WebhookDeliveries deliveries;

    WebhooksApi(WebhookDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @PostMapping(path = "/api/v1/webhooks/{source}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Receive records from a webhook source (signed, no login)", description = "The body is a JSON object with any of "
            + "'activities', 'deals', 'accounts' and 'revenue', each an array of at most 10,000 records in the format of the batch "
            + "endpoints; their source is the webhook source's name. Headers: X-Northstar-Timestamp, the current time in unix seconds, "
            + "and X-Northstar-Signature: sha256=<hex of HMAC-SHA256 with the source's secret over timestamp + '.' + body>. "
            + "Unsigned, wrongly signed or more than 5 minutes old: 401. Everything is loaded in one transaction, as the company "
            + "admin who created the source; the answer has the batch answer of each kind sent.")
    Map<String, BatchResult> receive(@PathVariable String source,
                                     @RequestHeader(name = WebhookDeliveries.TIMESTAMP_HEADER, required = false) String timestamp,
                                     @RequestHeader(name = WebhookDeliveries.SIGNATURE_HEADER, required = false) String signature,
                                     HttpServletRequest request) throws IOException {
        return deliveries.deliver(new Delivery(source, timestamp, signature, body(request), request.getRemoteAddr()));
    }

    @ExceptionHandler(WebhookRefusedException.class)
    ResponseEntity<ProblemDetail> refused(WebhookRefusedException e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(status == HttpStatus.UNAUTHORIZED ? "Unauthorized" : "Not allowed");
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The body as sent, refused unread when it says it is too large, and cut off when it turns out to be. */
    private static byte[] body(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > JsonBatches.MAX_BATCH_BYTES) {
            throw tooLarge();
        }
        byte[] bytes = request.getInputStream().readNBytes(JsonBatches.MAX_BATCH_BYTES + 1);
        if (bytes.length > JsonBatches.MAX_BATCH_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static ResponseStatusException tooLarge() {
        return new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                "A webhook request may be at most " + (JsonBatches.MAX_BATCH_BYTES >> 20) + " MB; split the records over several requests.");
    }
}

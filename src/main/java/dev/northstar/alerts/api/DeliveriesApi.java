package dev.northstar.alerts.api;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.Deliveries;
import dev.northstar.alerts.Delivery;
import dev.northstar.alerts.Digest;
import dev.northstar.alerts.Digests;
import dev.northstar.alerts.NotificationPreference;
import dev.northstar.alerts.NotificationPreferences;
import dev.northstar.alerts.OutgoingWebhook;
import dev.northstar.alerts.OutgoingWebhooks;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Notifications beyond the app: one's e-mail choices, the chat channels alerts post to, and the delivery log. */
@RestController
@Tag(name = "Deliveries", description = "E-mail choices, outgoing webhooks (chat channels) and the delivery log of alerts")
class DeliveriesApi {

    private final NotificationPreferences preferences;
    private final OutgoingWebhooks webhooks;
    private final Deliveries deliveries;
    private final Digests digests;

    DeliveriesApi(NotificationPreferences preferences, OutgoingWebhooks webhooks, Deliveries deliveries, Digests digests) {
        this.preferences = preferences;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.digests = digests;
    }

    @GetMapping(path = "/api/v1/notification-preferences", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "What the caller gets by e-mail besides the bell")
    NotificationPreference mine(Viewer viewer) {
        return preferences.mine(viewer);
    }

    @PutMapping(path = "/api/v1/notification-preferences", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Choose whether breaches, their ends and a weekly digest are e-mailed to the caller (all three fields required)")
    NotificationPreference choose(Viewer viewer, @RequestBody NotificationPreferences.Choice choice) {
        return preferences.choose(viewer, choice);
    }

    @GetMapping(path = "/api/v1/notifications/digest", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller's weekly digest as it would be e-mailed now")
    Digest digest(Viewer viewer) {
        return digests.mine(viewer);
    }

    @GetMapping(path = "/api/v1/outgoing-webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The chat channels alerts post to, with each one's latest post (company admins)")
    List<OutgoingWebhook> webhooks(Viewer viewer) {
        return webhooks.list(viewer);
    }

    @PostMapping(path = "/api/v1/outgoing-webhooks", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a chat channel by its incoming-webhook address (company admins)",
            description = "Answers the signing secret, this once. Each post is a Slack-compatible JSON body (text, blocks, and the "
                    + "same facts under northstar) with X-Northstar-Timestamp and X-Northstar-Signature: sha256=hex(HMAC-SHA256(secret, "
                    + "timestamp + '.' + body)); X-Northstar-Delivery is the same on every retry of one message.")
    OutgoingWebhook.Created create(Viewer viewer, @RequestBody OutgoingWebhooks.NewWebhook webhook) {
        return webhooks.create(viewer, webhook);
    }

    @DeleteMapping("/api/v1/outgoing-webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a chat channel; its alerts keep telling their owners (company admins)")
    void delete(Viewer viewer, @PathVariable long id) {
        webhooks.delete(viewer, id);
    }

    @PostMapping(path = "/api/v1/outgoing-webhooks/{id}/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Post a test message now and answer how it went (company admins)")
    Delivery test(Viewer viewer, @PathVariable long id) {
        return webhooks.test(viewer, id);
    }

    @GetMapping(path = "/api/v1/deliveries", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The delivery log, newest first, with every attempt (company admins)",
            description = "state: pending, sent or gave_up; channel: email or webhook; limit 1 to 500.")
    List<Delivery> log(Viewer viewer, @RequestParam(required = false) String state, @RequestParam(required = false) String channel,
                       @RequestParam(defaultValue = "100") int limit) {
        return deliveries.log(viewer, state, channel, limit);
    }
}

package dev.northstar.alerts;

import java.time.Instant;

/**
 * A chat channel's incoming webhook that alerts post to, as admins see it: its address only shortened (a Slack
 * address is itself a secret), never its signing secret; and how its latest post went.
 *
 * @param lastDelivery the latest post to it, or null if none yet
 */
public record OutgoingWebhook(long id, String name, String address, String createdBy, Instant createdAt, Delivery lastDelivery) {

    /** A webhook just made, with its signing secret: the only time the secret is shown. */
    public record Created(OutgoingWebhook webhook, String secret) {
    }
}

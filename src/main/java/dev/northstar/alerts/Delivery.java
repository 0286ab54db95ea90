package dev.northstar.alerts;

import java.time.Instant;
import java.util.List;

/**
 * An e-mail or webhook post on its way out, as the delivery log shows it: to whom, what, its state (pending, sent or
 * gave_up), and every attempt made.
 *
 * @param recipient   an e-mail address, or the webhook's name
 * @param nextAttempt when a pending delivery is tried next
 */
public record Delivery(long id, String channel, String recipient, Long webhookId, String kind, String subject, String state, int attempts,
                       String lastError, Instant createdAt, Instant nextAttempt, Instant sentAt, List<Attempt> attemptsMade) {

    /** One try: when, whether it went through, what came back ("HTTP 200", "connect timed out"), how long it took. */
    public record Attempt(int number, Instant at, boolean ok, String outcome, int durationMillis) {
    }
}

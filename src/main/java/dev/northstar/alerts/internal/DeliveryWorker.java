package dev.northstar.alerts.internal;

import dev.northstar.access.SecretBox;
import dev.northstar.alerts.internal.DeliveryStore.Claimed;
import dev.northstar.alerts.internal.DeliveryStore.Message;
import dev.northstar.alerts.internal.DeliveryStore.StoredWebhook;
import dev.northstar.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends what the outbox holds: each due delivery is claimed by one instance for one attempt (others skip it), tried,
 * and its attempt recorded; a failure that may pass is tried again after a wait that grows fourfold each time
 * ({@code northstar.delivery.backoff}, 30 s, 2 min, 8 min, ...), up to {@code northstar.delivery.max-attempts}, then
 * given up with the reason kept. An instance that dies mid-attempt leaves a claim that lapses, and the delivery is
 * tried again (a receiver tells the retry by its {@code X-Northstar-Delivery}), or given up if that was its last.
 * A claim outlasts an attempt: webhook posts are bounded by {@code northstar.delivery.timeout}, SMTP by the
 * {@code spring.mail.properties.mail.smtp.*timeout} settings.
 */
@Component
public class DeliveryWorker {

    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final int MOST_PER_TICK = 100;
    private static final Duration LONGEST_WAIT = Duration.ofHours(6);

    private final DeliveryStore store;
    private final EmailSender email;
    private final WebhookPoster webhooks;
    private final SecretBox secrets;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final Duration backoff;
    private final int maxAttempts;
    private final Duration lease;
    private final String publicUrl;
    private final PublicAddresses addresses;

    DeliveryWorker(DeliveryStore store, EmailSender email, WebhookPoster webhooks, SecretBox secrets, Clock clock,
                   PlatformTransactionManager transactions, @Value("${northstar.delivery.backoff:30s}") Duration backoff,
                   @Value("${northstar.delivery.max-attempts:6}") int maxAttempts, @Value("${northstar.delivery.timeout:10s}") Duration timeout,
                   PublicUrl publicUrl, PublicAddresses addresses) {
        this.store = store;
        this.email = email;
        this.webhooks = webhooks;
        this.secrets = secrets;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.backoff = backoff;
        this.maxAttempts = maxAttempts;
        this.lease = timeout.multipliedBy(2).plusSeconds(30);
        this.publicUrl = publicUrl.base();
        this.addresses = addresses;
    }

    @Scheduled(fixedDelayString = "${northstar.delivery.tick:2s}")
    void sendDue() {
        store.giveUpAbandoned(clock.instant(), maxAttempts);
        for (int i = 0; i < MOST_PER_TICK; i++) {
            Instant now = clock.instant();
            Optional<Claimed> due = store.claim(now, now.plus(lease), maxAttempts);
            if (due.isEmpty()) {
                return;
            }
            attempt(due.get());
        }
    }

    /**
     * Posts to a webhook now, in the caller's thread (a test from its page), as a delivery queued already claimed, so
     * that no other worker takes it meanwhile; a failure is retried like any other. Returns the delivery's id.
     */
    public long postNow(long companyId, long webhookId, String name, Message message) {
        Instant now = clock.instant();
        Claimed claimed = store.queueClaimedWebhook(companyId, webhookId, name, message, now, now.plus(lease));
        attempt(claimed);
        return claimed.id();
    }

    private void attempt(Claimed claimed) {
        Instant started = clock.instant();
        Outcome outcome;
        try {
            outcome = send(claimed);
        } catch (RuntimeException e) {
            log.warn("Delivery {} of company {} failed unexpectedly", claimed.id(), claimed.companyId(), e);
            outcome = Outcome.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Instant ended = clock.instant();
        Outcome result = outcome;
        transaction.executeWithoutResult(status -> {
            store.attempted(claimed, ended, result.ok(), result.detail(), Duration.between(started, ended).toMillis());
            if (result.ok()) {
                store.sent(claimed, ended);
            } else if (result.retryable() && claimed.attempt() < maxAttempts) {
                store.retryAt(claimed, ended.plus(wait(claimed.attempt())), result.detail());
            } else {
                store.gaveUp(claimed, "Gave up after " + claimed.attempt() + (claimed.attempt() == 1 ? " attempt: " : " attempts: ")
                        + result.detail());
            }
        });
    }

    private Outcome send(Claimed claimed) {
        if ("email".equals(claimed.channel())) {
            return email.send(claimed.recipient(), claimed.message(), publicUrl);
        }
        if (claimed.webhookId() == null) {
            return Outcome.refused("the webhook was removed");
        }
        Optional<StoredWebhook> webhook = store.webhook(claimed.companyId(), claimed.webhookId());
        if (webhook.isEmpty()) {
            return Outcome.refused("the webhook was removed");
        }
        String url;
        String secret;
        try {
            url = secrets.open(webhook.get().urlSealed());
            secret = secrets.open(webhook.get().secretSealed());
        } catch (RuntimeException e) {
            return Outcome.refused("its address and secret cannot be read: " + e.getMessage()); // another key will not come by waiting
        }
        try {
            addresses.check(URI.create(url));
        } catch (InvalidInputException e) {
            return Outcome.failed("the address " + e.reason()); // its name may come to point outside again
        }
        return webhooks.post(url, secret, claimed.id(), claimed.message(), publicUrl);
    }

    /** The wait after the given failed attempt: the backoff, four times longer each time, at most six hours. */
    Duration wait(int attempt) {
        Duration wait = backoff.multipliedBy((long) Math.pow(4, Math.min(attempt - 1, 15)));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    /** Whether this server sends e-mail (an SMTP server is set up). */
    public boolean sendsEmail() {
        return email.setUp();
    }
}

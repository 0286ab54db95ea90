package dev.northstar.alerts.internal;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.DeliveryStore.EmailChoices;
import dev.northstar.alerts.internal.DeliveryStore.Message;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Queues a notification's ways out, in the transaction that makes it, so that a notification and its e-mail and
 * webhook post are written together or not at all; {@link DeliveryWorker} sends them.
 */
@Component
class Outbox {

    private final DeliveryStore store;
    private final EmailSender email;

    Outbox(DeliveryStore store, EmailSender email) {
        this.store = store;
        this.email = email;
    }

    /** An e-mail to the owner if they want this kind and the server sends e-mail; a post to the rule's webhook if it has one. */
    void queue(long companyId, long notificationId, Viewer owner, Long webhookId, Message message, Instant now) {
        EmailChoices choices = store.emailChoices(companyId, owner.personId());
        boolean wanted = "breached".equals(message.kind()) ? choices.breaches() : choices.resolutions();
        if (wanted && email.setUp() && owner.email() != null && !owner.email().isBlank()) {
            store.queueEmail(companyId, notificationId, owner.personId(), owner.email(), message, now);
        }
        if (webhookId != null) {
            store.webhook(companyId, webhookId)
                    .ifPresent(webhook -> store.queueWebhook(companyId, notificationId, webhook.id(), webhook.name(), message, now));
        }
    }
}

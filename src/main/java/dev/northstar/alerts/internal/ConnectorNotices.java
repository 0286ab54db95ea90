package dev.northstar.alerts.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.connectors.ConnectorFailing;
import dev.northstar.connectors.ConnectorRecovered;
import dev.northstar.alerts.internal.DeliveryStore.Message;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/**
 * A connector that keeps failing is a broken feed: every company admin is told, in the bell and by e-mail (as they
 * chose for breaches), once when the failures reach the connector's threshold and once when it works again. Runs in
 * the transaction that records the pull.
 */
@Component
class ConnectorNotices {

    private final AlertStore store;
    private final Outbox outbox;
    private final OrganizationDirectory directory;
    private final Clock clock;

    ConnectorNotices(AlertStore store, Outbox outbox, OrganizationDirectory directory, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.directory = directory;
        this.clock = clock;
    }

    @EventListener
    void failing(ConnectorFailing failing) {
        tell(failing.companyId(), new Message("breached", "Connector " + failing.name() + " failed " + failing.failures() + " pulls in a row",
                "The last pull failed: " + failing.error() + ". Nothing of the failed pulls was loaded; it keeps retrying.",
                "Open the connector, fix what the error names (address, credentials, the source's format), then press Run now.",
                failing.link()));
    }

    @EventListener
    void recovered(ConnectorRecovered recovered) {
        tell(recovered.companyId(), new Message("resolved", "Connector " + recovered.name() + " works again",
                "Its last pull read " + recovered.received() + " records.", null, recovered.link()));
    }

    private void tell(long companyId, Message message) {
        Instant now = clock.instant();
        for (Viewer admin : directory.admins(companyId)) {
            long notification = store.notify(companyId, admin.personId(), null, message.kind(), message.subject(), message.body(),
                    message.action(), message.link(), now);
            outbox.queue(companyId, notification, admin, null, message, now);
        }
    }
}

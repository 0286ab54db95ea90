package dev.northstar.alerts;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.AlertStore;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** A person's own notifications: nobody reads or marks another's. */
@Service
@Transactional
public class Notifications {

    public static final int LONGEST_LIST = 200;

    private final AlertStore store;
    private final Clock clock;

    Notifications(AlertStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The viewer's newest first, {@code limit} of them (1 to 200). */
    @Transactional(readOnly = true)
    public List<Notification> mine(Viewer viewer, boolean unreadOnly, int limit) {
        if (limit < 1 || limit > LONGEST_LIST) {
            throw new InvalidInputException("limit", "must be 1 to " + LONGEST_LIST);
        }
        return store.notifications(viewer.companyId(), viewer.personId(), unreadOnly, limit);
    }

    @Transactional(readOnly = true)
    public long unread(Viewer viewer) {
        return store.unread(viewer.companyId(), viewer.personId());
    }

    public void markRead(Viewer viewer, long id) {
        if (!store.markRead(viewer.companyId(), viewer.personId(), id, clock.instant())) {
            throw new NotFoundException("Notification", id);
        }
    }

    public int markAllRead(Viewer viewer) {
        return store.markAllRead(viewer.companyId(), viewer.personId(), clock.instant());
    }
}

package dev.northstar.alerts.web;

import dev.northstar.access.CurrentViewer;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.Notifications;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The bell in every page's header ({@code ${@bell.unread()}} in the layout): how many of the viewer's notifications are
 * unread. Asked by the layout as it renders, so fragments, streams and redirects do not count.
 */
@Component("bell")
public class Bell {

    private final CurrentViewer currentViewer;
    private final Notifications notifications;

    Bell(CurrentViewer currentViewer, Notifications notifications) {
        this.currentViewer = currentViewer;
        this.notifications = notifications;
    }

    /** Unread notifications of the viewer; null without one. */
    public Long unread() {
        Viewer viewer = currentViewer.orNull();
        if (viewer == null) {
            return null;
        }
        try {
            return notifications.unread(viewer);
        } catch (DataAccessException e) {
            return null; // the error page must render when the database is what failed
        }
    }
}

package dev.northstar.alerts;

import java.time.Instant;

/** Something a person is told in the app: an alert breached or resolved, what to do about it, and where to look. */
public record Notification(long id, String kind, String title, String body, String action, String link, Instant createdAt, boolean read) {
}

package dev.northstar.alerts.api;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.AlertRule;
import dev.northstar.alerts.AlertRules;
import dev.northstar.alerts.Notification;
import dev.northstar.alerts.Notifications;
import dev.northstar.alerts.Review;
import dev.northstar.alerts.Reviews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/** Alert rules and the caller's notifications. Access is decided by {@link AlertRules} and {@link Notifications}. */
@RestController
@Tag(name = "Alerts", description = "Alert rules on a metric and scope, and the notifications they send")
class AlertsApi {

    private final AlertRules rules;
    private final Notifications notifications;
    private final Reviews reviews;

    AlertsApi(AlertRules rules, Notifications notifications, Reviews reviews) {
        this.rules = rules;
        this.notifications = notifications;
        this.reviews = reviews;
    }

    @GetMapping(path = "/api/v1/alert-rules", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The rules on scopes the caller sees, and those the caller owns")
    List<AlertRule> rules(Viewer viewer) {
        return rules.visible(viewer);
    }

    @PostMapping(path = "/api/v1/alert-rules", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Make a rule on a metric of a scope the caller sees",
            description = "condition: above or below (threshold in the metric's unit as the API gives values: a percent metric as "
                    + "a share, 0.3 for 30 %), worsens_by (percent worse than the same days of the previous period), "
                    + "behind_pace_by (percent behind where its pace to target is by today), no_data_for_days (1 to 365). "
                    + "ownerId, who is told, defaults to the metric's owner when they see the scope, else the caller; naming "
                    + "someone else takes the right to configure the scope. A rule is checked after every load and every "
                    + "ten minutes, and tells its owner once when breached and once when the breach ends.")
    AlertRule create(Viewer viewer, @RequestBody AlertRules.NewRule rule) {
        return rules.create(viewer, rule);
    }

    @DeleteMapping("/api/v1/alert-rules/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a rule (its owner, its maker, or whoever configures its scope)")
    void delete(Viewer viewer, @PathVariable long id) {
        rules.delete(viewer, id);
    }

    @PostMapping(path = "/api/v1/alert-rules/check", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check the company's rules now (company admins)")
    Map<String, Integer> check(Viewer viewer) {
        return Map.of("notificationsSent", rules.checkNow(viewer));
    }

    @GetMapping(path = "/api/v1/reviews/{cadence}", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "What a review meeting of the cadence (daily, weekly, monthly, quarterly) goes through, for a scope the caller sees",
            description = "The metrics of that cadence with their meeting, owner, value for the current period against target, the "
                    + "action when they worsen, and their breached alerts; scope defaults to company.")
    Review review(Viewer viewer, @PathVariable String cadence, @RequestParam(defaultValue = "company") String scope) {
        return reviews.review(viewer, cadence, scope);
    }

    @GetMapping(path = "/api/v1/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "The caller's notifications, newest first")
    List<Notification> notifications(Viewer viewer, @RequestParam(defaultValue = "false") boolean unread,
                                     @RequestParam(defaultValue = "50") int limit) {
        return notifications.mine(viewer, unread, limit);
    }

    @GetMapping(path = "/api/v1/notifications/unread-count", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "How many of the caller's notifications are unread")
    Map<String, Long> unread(Viewer viewer) {
        return Map.of("unread", notifications.unread(viewer));
    }

    @PostMapping("/api/v1/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark one of the caller's notifications read")
    void read(Viewer viewer, @PathVariable long id) {
        notifications.markRead(viewer, id);
    }

    @PostMapping(path = "/api/v1/notifications/read-all", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Mark all the caller's notifications read")
    Map<String, Integer> readAll(Viewer viewer) {
        return Map.of("marked", notifications.markAllRead(viewer));
    }
}

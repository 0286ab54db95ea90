package dev.northstar.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a review meeting of one cadence goes through (C11, seed 002: every metric has an owner and a follow-up
 * action): the metrics reviewed at that cadence, each with its meeting, owner, value for the period against target,
 * the action when it worsens, and the alerts on it that are breached now, on any scope the reader sees (a team's
 * breach is the company meeting's business too; each alert's description names its scope).
 *
 * @param cadence  daily, weekly, monthly or quarterly
 * @param counts   how many metrics each cadence has, in the order above, for the page's tabs
 */
public record Review(String cadence, List<CadenceCount> counts, String scope, String scopeName, String period, List<Item> items) {

    /** The items by their meeting, in order (items come sorted by meeting); those without one under "". */
    public Map<String, List<Item>> byMeeting() {
        Map<String, List<Item>> meetings = new LinkedHashMap<>();
        items.forEach(item -> meetings.computeIfAbsent(item.meeting() == null ? "" : item.meeting(), m -> new ArrayList<>()).add(item));
        return meetings;
    }

    public record CadenceCount(String cadence, int metrics) {
    }

    /** One metric to review; {@code status} is the status's name (GREEN, AMBER, RED, NONE, NO_DATA). */
    public record Item(String metric, String name, String meeting, String owner, String value, String target, String status,
                       String statusWord, String action, String link, List<AlertRule> openAlerts) {
    }
}

package dev.northstar.alerts;

import java.util.List;

/**
 * A person's week in one message: their key metrics as Home shows them (value, target, status, change against the same
 * days of the period before), the alerts they were told of in the last seven days, and those still breached.
 *
 * @param week     the week it is for, as the company's calendar writes it ({@code 2026-W48})
 * @param onTrack  how many key metrics are on track, of {@code metrics.size()}
 */
public record Digest(String personName, String week, List<Line> metrics, long onTrack, List<Notification> alerts, List<String> stillBreached) {

    /** One key metric: its words as the pages write them; {@code status} is the status's name (GREEN, AMBER, RED, NONE, NO_DATA). */
    public record Line(String name, String period, String value, String target, String status, String statusWord, String change,
                       String link) {
    }

    public String subject() {
        String metricsPart = metrics.isEmpty() ? "no key metrics yet" : onTrack + " of " + metrics.size() + " key metrics on track";
        String alertsPart = alerts.isEmpty() ? "" : ", " + alerts.size() + (alerts.size() == 1 ? " alert" : " alerts");
        return "Your week in Northstar (" + week + "): " + metricsPart + alertsPart;
    }
}

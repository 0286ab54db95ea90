package dev.northstar.catalog;

/**
 * A level that key metrics are assigned to: the company (both ids null), a department or a team. A person has no
 * level of their own: they follow their team.
 */
public record KeyMetricLevel(Long departmentId, Long teamId) {

    public static final KeyMetricLevel COMPANY = new KeyMetricLevel(null, null);

    public KeyMetricLevel {
        if (departmentId != null && teamId != null) {
            throw new IllegalArgumentException("a level is a department or a team, not both");
        }
    }

    public static KeyMetricLevel department(long id) {
        return new KeyMetricLevel(id, null);
    }

    public static KeyMetricLevel team(long id) {
        return new KeyMetricLevel(null, id);
    }

    /** How a level differs from the one above: it adds a metric, or hides an inherited one. */
    public enum Mode { ADD, HIDE }
}

package dev.northstar.catalog;

/**
 * One key metric, defined once for the company: what it means, how it is shown and who answers for it, and its
 * {@link Formula}. The definition is locked: every page, API and alert computes the same number from it.
 */
public record MetricDefinition(
        String key,
        String name,
        String description,
        Kind kind,
        Timing timing,
        Category category,
        Area area,
        String parentKey,
        Unit unit,
        int decimals,
        Direction direction,
        Long ownerId,
        Cadence cadence,
        String reviewMeeting,
        String actionWhenWorse,
        Purpose purpose,
        Formula formula) {

    /** Primary: a result; secondary: an activity that drives results. */
    public enum Kind { PRIMARY, SECONDARY }

    public enum Timing { LEADING, LAGGING }

    public enum Category { ACTIVITY, PERFORMANCE, CUSTOMER_SATISFACTION }

    /** The KPI tree's areas (seed 002). */
    public enum Area { ACQUISITION, CONVERSION, ACTIVATION, RETENTION, EXPANSION, OPERATIONS }

    public enum Unit { COUNT, CURRENCY, PERCENT, DURATION, RATIO }

    public enum Direction { HIGHER_IS_BETTER, LOWER_IS_BETTER }

    public enum Cadence { DAILY, WEEKLY, MONTHLY, QUARTERLY }

    /** Reporting metrics inform; operating metrics are steered day to day. */
    public enum Purpose { REPORTING, OPERATING }
}

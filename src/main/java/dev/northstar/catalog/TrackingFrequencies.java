package dev.northstar.catalog;

import dev.northstar.catalog.MetricDefinition.Kind;

/**
 * How often key metrics are tracked, set at company level per kind (seed 000): results (primary) typically monthly,
 * the activities that drive them (secondary) weekly or daily.
 */
public record TrackingFrequencies(Frequency primary, Frequency secondary) {

    public enum Frequency { DAILY, WEEKLY, MONTHLY, QUARTERLY }

    /** What a company tracks at until it chooses. */
    public static final TrackingFrequencies DEFAULT = new TrackingFrequencies(Frequency.MONTHLY, Frequency.WEEKLY);

    public Frequency of(Kind kind) {
        return kind == Kind.PRIMARY ? primary : secondary;
    }
}

package dev.northstar.catalog;

import dev.northstar.catalog.MetricDefinition.Kind;
import dev.northstar.catalog.TrackingFrequencies.Frequency;

import java.util.List;

/**
 * The key metrics in force for a scope, each with where it comes from and how often it is tracked, and the inherited
 * ones this level hides. For a person: their team's metrics (the company's when they are in no team), with the
 * team's own ones as {@link Origin#TEAM}.
 *
 * @param scope the scope as written in the API ({@code company}, {@code team:5}, ...)
 */
public record ResolvedKeyMetrics(String scope, List<KeyMetric> metrics, List<KeyMetric> hidden) {

    /** Where a key metric comes from: the level itself (OWN) or the level it was inherited from. */
    public enum Origin { COMPANY, DEPARTMENT, TEAM, OWN }

    public record KeyMetric(String key, String name, Kind kind, Origin origin, Frequency frequency) {
    }

    public List<String> keys() {
        return metrics.stream().map(KeyMetric::key).toList();
    }
}

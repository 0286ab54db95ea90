package dev.northstar.accounts;

/** A group of account metrics (e.g. Revenue, Engagement), shown together on the metric details page. */
public record MetricFamily(long id, String name, int position) {
}

/**
 * Analytics (C7): metric values per scope and period. The {@link dev.northstar.analytics.ReferenceEvaluator}: read-time
 * queries over the raw records, correct before fast (docs/metrics.md defines every value); the rollups, kept current
 * from the cells ingest marks ({@link dev.northstar.analytics.RollupMaintenance} rebuilds and verifies them); and
 * {@link dev.northstar.analytics.MetricValues}, which reads from the rollups where they hold the answer. Also
 * {@link dev.northstar.analytics.ManualValues}, the values of metrics that no record holds.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics", allowedDependencies = {"shared", "access", "organization", "catalog", "targets", "ingest"})
package dev.northstar.analytics;

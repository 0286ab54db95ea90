/**
 * Analytics (C7): metric values per scope and period. So far the {@link dev.northstar.analytics.ReferenceEvaluator}:
 * read-time queries over the raw records, correct before fast, that the rollups of the next step must agree with
 * (docs/metrics.md defines every value), and {@link dev.northstar.analytics.ManualValues}, the values of metrics that
 * no record holds.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics", allowedDependencies = {"shared", "access", "organization", "catalog", "targets"})
package dev.northstar.analytics;

/**
 * Analytics (C7): metric values per scope and period. So far the reference evaluator: read-time queries over the
 * raw records, correct before fast, that the rollups of the next step must agree with.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Analytics", allowedDependencies = {"shared", "access", "organization", "catalog"})
package dev.northstar.analytics;

/**
 * Targets and status (C5): targets per metric, scope and period with their history, which target applies to a
 * period (set, summed from smaller periods, or prorated from a larger one), warnings when lower levels' targets do not
 * add up, and pacing: where a value should be by today, where it is heading, and its status colour, word and icon.
 * Metrics are referred to by key; {@link dev.northstar.targets.MetricKeys} says which keys exist and their unit.
 * The rules are written for users in docs/targets.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Targets",
        allowedDependencies = {"shared", "access", "organization", "catalog"})
package dev.northstar.targets;

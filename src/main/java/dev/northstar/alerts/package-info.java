/**
 * Alerts (C11): rules on a metric of a scope (crosses a threshold, worsens against the previous period, falls behind
 * pace, has no data for some days), checked after every load and on a timer, each telling its owner once when it is
 * breached and once when the breach ends, with the metric's predefined action; and the notifications people read in
 * the app (the bell). Values come from analytics' metric queries, asked as the rule's owner.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Alerts",
        allowedDependencies = {"shared", "access", "organization", "catalog", "targets", "analytics", "ingest", "connectors"})
package dev.northstar.alerts;

/**
 * The pages people live in (C8): home, profile, team, department and company pages with their key metrics, pace,
 * status, trails, children's progress and leaderboards. Values and access come from analytics' metric queries,
 * which check every question against the access policy; this module only lays them out.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboards",
        allowedDependencies = {"shared", "access", "organization", "catalog", "targets", "analytics"})
package dev.northstar.dashboards;

/**
 * The pages people live in (C8): home, profile, team, department and company pages with their key metrics, pace,
 * status, trails, children's progress and leaderboards. Values and access come from analytics' metric queries,
 * which check every question against the access policy; this module only lays them out. Open pages follow the loads
 * of ingest live (server-sent events): their numbers refresh and a won deal is celebrated.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Dashboards",
        allowedDependencies = {"shared", "access", "organization", "catalog", "targets", "analytics", "ingest"})
package dev.northstar.dashboards;

/**
 * The audit log (C12): every change to the company's configuration (organization, roles, metrics, key metrics,
 * targets, thresholds, alert rules, chat channels, tokens, webhook sources, dashboards) and every value people type,
 * with who, when, what, before and after. Database triggers write it (V19), so no code path is left out; it is
 * append-only there too. This module reads it for company admins: a filterable page, the API, CSV and XLSX.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit", allowedDependencies = {"shared", "access"})
package dev.northstar.audit;

/**
 * Accounts (C9): customer accounts' metrics, system-computed from the records (recurring revenue, deals, activities)
 * or entered per account and day, grouped in families and judged against targets with thresholds and colours; a
 * health score made of their statuses by a formula the admins set; an account's summary and metric details with a
 * timeline and the history of every edit; the portfolio across the accounts a person sees.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts",
        allowedDependencies = {"shared", "access", "organization", "ingest", "targets", "reports"})
package dev.northstar.accounts;

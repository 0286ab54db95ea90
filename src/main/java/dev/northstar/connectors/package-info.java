/**
 * Connectors (C10): scheduled pulls from other systems (an HTTP JSON API, a CSV file at an address, a query against
 * another PostgreSQL database) into the same ingest path as the API, so the same checks and the same idempotency by
 * external id apply. Pulls run through db-scheduler, so one instance runs each; a pull loads everything it read or
 * nothing, keeps a cursor for the next one, retries with backoff and tells the admins after repeated failures.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Connectors", allowedDependencies = {"shared", "access", "organization", "ingest"})
package dev.northstar.connectors;

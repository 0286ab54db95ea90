/**
 * Data in (C6): what people do and sell, arriving through the API, file imports, signed webhooks
 * ({@code ingest.webhooks}) and the activity logger. Records are upserted by (source, external id), so sending them again changes nothing,
 * and an Idempotency-Key makes a retried request return its first answer. So far: activities, activity types,
 * and the types each team logs with the activity logger.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ingest", allowedDependencies = {"shared", "access", "organization"})
package dev.northstar.ingest;

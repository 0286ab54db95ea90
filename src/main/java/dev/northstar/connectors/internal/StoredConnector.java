package dev.northstar.connectors.internal;

import dev.northstar.connectors.ConnectorKind;
import dev.northstar.connectors.ConnectorSettings;

import java.time.Instant;

/** A connector's row, its secrets still sealed. */
public record StoredConnector(long companyId, long id, String name, ConnectorKind kind, String recordKind, String source, String schedule,
                              ConnectorSettings settings, String secretSealed, String cursorField, String cursor, boolean enabled,
                              int alertAfter, int consecutiveFailures, long runAs, Instant createdAt) {
}

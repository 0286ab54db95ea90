package dev.northstar.connectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A connector as admins see it: what it reads, when, and how its pulls went. Secrets are never shown: only the names
 * of the headers that carry one, and whether a password is set.
 *
 * @param nextRunAt when the next pull is due (null: disabled); {@code running} while an instance runs it
 */
public record Connector(long id, String name, ConnectorKind kind, String recordKind, String source, String schedule, ConnectorSettings settings,
                        List<String> secretHeaders, boolean passwordSet, String cursorField, String cursor, boolean enabled, int alertAfter,
                        int consecutiveFailures, ConnectorRun lastRun, Instant nextRunAt, boolean running) {

    /** "ok", "failing" (the last pull failed), "paused" or "new" (never ran). */
    @JsonProperty("state")
    public String state() {
        if (!enabled) return "paused";
        if (lastRun == null) return "new";
        return lastRun.ok() ? "ok" : "failing";
    }
}

package dev.northstar.connectors;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One pull: what it read and loaded, or why it failed (then nothing of it was loaded).
 *
 * @param startedBy "schedule", "retry" (after a failure) or "hand" (Run now)
 * @param rejections the first rejected records, each naming its line, field and reason
 */
public record ConnectorRun(long id, String startedBy, Instant startedAt, Instant finishedAt, boolean ok, long received, long created,
                           long updated, long unchanged, long rejected, List<Rejection> rejections, String error, String cursorAfter) {

    public record Rejection(long line, String label, String field, String value, String reason) {
    }

    public Duration took() {
        return Duration.between(startedAt, finishedAt);
    }

    @JsonProperty("tookMillis")
    public long tookMillis() {
        return took().toMillis();
    }
}

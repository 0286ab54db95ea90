package dev.northstar.ingest;

import java.util.List;

/** What happened to each record of a batch, and the counts. */
public record BatchResult(int created, int updated, int unchanged, int rejected, List<RecordResult> results) {

    public enum Outcome { CREATED, UPDATED, UNCHANGED, REJECTED }

    /** One record's fate; {@code index} is its 0-based position in the batch, {@code errors} name field and reason. */
    public record RecordResult(int index, String externalId, Outcome outcome, Long id, List<FieldError> errors) {
    }

    /** What is wrong with one field: its name, the value as given (null when missing) and why. */
    public record FieldError(String field, String value, String reason) {
    }

    public static BatchResult of(List<RecordResult> results) {
        int[] counts = new int[Outcome.values().length];
        results.forEach(r -> counts[r.outcome().ordinal()]++);
        return new BatchResult(counts[0], counts[1], counts[2], counts[3], List.copyOf(results));
    }
}

package dev.northstar.ingest.internal;

import dev.northstar.ingest.BatchResult.FieldError;

/** Why one imported row cannot be taken: its changes are undone and the import goes on with the next row. */
public final class RowRejected extends RuntimeException {

    private final transient FieldError error;

    public RowRejected(String field, String value, String reason) {
        super(field + " '" + value + "': " + reason, null, false, false);
        this.error = new FieldError(field, value, reason);
    }

    public FieldError error() {
        return error;
    }
}

package dev.northstar.ingest.files;

import dev.northstar.ingest.RecordKind;

import java.time.Instant;

/** One file on its way in: what it is, how to read it, and what its last check or commit found. */
public record ImportJob(long id, long personId, RecordKind kind, String fileName, long fileSize, String source, ImportSettings settings,
                        State state, Long totalRows, Long createdRows, Long updatedRows, Long unchangedRows, Long rejectedRows,
                        Long lookalikeRows, String failure, Instant createdAt, Instant finishedAt) {

    public enum State {
        UPLOADED, CHECKING, CHECKED, COMMITTING, COMMITTED, FAILED;

        public boolean running() {
            return this == CHECKING || this == COMMITTING;
        }
    }

    public boolean committable() {
        return state == State.CHECKED;
    }

    /** Rows the commit would write: all minus the rejected (and, if skipped, the look-alikes). */
    public long goodRows() {
        return (createdRows == null ? 0 : createdRows) + (updatedRows == null ? 0 : updatedRows) + (unchangedRows == null ? 0 : unchangedRows);
    }
}

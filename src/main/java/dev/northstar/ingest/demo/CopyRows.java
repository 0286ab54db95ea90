package dev.northstar.ingest.demo;

import dev.northstar.ingest.internal.CopyText;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Rows for {@code COPY ... FROM STDIN} in PostgreSQL's text format (tab between fields, {@code \N} for null,
 * backslash escapes), sent in chunks of about 256 kB so that a stream of any length never sits in memory.
 */
final class CopyRows implements AutoCloseable {

    private static final int CHUNK = 256 * 1024;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 4096);
    private boolean firstField = true;

    CopyRows(CopyManager manager, String copySql) throws SQLException {
        this.copy = manager.copyIn(copySql);
    }

    CopyRows field(Object value) {
        if (!firstField) buffer.append('\t');
        firstField = false;
        CopyText.append(buffer, value);
        return this;
    }

    void endRow() throws SQLException {
        buffer.append('\n');
        firstField = true;
        if (buffer.length() >= CHUNK) flush();
    }

    /** Sends the rest and ends the copy; returns how many rows PostgreSQL stored. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy(); // an exception left the copy open: the connection must be usable for the rollback
        }
    }

    private void flush() throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }
}

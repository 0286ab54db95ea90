package dev.northstar.ingest.demo;

import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

import java.math.BigDecimal;
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
        if (value == null) {
            buffer.append("\\N");
        } else if (value instanceof BigDecimal decimal) {
            buffer.append(decimal.toPlainString());
        } else if (value instanceof Number || value instanceof java.time.temporal.Temporal) {
            buffer.append(value); // ISO dates and times, which PostgreSQL reads as they are
        } else {
            escape(value.toString());
        }
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

    private void escape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
    }
}

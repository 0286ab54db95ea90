package dev.northstar.ingest.internal;

import dev.northstar.ingest.RawRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Reads NDJSON one line at a time: each non-blank line is a record; a line that is not JSON is an unreadable record.
 * Lines end at LF (a CR before it is dropped). A lone CR is not a line end: JSON allows it as whitespace between
 * tokens, so splitting there would break one valid record into two broken ones.
 */
public final class NdjsonRecords implements Iterator<RawRecord> {

    /** A line that could not be parsed. */
    private record BadLine(long line, String reason) implements RawRecord {
        @Override
        public String get(String field) {
            return null;
        }

        @Override
        public String unreadable() {
            return reason;
        }
    }

    private final Reader reader;
    private final JsonMapper json;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private long lineNumber;
    private RawRecord next;

    public NdjsonRecords(InputStream in, JsonMapper json) {
        this.reader = new InputStreamReader(in, StandardCharsets.UTF_8);
        this.json = json;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line;
            try {
                line = readLine();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (line == null) {
                return false;
            }
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            try {
                next = new JsonRecord(lineNumber, json.readValue(line, Object.class));
            } catch (JacksonException e) {
                next = new BadLine(lineNumber, "is not valid JSON: " + e.getOriginalMessage());
            }
        }
        return true;
    }

    /** The next line without its LF (or CRLF), or null at the end of the stream. */
    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (position == limit) {
                int read = reader.read(buffer, 0, buffer.length);
                if (read < 0) {
                    return line.isEmpty() ? null : line.toString();
                }
                position = 0;
                limit = read;
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (position < limit) {
                position++; // the LF
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
        }
    }

    @Override
    public RawRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord record = next;
        next = null;
        return record;
    }
}

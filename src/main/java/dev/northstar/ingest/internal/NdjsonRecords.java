package dev.northstar.ingest.internal;

import dev.northstar.ingest.RawRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads NDJSON one line at a time: each non-blank line is a record; a line that is not JSON is an unreadable record. */
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

    private final BufferedReader reader;
    private final JsonMapper json;
    private long lineNumber;
    private RawRecord next;

    public NdjsonRecords(InputStream in, JsonMapper json) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        this.json = json;
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line;
            try {
                line = reader.readLine();
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

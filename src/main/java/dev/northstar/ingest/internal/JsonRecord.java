package dev.northstar.ingest.internal;

import dev.northstar.ingest.RawRecord;

import java.util.List;
import java.util.Map;

/** A record of a JSON batch or NDJSON stream, as Jackson parsed it. */
public record JsonRecord(long line, Object parsed) implements RawRecord {

    @Override
    public String get(String field) {
        if (!(parsed instanceof Map<?, ?> map)) {
            return null;
        }
        Object value = map.get(field);
        if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
            return value == null ? null : "(a JSON " + (value instanceof Map<?, ?> ? "object" : "array") + ")";
        }
        String text = value.toString();
        return text.isBlank() ? null : text;
    }

    @Override
    public String unreadable() {
        return parsed instanceof Map<?, ?> ? null : "must be a JSON object";
    }
}

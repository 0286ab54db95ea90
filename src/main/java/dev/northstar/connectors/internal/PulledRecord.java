package dev.northstar.connectors.internal;

import dev.northstar.ingest.RawRecord;

import java.util.Map;

/** One record as a source gave it, its fields already as text; {@code line} counts records from 1 across pages. */
record PulledRecord(long line, Map<String, String> fields) implements RawRecord {

    @Override
    public String get(String field) {
        String value = fields.get(field);
        return value == null || value.isBlank() ? null : value;
    }
}

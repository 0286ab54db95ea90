package dev.northstar.connectors.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A source's records as ingest reads them: each one's fields under their own names, then the mapped fields read from
 * where the mapping says; numbered from 1; at most {@code maxRecords}. Remembers each record's cursor value, so that
 * the cursor moves only past records that were loaded.
 */
class PulledRecords implements Iterator<PulledRecord> {

    private final RecordSource source;
    private final Map<String, String> mapping;
    private final String cursorField;
    private final long maxRecords;
    private final List<String> cursors = new ArrayList<>();
    private SourceRecord ahead;
    private long line;

    PulledRecords(RecordSource source, Map<String, String> mapping, String cursorField, long maxRecords) {
        this.source = source;
        this.mapping = mapping;
        this.cursorField = cursorField == null || cursorField.isBlank() ? null : cursorField;
        this.maxRecords = maxRecords;
    }

    @Override
    public boolean hasNext() {
        if (ahead == null) {
            ahead = source.next();
        }
        return ahead != null;
    }

    @Override
    public PulledRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (++line > maxRecords) {
            throw new PullFailed("more than " + maxRecords + " records in one pull (northstar.connectors.max-records); use a cursor to pull less at a time");
        }
        Map<String, String> fields = new HashMap<>();
        for (String name : ahead.names()) {
            fields.put(name, ahead.value(name));
        }
        mapping.forEach((field, path) -> fields.put(field, ahead.value(path)));
        ahead = null;
        if (cursorField != null) {
            cursors.add(fields.get(cursorField));
        }
        return new PulledRecord(line, fields);
    }

    /**
     * The greatest cursor value among the loaded records below the least value of a rejected record, so that the next
     * pull asks again for every rejected one; null (the cursor stays) if none qualifies or a rejected record has none.
     */
    String cursorAfter(Set<Long> rejectedLines) {
        String leastRejected = null;
        for (long line : rejectedLines) {
            String value = line >= 1 && line <= cursors.size() ? cursors.get((int) line - 1) : null;
            if (value == null || value.isBlank()) {
                return null;
            }
            leastRejected = leastRejected == null || CursorValues.compare(value, leastRejected) < 0 ? value : leastRejected;
        }
        String max = null;
        for (int i = 0; i < cursors.size(); i++) {
            String value = cursors.get(i);
            boolean loaded = value != null && !value.isBlank() && !rejectedLines.contains((long) i + 1);
            if (loaded && (leastRejected == null || CursorValues.compare(value, leastRejected) < 0)) {
                max = CursorValues.max(max, value);
            }
        }
        return max;
    }
}

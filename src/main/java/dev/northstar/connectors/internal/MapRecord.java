package dev.northstar.connectors.internal;

import java.util.List;
import java.util.Map;

/** A row of a file or a query: its columns in order, and each cell's text by column. */
record MapRecord(List<String> names, Map<String, String> cells) implements SourceRecord {

    @Override
    public String value(String path) {
        return cells.get(path);
    }
}

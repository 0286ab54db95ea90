package dev.northstar.ingest.files;

import dev.northstar.ingest.RawRecord;

import java.util.Map;

/** A row of a file seen through its column mapping: fields by key, from their column or the constant for all rows. */
record MappedRecord(TabularFile.Row row, Map<String, Integer> columns, Map<String, String> constants) implements RawRecord {

    @Override
    public long line() {
        return row.line();
    }

    @Override
    public String fingerprint() {
        Integer idColumn = columns.get("externalId");
        StringBuilder cells = new StringBuilder();
        for (int i = 0; i < row.cells().size(); i++) {
            if (idColumn == null || i != idColumn) {
                cells.append(row.cells().get(i)).append('\u001f');
            }
        }
        return dev.northstar.shared.Sha256.hex(cells.toString()).substring(0, 32);
    }

    @Override
    public String get(String field) {
        Integer column = columns.get(field);
        String value = column != null ? row.cell(column) : constants.get(field);
        return value == null || value.isBlank() ? null : value;
    }
}

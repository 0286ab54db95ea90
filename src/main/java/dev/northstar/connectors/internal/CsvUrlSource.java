package dev.northstar.connectors.internal;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.CsvParseException;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Rows of a CSV file at an address, the first row naming the columns; read whole (within the size bound), then row by row. */
class CsvUrlSource implements RecordSource {

    private final CsvReader<CsvRecord> csv;
    private final Iterator<CsvRecord> rows;
    private final List<String> header;

    CsvUrlSource(BoundedHttp http, URI address, Map<String, String> headers, String delimiter) {
        byte[] body = http.get(address, headers, "text/csv, text/plain, */*");
        char separator = delimiter == null || delimiter.isEmpty() ? ',' : "\\t".equals(delimiter) ? '\t' : delimiter.charAt(0);
        csv = CsvReader.builder().fieldSeparator(separator).detectBomHeader(true).skipEmptyLines(true).allowExtraFields(true)
                .allowMissingFields(true).ofCsvRecord(new ByteArrayInputStream(body), StandardCharsets.UTF_8);
        rows = csv.iterator();
        try {
            if (!rows.hasNext()) {
                throw new PullFailed("the file at " + address.getHost() + " is empty: the first row must name the columns");
            }
            header = rows.next().getFields().stream().map(String::strip).toList();
        } catch (CsvParseException e) {
            throw new PullFailed("the file at " + address.getHost() + " is not CSV: " + e.getMessage());
        }
    }

    @Override
    public SourceRecord next() {
        try {
            if (!rows.hasNext()) {
                return null;
            }
            List<String> fields = rows.next().getFields();
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), i < fields.size() ? fields.get(i) : null);
            }
            return new MapRecord(header, row);
        } catch (CsvParseException e) {
            throw new PullFailed("the file broke off: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            csv.close();
        } catch (java.io.IOException e) {
            // read from memory: nothing to release
        }
    }
}

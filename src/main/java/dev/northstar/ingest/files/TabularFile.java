package dev.northstar.ingest.files;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A CSV or XLSX file read as a header and rows of text, one row at a time (constant memory at any size).
 * CSV: any of , ; tab | as separator (found from the header line), quoted fields, UTF-8 with or without BOM,
 * LF or CRLF. XLSX: the first sheet; date cells become ISO dates, numbers their plain value.
 */
public final class TabularFile implements Closeable {

    /** One data row: its line in the file (the header is line 1 of a sheet) and its cells. */
    public record Row(long line, List<String> cells) {
        public String cell(int index) {
            return index < cells.size() ? cells.get(index) : null;
        }
    }

    private final List<String> header;
    private final Iterator<Row> rows;
    private final Closeable resource;
    private final AtomicLong bytesRead;

    private TabularFile(List<String> header, Iterator<Row> rows, Closeable resource, AtomicLong bytesRead) {
        this.header = header;
        this.rows = rows;
        this.resource = resource;
        this.bytesRead = bytesRead;
    }

    public static boolean isSpreadsheet(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    }

    public static TabularFile open(Path path, String fileName) throws IOException {
        return isSpreadsheet(fileName) ? openXlsx(path) : openCsv(path);
    }

    public List<String> header() {
        return header;
    }

    public Iterator<Row> rows() {
        return rows;
    }

    /** How far reading has got, in bytes of the file (CSV) or rows (XLSX, whose size says little). */
    public long progress() {
        return bytesRead.get();
    }

    @Override
    public void close() throws IOException {
        resource.close();
    }

    static char separator(String headerLine) {
        char best = ',';
        long bestCount = 0;
        for (char candidate : new char[]{',', ';', '\t', '|'}) {
            long count = headerLine.chars().filter(c -> c == candidate).count();
            if (count > bestCount) {
                best = candidate;
                bestCount = count;
            }
        }
        return best;
    }

    private static TabularFile openCsv(Path path) throws IOException {
        String firstLine;
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            firstLine = reader.readLine();
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException("the file is not UTF-8 text; save it as CSV UTF-8 (or XLSX) and upload it again");
        }
        if (firstLine == null || firstLine.isBlank()) {
            throw new IOException("the file is empty: the first line must name the columns");
        }
        AtomicLong bytes = new AtomicLong();
        InputStream in = new CountingStream(Files.newInputStream(path), bytes);
        CsvReader<CsvRecord> csv = CsvReader.builder()
                .fieldSeparator(separator(firstLine.startsWith("\uFEFF") ? firstLine.substring(1) : firstLine))
                .detectBomHeader(true).skipEmptyLines(true).allowExtraFields(true).allowMissingFields(true)
                .ofCsvRecord(in, StandardCharsets.UTF_8); // a stream, not a Reader: FastCSV looks for a BOM only in a stream
        Iterator<CsvRecord> records = csv.iterator();
        List<String> header;
        try {
            if (!records.hasNext()) {
                throw new IOException("the file is empty: the first line must name the columns");
            }
            header = records.next().getFields().stream().map(h -> h.replace("\uFEFF", "").strip()).toList();
        } catch (IOException | RuntimeException e) {
            csv.close(); // a header that cannot be read must not leave the file open
            throw e;
        }
        Iterator<Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public Row next() {
                CsvRecord record = records.next();
                return new Row(record.getStartingLineNumber(), record.getFields());
            }
        };
        return new TabularFile(header, rows, csv, bytes);
    }

    private static TabularFile openXlsx(Path path) throws IOException {
        ReadableWorkbook workbook;
        try {
            workbook = new ReadableWorkbook(path.toFile(), new ReadingOptions(true, false));
        } catch (IOException | RuntimeException e) {
            throw new IOException("the file is not an XLSX workbook that can be read (" + e.getMessage() + ")");
        }
        Stream<org.dhatim.fastexcel.reader.Row> sheetRows;
        Iterator<org.dhatim.fastexcel.reader.Row> iterator;
        org.dhatim.fastexcel.reader.Row first;
        try {
            sheetRows = workbook.getFirstSheet().openStream();
            iterator = sheetRows.iterator();
            if (!iterator.hasNext()) {
                throw new IOException("the first sheet is empty: its first row must name the columns");
            }
            first = iterator.next();
        } catch (IOException | RuntimeException e) {
            workbook.close(); // a sheet that cannot be read must not leave the file open
            throw e;
        }
        List<String> header = cells(first).stream().map(h -> h == null ? "" : h.strip()).toList();
        AtomicLong rowsRead = new AtomicLong();
        Iterator<Row> rows = new Iterator<>() {
            private Row next;

            @Override
            public boolean hasNext() {
                while (next == null && iterator.hasNext()) {
                    org.dhatim.fastexcel.reader.Row row = iterator.next();
                    List<String> cells = cells(row);
                    if (cells.stream().anyMatch(c -> c != null && !c.isBlank())) {
                        next = new Row(row.getRowNum(), cells);
                    }
                }
                return next != null;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Row row = next;
                next = null;
                rowsRead.incrementAndGet();
                return row;
            }
        };
        return new TabularFile(header, rows, () -> {
            sheetRows.close();
            workbook.close();
        }, rowsRead);
    }

    private static List<String> cells(org.dhatim.fastexcel.reader.Row row) {
        List<String> cells = new ArrayList<>(row.getCellCount());
        for (int i = 0; i < row.getCellCount(); i++) {
            Cell cell = row.getCell(i);
            cells.add(cell == null ? null : text(cell));
        }
        return cells;
    }

    private static String text(Cell cell) {
        if (cell.getType() == CellType.NUMBER) {
            String format = cell.getDataFormatString();
            if (format != null && isDateFormat(format)) {
                var value = cell.asDate();
                return value.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? value.toLocalDate().toString() : value.toString();
            }
            return cell.asNumber().stripTrailingZeros().toPlainString();
        }
        if (cell.getType() == CellType.EMPTY) {
            return null;
        }
        return cell.getText();
    }

    private static boolean isDateFormat(String format) {
        String plain = format.replaceAll("\"[^\"]*\"|\\[[^]]*]", "").toLowerCase(Locale.ROOT);
        return plain.contains("yy") || plain.contains("d") && plain.contains("m");
    }

    /** Counts the bytes read, for the progress bar. */
    private static final class CountingStream extends FilterInputStream {
        private final AtomicLong count;

        CountingStream(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) count.addAndGet(n);
            return n;
        }
    }
}

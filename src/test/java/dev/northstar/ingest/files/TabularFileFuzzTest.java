package dev.northstar.ingest.files;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.northstar.Fuzz;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * CSV files as other programs write them: whatever FastCSV's writer makes of a table must read back as that table,
 * and a file that is no CSV at all must be read or refused with a reason, in bounded time.
 */
class TabularFileFuzzTest {

    static final char[] SEPARATORS = {',', ';', '\t', '|'};
    static final String MEANINGFUL = "\",;\t|\r\n\"a ";

    @TempDir Path directory;

    static LongStream seeds() {
        return Fuzz.seeds(40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aWrittenTableReadsBackWithItsHeaderCellsAndLineNumbers(long seed) throws IOException {
        Random random = new Random(seed);
        char separator = SEPARATORS[random.nextInt(SEPARATORS.length)];
        LineDelimiter newline = Fuzz.oneOf(random, LineDelimiter.LF, LineDelimiter.CRLF, LineDelimiter.CR);
        int columns = 2 + random.nextInt(5); // one column gives no separator to find
        List<String> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add(headerName(random, separator));
        }
        List<List<String>> rows = new ArrayList<>();
        for (int r = random.nextInt(12); r > 0; r--) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                row.add(cell(random));
            }
            rows.add(row);
        }

        // Each record written on its own, to know the line it starts on: CR, LF and CRLF each end one line.
        StringBuilder file = new StringBuilder(random.nextBoolean() ? "\uFEFF" : "");
        List<Long> startingLines = new ArrayList<>();
        file.append(record(header, separator, newline));
        for (List<String> row : rows) {
            startingLines.add(1 + lineBreaks(file));
            file.append(record(row, separator, newline));
        }
        Path path = directory.resolve("table.csv");
        Files.writeString(path, file, StandardCharsets.UTF_8);

        String why = "seed %d, separator '%s', newline %s, file:%n%s".formatted(seed, separator, newline, visible(file.toString()));
        try (TabularFile table = TabularFile.open(path, "table.csv")) {
            assertThat(table.header()).as(why).isEqualTo(header);
            List<TabularFile.Row> read = new ArrayList<>();
            table.rows().forEachRemaining(read::add);
            assertThat(read).as(why).extracting(TabularFile.Row::cells).isEqualTo(rows);
            assertThat(read).as(why).extracting(TabularFile.Row::line).isEqualTo(startingLines);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void garbageIsReadOrRefusedWithAReasonAndNeverHangs(long seed) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(4096)];
        for (int i = 0; i < bytes.length; i++) {
            // mostly bytes that mean something to a CSV reader, so that the garbage gets past the first line
            bytes[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : (byte) MEANINGFUL.charAt(random.nextInt(MEANINGFUL.length()));
        }
        readsOrRefuses(bytes, "seed " + seed);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"garbage-unclosed-quote.csv", "garbage-latin1.csv", "garbage-bom-only.csv", "garbage-nul-bytes.csv"})
    void theCorpusOfBrokenFilesIsReadOrRefused(String name) throws IOException {
        readsOrRefuses(Fuzz.corpus(name), name);
    }

    /**
     * Regression (found by the round trip above): with a BOM, a quoted first column name kept its quotes, so that
     * files from tools that quote every field were not mapped; FastCSV looked for the BOM only when given a stream.
     */
    @Test
    void aBomBeforeAQuotedHeaderIsNotPartOfTheFirstColumnName() throws IOException {
        Path path = directory.resolve("bom.csv");
        Files.write(path, Fuzz.corpus("bom-quoted-header.csv"));
        try (TabularFile table = TabularFile.open(path, "bom.csv")) {
            assertThat(table.header()).containsExactly("id", "owner", "amount");
            assertThat(table.rows().next().cells()).containsExactly("d-1", "rep@demo.northstar.dev", "1.234,50");
        }
    }

    private void readsOrRefuses(byte[] bytes, String origin) throws IOException {
        Path path = directory.resolve("garbage.csv");
        Files.write(path, bytes);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (TabularFile table = TabularFile.open(path, "garbage.csv")) {
                assertThat(table.header()).as(origin).isNotNull();
                Iterator<TabularFile.Row> rows = table.rows();
                long previousLine = 1;
                while (rows.hasNext()) {
                    TabularFile.Row row = rows.next();
                    assertThat(row.line()).as(origin + ": rows come in the order of the file").isGreaterThan(previousLine);
                    previousLine = row.line();
                }
            } catch (IOException | CsvParseException refused) {
                assertThat(refused.getMessage()).as(origin + ": a reason for the upload page").isNotBlank();
            } catch (RuntimeException e) {
                fail(origin + ": threw " + e, e);
            }
        }, origin);
    }

    /** A column name: no space at its ends (names are stripped), none of the other separators (the separator is guessed). */
    private static String headerName(Random random, char separator) {
        StringBuilder name = new StringBuilder().append((char) ('A' + random.nextInt(26)));
        for (int i = random.nextInt(10); i > 0; i--) {
            int pick = random.nextInt(12);
            name.append(switch (pick) {
                case 0 -> "\"";
                case 1 -> String.valueOf(separator);
                case 2 -> " ";
                case 3 -> "é";
                default -> String.valueOf((char) ('a' + random.nextInt(26)));
            });
        }
        return name.append((char) ('a' + random.nextInt(26))).toString();
    }

    private static String cell(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> "";
            case 1 -> Fuzz.oneOf(random, "\"", "\"\"", "a\"b", "\r\n", "\n", "\r", ",;\t|", " ", "\"quoted\"", "line one\nline two\r\nthree");
            case 2 -> Fuzz.anyCodePoint(random) + Fuzz.anyCodePoint(random);
            default -> Fuzz.nastyText(random, 20);
        };
    }

    private static String record(List<String> cells, char separator, LineDelimiter newline) throws IOException {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().fieldSeparator(separator).lineDelimiter(newline).build(out)) {
            writer.writeRecord(cells);
        }
        return out.toString();
    }

    private static long lineBreaks(CharSequence text) {
        long breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) breaks++;
        }
        return breaks;
    }

    private static String visible(String text) {
        String shown = text.replace("\r", "\\r").replace("\n", "\\n\n").replace("\t", "\\t").replace("\uFEFF", "<BOM>");
        return shown.length() > 2000 ? shown.substring(0, 2000) + "…" : shown;
    }
}

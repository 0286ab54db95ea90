package dev.northstar.ingest.internal;

import dev.northstar.Fuzz;
import dev.northstar.ingest.RawRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * An NDJSON stream is read a line at a time, whatever the lines hold: every non-blank line is exactly one record
 * with its line number, a line that is not a JSON object is a record that says why, and nothing throws, so that
 * one bad line never costs the others.
 */
class NdjsonRecordsFuzzTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a generated line should read as. */
    enum Expect { OBJECT, UNREADABLE, BLANK, EITHER }

    record Line(byte[] bytes, Expect expect) {
    }

    static LongStream seeds() {
        return Fuzz.seeds(30);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyNonBlankLineIsOneRecordWithItsLineNumber(long seed) {
        Random random = new Random(seed);
        List<Line> lines = new ArrayList<>();
        for (int i = random.nextInt(60); i >= 0; i--) {
            lines.add(line(random));
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            stream.writeBytes(lines.get(i).bytes());
            if (i < lines.size() - 1 || random.nextBoolean()) { // the last line may end without a newline
                stream.writeBytes(random.nextInt(3) == 0 ? "\r\n".getBytes() : "\n".getBytes());
            }
        }
        List<RawRecord> records = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            List<RawRecord> read = new ArrayList<>();
            new NdjsonRecords(new ByteArrayInputStream(stream.toByteArray()), JSON).forEachRemaining(read::add);
            return read;
        }, "seed " + seed);

        List<Long> expectedLines = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).expect() != Expect.BLANK) expectedLines.add(i + 1L);
        }
        String why = "seed " + seed + ", stream:\n" + new String(stream.toByteArray(), StandardCharsets.UTF_8);
        assertThat(records).as(why).extracting(RawRecord::line).isEqualTo(expectedLines);
        for (RawRecord record : records) {
            Line line = lines.get((int) record.line() - 1);
            String lineWhy = "seed %d, line %d: %s".formatted(seed, record.line(), new String(line.bytes(), StandardCharsets.UTF_8));
            switch (line.expect()) {
                case OBJECT -> assertThat(record.unreadable()).as(lineWhy).isNull();
                case UNREADABLE -> assertThat(record.unreadable()).as(lineWhy).isNotBlank();
                default -> assertThat(record.line()).as(lineWhy).isPositive();
            }
        }
    }

    @Test
    void aLoneCarriageReturnIsWhitespaceInsideARecordNotALineEnd() {
        byte[] stream = "{\"a\":1,\r\"b\":2}\r\n\r\n{\"c\":3}".getBytes(StandardCharsets.UTF_8);
        List<RawRecord> read = new ArrayList<>();
        new NdjsonRecords(new ByteArrayInputStream(stream), JSON).forEachRemaining(read::add);
        assertThat(read).extracting(RawRecord::line).containsExactly(1L, 3L);
        assertThat(read).extracting(RawRecord::unreadable).containsOnlyNulls();
        assertThat(read.get(0).get("b")).isEqualTo("2");
    }

    /** Lines kept in the corpus file, one per line; each must read as exactly one record and never throw. */
    @Test
    void theCorpusOfNastyLinesIsReadOneRecordALine() {
        byte[] corpus = Fuzz.corpus("lines.ndjson");
        List<RawRecord> read = new ArrayList<>();
        new NdjsonRecords(new ByteArrayInputStream(corpus), JSON).forEachRemaining(read::add);
        long nonBlank = new String(corpus, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
        assertThat(read).hasSize((int) nonBlank);
        // objects: a plain one, one with a Latin-1 byte in a string, an overflowing double (Infinity), a repeated key, a tab before
        assertThat(read).filteredOn(r -> r.unreadable() == null).extracting(RawRecord::line).containsExactly(1L, 4L, 9L, 11L, 12L);
    }

    private static Line line(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> new Line(Fuzz.oneOf(random, "", " ", "\t", "  \t ").getBytes(StandardCharsets.UTF_8), Expect.BLANK);
            case 1, 2, 3 -> text(validObject(random), Expect.OBJECT);
            case 4 -> text(broken(validObject(random), random), Expect.UNREADABLE);
            case 5 -> text(Fuzz.oneOf(random, "[1,2]", "42", "\"text\"", "null", "true", "[]", "[{}]"), Expect.UNREADABLE); // JSON, but no object
            case 6 -> text(nested(random, 20 + random.nextInt(200)), Expect.OBJECT);
            case 7 -> text("[".repeat(2_000 + random.nextInt(50_000)), Expect.UNREADABLE);
            case 8 -> text(nested(random, 5_000), Expect.UNREADABLE); // deeper than any reader should follow
            case 9 -> notUtf8(random);
            case 10 -> text("{\"n\":" + "9".repeat(1 + random.nextInt(3_000)) + "}", Expect.EITHER); // maybe past the number limit
            default -> text(nonBlank(Fuzz.nastyText(random, 60).replace("\n", "").replace("\r", "")), Expect.EITHER);
        };
    }

    private static Line text(String line, Expect expect) {
        return new Line(line.getBytes(StandardCharsets.UTF_8), expect);
    }

    private static String validObject(Random random) {
        StringBuilder object = new StringBuilder("{");
        for (int i = random.nextInt(5); i >= 0; i--) {
            object.append('"').append("k").append(i).append("\":");
            object.append(switch (random.nextInt(6)) {
                case 0 -> String.valueOf(random.nextLong());
                case 1 -> "null";
                case 2 -> "[1,\"two\",{\"three\":3}]";
                case 3 -> "-1.5e300";
                default -> JSON.writeValueAsString(Fuzz.nastyText(random, 30)); // escapes quotes, CR and LF
            });
            if (i > 0) object.append(random.nextBoolean() ? "," : " ,\t");
        }
        return object.append('}').toString();
    }

    /** The object cut short, or with something after it, or with a stray character: no longer one JSON value. */
    private static String broken(String object, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> object.substring(0, 1 + random.nextInt(object.length() - 1));
            case 1 -> object + " " + object;
            case 2 -> object + ",";
            default -> "{" + object;
        };
    }

    private static String nested(Random random, int depth) {
        String key = random.nextBoolean() ? "a" : "deep";
        return ("{\"" + key + "\":").repeat(depth) + "1" + "}".repeat(depth);
    }

    /** An object with bytes that are not UTF-8 inside a string: they become U+FFFD, the line stays an object. */
    private static Line notUtf8(Random random) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("{\"name\":\"M".getBytes(StandardCharsets.UTF_8));
        for (int i = 1 + random.nextInt(4); i > 0; i--) {
            bytes.write(Fuzz.oneOf(random, 0xFC, 0xE9, 0xC3, 0xFF, 0x80, 0xED));
        }
        bytes.writeBytes("ller\"}".getBytes(StandardCharsets.UTF_8));
        return new Line(bytes.toByteArray(), Expect.OBJECT);
    }

    private static String nonBlank(String text) {
        return text.isBlank() ? text + "x" : text;
    }
}

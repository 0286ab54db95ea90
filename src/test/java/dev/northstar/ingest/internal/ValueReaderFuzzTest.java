package dev.northstar.ingest.internal;

import dev.northstar.Fuzz;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.internal.ValueReader.BadValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * ValueReader reads whatever people type into a file: it must answer every text with a value or a {@link BadValue}
 * (which becomes a rejected row with a reason), never with another exception (which would fail the whole import),
 * and it must read back what the locale and date format themselves write.
 */
class ValueReaderFuzzTest {

    /** Company zones far apart, so that converting a date-time to the company's day crosses days and limits. */
    static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Oslo"), ZoneId.of("Pacific/Kiritimati"), ZoneId.of("Pacific/Pago_Pago"));
    static final List<String> FORMATS = List.copyOf(ReadingRules.DATE_FORMATS.keySet());

    static LongStream seeds() {
        return Fuzz.seeds(8);
    }

    /** Values kept because they broke, or nearly broke, a reader; "\t" and "\u00A0" are written out in the file. */
    static final List<String> corpus = Fuzz.corpusLines("values.txt").stream().filter(l -> !l.startsWith("#"))
            .map(l -> l.replace("\\t", "\t").replace("\\u00A0", "\u00A0")).toList();

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anyTextIsAValueOrABadValueInEveryLocaleAndDateFormat(long seed) {
        Random random = new Random(seed);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            texts.add(random.nextBoolean() ? Fuzz.nastyText(random, 40) : dateLike(random));
        }
        for (String text : texts) {
            readEveryWay(new ReadingRules(Fuzz.oneOf(random, ReadingRules.LOCALES), Fuzz.oneOf(random, FORMATS)),
                    Fuzz.oneOf(random, ZONES), text, "seed " + seed);
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("corpus")
    void theCorpusOfNastyValuesIsReadOrRejectedEverywhere(String text) {
        for (String locale : ReadingRules.LOCALES) {
            for (String format : FORMATS) {
                for (ZoneId zone : ZONES) {
                    readEveryWay(new ReadingRules(locale, format), zone, text, "corpus");
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aNumberAsTheLocaleFormatsItWithGroupingIsReadBackEqual(long seed) throws BadValue {
        Random random = new Random(seed);
        for (String locale : ReadingRules.LOCALES) {
            ValueReader reader = new ValueReader(new ReadingRules(locale, "iso"), ZoneId.of("UTC"));
            DecimalFormat format = (DecimalFormat) NumberFormat.getNumberInstance(new ReadingRules(locale, "iso").javaLocale());
            format.setGroupingUsed(true);
            for (int i = 0; i < 40; i++) {
                int scale = random.nextInt(5);
                BigDecimal number = new BigDecimal(random.nextLong() % (random.nextBoolean() ? 1_000L : 1_000_000_000_000_000L))
                        .movePointLeft(scale).setScale(scale, RoundingMode.UNNECESSARY);
                format.setMinimumFractionDigits(scale);
                format.setMaximumFractionDigits(scale);
                String written = format.format(number);
                assertThat(reader.number(written)).as("seed %d: %s writes %s as '%s'", seed, locale, number, escaped(written))
                        .isEqualByComparingTo(number);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void aDateInTheChosenFormatIsReadBackAsTheSameDay(long seed) throws BadValue {
        Random random = new Random(seed);
        for (String pattern : FORMATS) {
            String locale = Fuzz.oneOf(random, ReadingRules.LOCALES);
            ZoneId zone = Fuzz.oneOf(random, ZONES);
            ValueReader reader = new ValueReader(new ReadingRules(locale, pattern), zone);
            // two-digit years are read as 2000 to 2099
            int fromYear = pattern.endsWith("uu") && !pattern.endsWith("uuuu") ? 2000 : 1900;
            DateTimeFormatter format = pattern.equals("iso") ? DateTimeFormatter.ISO_LOCAL_DATE : DateTimeFormatter.ofPattern(pattern);
            for (int i = 0; i < 40; i++) {
                LocalDate day = LocalDate.of(fromYear + random.nextInt(100), 1, 1).plusDays(random.nextInt(366));
                String written = format.format(day);
                String why = "seed %d: %s in %s as '%s'".formatted(seed, day, pattern, written);
                assertThat(reader.date(written)).as(why).isEqualTo(day);
                assertThat(reader.month(written)).as(why).isEqualTo(day.withDayOfMonth(1));
                assertThat(reader.instant(written).atZoneSameInstant(zone).toLocalDate()).as(why).isEqualTo(day);
            }
        }
    }

    /** Reads the text as number, date, instant and month; BadValue is an answer, anything else is the bug. */
    private static void readEveryWay(ReadingRules rules, ZoneId zone, String text, String origin) {
        ValueReader reader = new ValueReader(rules, zone);
        for (String kind : List.of("number", "date", "instant", "month")) {
            try {
                LocalDate day = switch (kind) {
                    case "number" -> {
                        reader.number(text);
                        yield null;
                    }
                    case "date" -> reader.date(text);
                    case "instant" -> reader.instant(text).toLocalDate();
                    default -> reader.month(text);
                };
                // PostgreSQL stores far fewer years than java.time reads; a value past them fails the whole load
                if (day != null) {
                    assertThat(day.getYear()).as("%s: %s(\"%s\")", origin, kind, escaped(text)).isBetween(1, 9999);
                }
            } catch (BadValue expected) {
                assertThat(expected.getMessage()).as("a reason for the file's author").isNotBlank();
            } catch (RuntimeException e) {
                fail("%s: %s(\"%s\") with %s in %s threw %s".formatted(origin, kind, escaped(text), rules, zone, e), e);
            }
        }
    }

    /** Something shaped like an ISO date or date-time, with components at and past their limits. */
    static String dateLike(Random random) {
        String year = Fuzz.oneOf(random, "2026", "1970", "0000", "-0001", "+999999999", "-999999999", "+1000000000", "99", "+10000",
                String.valueOf(random.nextInt(10000)));
        String month = String.format("%02d", random.nextInt(14));
        String day = String.format("%02d", random.nextInt(33));
        StringBuilder text = new StringBuilder(random.nextInt(4) == 0
                ? Fuzz.oneOf(random, day + "." + month + "." + year, month + "/" + day + "/" + year, day + "-" + month + "-" + year)
                : year + "-" + month + (random.nextInt(5) == 0 ? "" : "-" + day));
        if (random.nextBoolean()) {
            text.append(Fuzz.oneOf(random, "T", " ")).append(String.format("%02d:%02d", random.nextInt(25), random.nextInt(61)));
            if (random.nextBoolean()) text.append(String.format(":%02d", random.nextInt(61)));
            if (random.nextBoolean()) {
                text.append(Fuzz.oneOf(random, "Z", "+18:00", "-18:00", "+14:00", "-12:00", "+19:00", "+05:30",
                        String.format("%s%02d:00", random.nextBoolean() ? "+" : "-", random.nextInt(20))));
            }
        }
        return text.toString();
    }

    static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(c >= 0x20 && c < 0x7F ? Character.toString(c) : "\\u{%X}".formatted(c)));
        return out.length() > 300 ? out.substring(0, 300) + "…" : out.toString();
    }
}

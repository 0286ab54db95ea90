package dev.northstar;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * Seeded random inputs for the parser fuzz tests. Every test case gets its own seed and names it, so a failure
 * is repeated with {@code -Dfuzz.seed=<seed>}; {@code -Dfuzz.runs=<n>} runs more seeds than the build's few.
 * The seeds are fixed by default, so that the build is repeatable; a failing input belongs in {@code src/test/resources/fuzz/}.
 */
public final class Fuzz {

    private Fuzz() {
    }

    /** The seeds to run: the one given with -Dfuzz.seed, or {@code runs} (-Dfuzz.runs) seeds from a fixed start. */
    public static LongStream seeds(int runs) {
        String seed = System.getProperty("fuzz.seed");
        if (seed != null && !seed.isBlank()) {
            return LongStream.of(Long.parseLong(seed.strip()));
        }
        int count = Integer.getInteger("fuzz.runs", runs);
        return LongStream.range(0, count).map(i -> 0x5EED_0000L + i * 7919);
    }

    /** Lines of a corpus file under src/test/resources/fuzz/, read as UTF-8. */
    public static List<String> corpusLines(String name) {
        return new String(corpus(name), StandardCharsets.UTF_8).lines().toList();
    }

    /** The bytes of a corpus file under src/test/resources/fuzz/. */
    public static byte[] corpus(String name) {
        try (InputStream in = Fuzz.class.getResourceAsStream("/fuzz/" + name)) {
            if (in == null) throw new IllegalArgumentException("no corpus file fuzz/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String NASTY = "0123456789-+.,;:'’\"()[]{}$€£¥₹%eE \t\u00A0\u202F\u2212\u2009\uFEFF\r\nTZ/\\|#٣۵१０";

    /** Mostly characters that parsers care about (digits, signs, separators, spaces, currency), some random code points. */
    public static String nastyText(Random random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            int pick = random.nextInt(10);
            if (pick < 6) {
                text.append(NASTY.charAt(random.nextInt(NASTY.length())));
            } else if (pick < 8) {
                text.append(anyCodePoint(random));
            } else if (pick < 9) {
                text.append("9".repeat(1 + random.nextInt(random.nextBoolean() ? 5 : 400))); // huge digit runs
            } else {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    /** Any Unicode scalar value: BMP or supplementary, never a lone surrogate (which UTF-8 cannot carry). */
    public static String anyCodePoint(Random random) {
        int codePoint;
        do {
            codePoint = random.nextInt(10) == 0 ? 0x10000 + random.nextInt(0x10FFFF - 0x10000) : random.nextInt(0xFFFF);
        } while (codePoint >= 0xD800 && codePoint <= 0xDFFF);
        return new String(Character.toChars(codePoint));
    }

    public static <T> T oneOf(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    public static <T> T oneOf(Random random, T... choices) {
        return oneOf(random, Arrays.asList(choices));
    }
}

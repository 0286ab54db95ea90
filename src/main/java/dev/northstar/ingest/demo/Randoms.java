package dev.northstar.ingest.demo;

import java.util.SplittableRandom;

/** The few distributions the generator draws from. */
final class Randoms {

    private Randoms() {
    }

    /**
     * An independent, reproducible stream for one person and one purpose. Each person has their own, so that
     * one person's history does not depend on how much randomness the people before them used.
     */
    static SplittableRandom random(long seed, int person, int purpose) {
        return new SplittableRandom(mix(seed ^ mix(person * 1_000_003L + purpose)));
    }

    /** How many events happen when {@code mean} are expected (Poisson; normal approximation for large means). */
    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            count++;
            product *= random.nextDouble();
        }
        return count;
    }

    /** Skewed positive values around a median: amounts, durations. */
    static double logNormal(SplittableRandom random, double median, double sigma) {
        return median * Math.exp(sigma * random.nextGaussian());
    }

    static double between(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    static <T> T pick(SplittableRandom random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    static String padded(int number, int width) {
        String digits = Integer.toString(number);
        return digits.length() >= width ? digits : "0".repeat(width - digits.length()) + digits;
    }

    private static long mix(long z) { // Stafford's variant 13 of the MurmurHash3 finalizer, as SplittableRandom uses
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

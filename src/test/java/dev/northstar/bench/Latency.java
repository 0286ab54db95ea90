package dev.northstar.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, shown in milliseconds. */
record Latency(long[] sorted) {

    static Latency of(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted);
    }

    double p50() {
        return percentile(50);
    }

    double p95() {
        return percentile(95);
    }

    /** Nearest rank, in milliseconds. */
    double percentile(int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    String shown() {
        return sorted.length >= 20 ? String.format("%.1f / %.1f", p50(), p95())
                : String.format("%.0f / %.0f", p50(), sorted[sorted.length - 1] / 1e6);
    }
}

package dev.northstar.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark's records, the same on every run: activity {@code i} and deal {@code i} are drawn from a generator
 * seeded by their number, so any slice can be produced alone and in any order. Each slice of activities (a step from
 * one size to the next) is spread evenly over the same two years in time order, the way a CRM's stream arrives, and
 * brings one deal per 40 activities, which moves through its stages and is won or lost when its time has come.
 */
final class BenchRecords {

    static final long SEED = 20261123L;
    private static final String[] TYPES = {"call", "email", "meeting", "lead_created", "opportunity_created"};
    private static final int[] TYPE_WEIGHTS = {40, 35, 15, 6, 4};
    static final int ACTIVITIES_PER_DEAL = 40;
    /** The stages a deal goes through, each sent as its own update: the stage history. */
    static final List<String> STEPS = List.of("prospecting", "qualification", "proposal", "closed");

    private final List<String> people;
    private final Instant first;
    private final Instant end;

    BenchRecords(List<String> people, LocalDate today) {
        this.people = people;
        this.end = today.atStartOfDay().toInstant(ZoneOffset.UTC);
        this.first = end.minus(Duration.ofDays(730));
    }

    /** Activity {@code i} of the slice {@code [from, to)}, as an NDJSON line. */
    String activityJson(long i, long from, long to) {
        SplittableRandom random = random(i);
        Instant at = at(i, from, to);
        return "{\"source\":\"bench\",\"externalId\":\"a" + i + "\",\"person\":\"" + person(random) + "\",\"type\":\"" + type(random)
                + "\",\"occurredAt\":\"" + at + "\"}\n";
    }

    /** The same activity as a CSV line (external id, person, type, occurred at), for COPY. */
    String activityCsv(long i, long from, long to) {
        SplittableRandom random = random(i);
        return "a" + i + "," + person(random) + "," + type(random) + "," + at(i, from, to) + "\n";
    }

    /**
     * Deal {@code d} as it stands after step {@code step} of {@link #STEPS}, as an NDJSON line; null when the deal
     * had not reached that step by today (it stays open at its last stage).
     */
    String dealJson(long d, long fromDeal, long toDeal, int step) {
        SplittableRandom random = random(-1 - d);
        Instant created = first.plus(Duration.ofSeconds((long) ((d - fromDeal) * (730.0 * 86_400 / (toDeal - fromDeal)))));
        String owner = person(random);
        long amount = 1_000 + random.nextInt(99_000);
        boolean won = random.nextInt(100) < 35;
        Instant changed = created.plus(Duration.ofDays(10L * step + random.nextInt(5)));
        if (changed.isAfter(end)) {
            return null;
        }
        String stage = step < STEPS.size() - 1 ? STEPS.get(step) : won ? "won" : "lost";
        LocalDate createdOn = LocalDate.ofInstant(created, ZoneOffset.UTC);
        LocalDate changedOn = LocalDate.ofInstant(changed, ZoneOffset.UTC);
        return "{\"source\":\"bench\",\"externalId\":\"d" + d + "\",\"owner\":\"" + owner + "\",\"amount\":" + amount
                + ",\"currency\":\"USD\",\"createdOn\":\"" + createdOn + "\",\"stage\":\"" + stage + "\",\"stageChangedAt\":\"" + changed + "\""
                + (stage.equals("won") || stage.equals("lost") ? ",\"closedOn\":\"" + changedOn + "\"" : "") + "}\n";
    }

    private Instant at(long i, long from, long to) {
        double step = 730.0 * 86_400 / (to - from);
        return first.plusSeconds((long) ((i - from) * step));
    }

    private String person(SplittableRandom random) {
        return people.get(random.nextInt(people.size()));
    }

    private static String type(SplittableRandom random) {
        int pick = random.nextInt(100);
        for (int t = 0; t < TYPES.length; t++) {
            pick -= TYPE_WEIGHTS[t];
            if (pick < 0) {
                return TYPES[t];
            }
        }
        throw new IllegalStateException();
    }

    private static SplittableRandom random(long i) {
        return new SplittableRandom(SEED * 31 + i * 0x9E3779B97F4A7C15L);
    }
}

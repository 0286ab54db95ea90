package dev.northstar.ingest.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * Everything the generator reads. The same input gives the same history, record for record.
 *
 * @param people        the people to generate for (those in a team); their order does not matter
 * @param stages        the company's pipeline: at least one open stage, one won and one lost
 * @param now           the end of the history (from the application's clock): nothing happens after it
 * @param activityScale 1.0 is a realistic volume (about 16 activities per sales rep per working day); a
 *                      benchmark turns it up for millions of activities. Deals, accounts and revenue stay as they are.
 */
public record HistoryInput(List<HistoryPerson> people, List<Stage> stages, String currency, ZoneId zone, Instant now,
                           long seed, double activityScale) {

    public HistoryInput {
        people = people.stream().sorted(Comparator.comparingLong(HistoryPerson::id)).toList();
        stages = stages.stream().sorted(Comparator.comparingInt(Stage::position)).toList();
        if (stages.stream().noneMatch(Stage::open) || stages.stream().noneMatch(s -> Stage.WON.equals(s.outcome()))
                || stages.stream().noneMatch(s -> Stage.LOST.equals(s.outcome()))) {
            throw new IllegalArgumentException("the pipeline needs an open, a won and a lost stage, got " + stages);
        }
        if (!(activityScale >= 0)) {
            throw new IllegalArgumentException("activityScale must be 0 or more, got " + activityScale);
        }
    }

    public HistoryInput withActivityScale(double scale) {
        return new HistoryInput(people, stages, currency, zone, now, seed, scale);
    }

    public HistoryInput withSeed(long otherSeed) {
        return new HistoryInput(people, stages, currency, zone, now, otherSeed, activityScale);
    }

    /** The last day of the history, in the company's time zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, zone);
    }

    /**
     * The first day: the first of the month a year ago, the day the demo organization's memberships start, so that
     * everything a person did falls inside a team membership.
     */
    public LocalDate firstDay() {
        return today().minusYears(1).withDayOfMonth(1);
    }
}

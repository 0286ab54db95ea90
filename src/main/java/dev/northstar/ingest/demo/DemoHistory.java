package dev.northstar.ingest.demo;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A company's generated history: about a year of accounts, deals with their stage history, monthly recurring
 * revenue and activities, for the people of a {@link HistoryInput}. Pure and deterministic: the same input gives the
 * same records in the same order, however often a stream is asked for. Records come as lazy streams, so that a
 * benchmark can write millions of activities as JSON or CSV without holding them.
 *
 * <p>Everyone gets a skill factor around 1.0 ({@link #reps()}): strong reps make more calls, open more deals,
 * win more often, close faster and keep their customers longer; weak reps the opposite.
 */
public final class DemoHistory {

    private final HistoryInput input;
    private final Seasonality season;
    private final List<RepProfile> reps;
    private final int totalAccounts;

    private DemoHistory(HistoryInput input) {
        this.input = input;
        this.season = new Seasonality(input.firstDay(), input.today());
        this.reps = profiles(input);
        this.totalAccounts = reps.stream().mapToInt(RepProfile::accountCount).sum();
    }

    public static DemoHistory of(HistoryInput input) {
        return new DemoHistory(input);
    }

    public HistoryInput input() {
        return input;
    }

    /** Everyone the history is about, by person id, with their role, segment and skill. */
    public List<RepProfile> reps() {
        return reps;
    }

    public Stream<GeneratedAccount> accounts() {
        return years().flatMap(year -> year.accounts().stream());
    }

    public Stream<GeneratedDeal> deals() {
        return years().flatMap(year -> year.deals().stream());
    }

    /** Every deal's stage history, deal after deal. */
    public Stream<GeneratedStageChange> stageChanges() {
        return deals().flatMap(deal -> deal.history().stream());
    }

    public Stream<GeneratedRevenueLine> revenueLines() {
        return years().flatMap(year -> year.revenue().stream());
    }

    /**
     * Person after person, day after day, in time order within a day. Generated as the stream is read (a day of
     * one person at a time), also when the stream is made parallel.
     */
    public Stream<GeneratedActivity> activities() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Activities(),
                Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.IMMUTABLE), false);
    }

    private Stream<RepYear> years() {
        return reps.stream().filter(RepProfile::sells).map(this::year);
    }

    private RepYear year(RepProfile rep) {
        return new RepYear(rep, input, season);
    }

    private static List<RepProfile> profiles(HistoryInput input) {
        double years = ChronoUnit.DAYS.between(input.firstDay(), input.today()) / 365.0;
        List<RepProfile> profiles = new ArrayList<>();
        int nextAccount = 1;
        int nextDeal = 1;
        for (int i = 0; i < input.people().size(); i++) {
            HistoryPerson person = input.people().get(i);
            SplittableRandom random = Randoms.random(input.seed(), i + 1, 0);
            Role role = Role.of(person.department());
            Segment segment = Segment.of(person.team(), random);
            double skill = Math.min(2.2, Math.max(0.4, Math.exp(0.35 * random.nextGaussian())));
            int accounts = Math.max(3, Randoms.poisson(random, segment.accountsPerRep));
            int opportunities = Randoms.poisson(random, segment.opportunitiesPerYear * years * Math.pow(skill, 0.6));
            if (role != Role.SALES) {
                accounts = 0;
                opportunities = 0;
            }
            profiles.add(new RepProfile(person, i + 1, role, segment, skill, accounts, nextAccount, opportunities, nextDeal));
            nextAccount += accounts;
            nextDeal += opportunities;
        }
        return List.copyOf(profiles);
    }

    /** Walks the people in order and each person's days in order, generating one day at a time. */
    private final class Activities implements Iterator<GeneratedActivity> {

        private int nextRep;
        private RepActivities current;
        private Iterator<GeneratedActivity> day = Collections.emptyIterator();

        @Override
        public boolean hasNext() {
            while (!day.hasNext()) {
                List<GeneratedActivity> next = current == null ? null : current.nextDay();
                if (next != null) {
                    day = next.iterator();
                } else if (nextRep < reps.size()) {
                    RepProfile rep = reps.get(nextRep++);
                    current = new RepActivities(rep, year(rep), input, season, totalAccounts);
                } else {
                    return false;
                }
            }
            return true;
        }

        @Override
        public GeneratedActivity next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return day.next();
        }
    }
}

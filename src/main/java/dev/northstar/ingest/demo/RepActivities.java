package dev.northstar.ingest.demo;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One person's activities, a day at a time, so that a history of millions never sits in memory. How many of each
 * type a day gets is drawn around the role's daily rate, scaled by how busy the day is ({@link Seasonality}), the
 * person's skill, a good-day/bad-day factor and the input's activity scale. A sales rep's opportunities are the
 * deals of their {@link RepYear}, each recorded at the moment the deal was created.
 */
final class RepActivities {

    private record Draft(String type, Instant at, Integer quantity, String accountRef, String dealRef) {
    }

    private final RepProfile rep;
    private final RepYear year;
    private final HistoryInput input;
    private final Seasonality season;
    private final int totalAccounts;
    private final ZoneId zone;
    private final SplittableRandom random;
    private final double volume;
    private final String prefix;
    private LocalDate day;
    private int nextDeal;
    private int sequence;

    RepActivities(RepProfile rep, RepYear year, HistoryInput input, Seasonality season, int totalAccounts) {
        this.rep = rep;
        this.year = year;
        this.input = input;
        this.season = season;
        this.totalAccounts = totalAccounts;
        this.zone = input.zone();
        this.random = Randoms.random(input.seed(), rep.number(), 2);
        this.volume = rep.role().volume(rep.skill()) * input.activityScale();
        this.prefix = "ACT-" + Randoms.padded(rep.number(), 4) + "-";
        this.day = input.firstDay();
    }

    /** The next day's activities in time order (possibly none), or null after today. */
    List<GeneratedActivity> nextDay() {
        if (day.isAfter(input.today())) {
            return null;
        }
        List<Draft> drafts = new ArrayList<>();
        double busy = season.weight(day) * (rep.sells() ? season.quarterEndPush(day) : 1.0)
                * Math.exp(0.25 * random.nextGaussian()) * volume;
        List<GeneratedDeal> openToday = null;
        for (int type = 0; type < Role.DAILY_TYPES.length; type++) {
            int count = Randoms.poisson(random, rep.role().rate(type) * busy);
            for (int i = 0; i < count; i++) {
                String kind = Role.DAILY_TYPES[type];
                Instant at = day.atTime(season.timeOfDay(day, random)).atZone(zone).toInstant();
                Integer minutes = kind.equals("call") ? callMinutes() : null;
                if (rep.sells() && !kind.equals("lead_created")) {
                    if (openToday == null) openToday = openDeals();
                    drafts.add(salesDraft(kind, at, minutes, openToday));
                } else if (rep.role() == Role.SUCCESS && totalAccounts > 0 && random.nextDouble() < 0.8) {
                    drafts.add(new Draft(kind, at, minutes, "ACC-" + Randoms.padded(1 + random.nextInt(totalAccounts), 5), null));
                } else {
                    drafts.add(new Draft(kind, at, minutes, null, null));
                }
            }
        }
        List<GeneratedDeal> deals = year.deals();
        while (nextDeal < deals.size() && deals.get(nextDeal).createdOn().equals(day)) {
            GeneratedDeal deal = deals.get(nextDeal++);
            drafts.add(new Draft("opportunity_created", deal.history().get(0).changedAt().toInstant(), null,
                    deal.accountRef(), deal.externalId()));
        }
        drafts.sort(Comparator.comparing(Draft::at));
        List<GeneratedActivity> activities = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            if (!draft.at().isAfter(input.now())) {
                activities.add(new GeneratedActivity(prefix + Randoms.padded(++sequence, 6), draft.type(), rep.person().id(),
                        rep.person().email(), draft.at().atZone(zone).toOffsetDateTime(), draft.quantity(),
                        draft.accountRef(), draft.dealRef()));
            }
        }
        day = day.plusDays(1);
        return activities;
    }

    /** A quarter of calls go unanswered (a minute); the rest last around six minutes, some much longer. */
    private int callMinutes() {
        if (random.nextDouble() < 0.25) {
            return 1;
        }
        return (int) Math.max(1, Math.min(90, Math.round(Randoms.logNormal(random, 6, 0.6))));
    }

    /** Sales activities are mostly about an account, and meetings often about a deal that is open that day. */
    private Draft salesDraft(String kind, Instant at, Integer minutes, List<GeneratedDeal> openToday) {
        double aboutDeal = switch (kind) {
            case "meeting" -> 0.6;
            case "call" -> 0.35;
            default -> 0.15;
        };
        if (!openToday.isEmpty() && random.nextDouble() < aboutDeal) {
            GeneratedDeal deal = openToday.get(random.nextInt(openToday.size()));
            return new Draft(kind, at, minutes, deal.accountRef(), deal.externalId());
        }
        List<GeneratedAccount> accounts = year.accounts();
        if (!accounts.isEmpty() && random.nextDouble() < 0.6) {
            return new Draft(kind, at, minutes, accounts.get(random.nextInt(accounts.size())).externalId(), null);
        }
        return new Draft(kind, at, minutes, null, null);
    }

    /** The rep's deals that were created before today and not closed before it. */
    private List<GeneratedDeal> openDeals() {
        List<GeneratedDeal> open = new ArrayList<>();
        for (GeneratedDeal deal : year.deals()) {
            if (!deal.createdOn().isBefore(day)) {
                break; // ordered by creation
            }
            if (deal.closedOn() == null || !deal.closedOn().isBefore(day)) {
                open.add(deal);
            }
        }
        return open;
    }
}

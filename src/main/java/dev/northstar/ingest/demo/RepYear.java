package dev.northstar.ingest.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sales rep's year: the accounts they own (some already customers a year ago), the deals they opened and how each
 * moved through the pipeline, and the monthly recurring revenue of their accounts. Small (tens of accounts and
 * deals), so it is built whole; activities, the large part, are generated day by day by {@link RepActivities}.
 */
final class RepYear {

    private static final String[] PREFIXES = {"Fjord", "Nordic", "Blue", "Summit", "Harbor", "Pine", "Granite", "Aurora",
            "Cedar", "Polar", "Silver", "North", "Atlas", "Beacon", "Crest", "Delta", "Ember", "Falcon", "Glacier", "Horizon",
            "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Nova", "Orbit", "Pioneer", "Quartz", "Raven", "Sterling",
            "Tidal", "Unity", "Vertex", "Willow", "Zenith", "Alder", "Birch", "Coast", "Drift"};
    private static final String[] CORES = {"Logistics", "Health", "Foods", "Energy", "Software", "Retail", "Capital", "Labs",
            "Systems", "Media", "Freight", "Clinics", "Analytics", "Robotics", "Textiles", "Dairy", "Travel", "Insurance",
            "Construction", "Pharma", "Telecom", "Marine", "Learning", "Security", "Mobility", "Payments", "Hotels",
            "Motors", "Water", "Furniture"};
    private static final String[] LEGAL = {"Inc", "Ltd", "AS", "GmbH", "Group", "AB"};
    private static final String[] INDUSTRIES = {"Software", "Manufacturing", "Retail", "Healthcare", "Financial Services",
            "Logistics", "Energy", "Education", "Media", "Hospitality"};
    private static final String[] REGIONS = {"Nordics", "Germany", "UK", "France", "Benelux", "Iberia", "US", "APAC"};

    private final RepProfile rep;
    private final HistoryInput input;
    private final Seasonality season;
    private final ZoneId zone;
    private final List<GeneratedAccount> accounts = new ArrayList<>();
    /** MRR a year ago, 0 for prospects; indexed like {@link #accounts}. */
    private final List<Double> mrrAtStart = new ArrayList<>();
    private final List<GeneratedDeal> deals = new ArrayList<>();
    private final List<GeneratedRevenueLine> revenue = new ArrayList<>();

    RepYear(RepProfile rep, HistoryInput input, Seasonality season) {
        this.rep = rep;
        this.input = input;
        this.season = season;
        this.zone = input.zone();
        SplittableRandom random = Randoms.random(input.seed(), rep.number(), 1);
        if (rep.sells()) {
            buildAccounts(random);
            buildDeals(random);
            buildRevenue(random);
        }
    }

    List<GeneratedAccount> accounts() {
        return accounts;
    }

    /** Ordered by creation. */
    List<GeneratedDeal> deals() {
        return deals;
    }

    List<GeneratedRevenueLine> revenue() {
        return revenue;
    }

    // ---- accounts ----------------------------------------------------------------------------------

    private void buildAccounts(SplittableRandom random) {
        Segment segment = rep.segment();
        for (int i = 0; i < rep.accountCount(); i++) {
            String externalId = "ACC-" + Randoms.padded(rep.firstAccountNumber() + i, 5);
            GeneratedAccount account;
            // A few accounts are subsidiaries of an earlier one: same industry, the parent's name and a region.
            if (i > 0 && random.nextDouble() < 0.07) {
                GeneratedAccount parent = accounts.get(random.nextInt(i));
                String parentRef = parent.parentRef() != null ? parent.parentRef() : parent.externalId();
                String parentName = parent.parentRef() != null ? parent.name().substring(0, parent.name().lastIndexOf(' ')) : parent.name();
                account = new GeneratedAccount(externalId, parentName + " " + Randoms.pick(random, REGIONS), rep.person().id(),
                        segment.label(), parent.industry(), parentRef);
            } else {
                String name = Randoms.pick(random, PREFIXES) + " " + Randoms.pick(random, CORES);
                if (random.nextBoolean()) name += " " + Randoms.pick(random, LEGAL);
                account = new GeneratedAccount(externalId, name, rep.person().id(), segment.label(),
                        Randoms.pick(random, INDUSTRIES), null);
            }
            accounts.add(account);
            boolean customer = random.nextDouble() < segment.customerShareAtStart;
            // Customers of some years' standing have grown past a first deal's size.
            mrrAtStart.add(customer ? Randoms.logNormal(random, 2 * segment.medianAmount / 12, 0.6) : 0.0);
        }
    }

    // ---- deals -------------------------------------------------------------------------------------

    private void buildDeals(SplittableRandom random) {
        List<Instant> created = new ArrayList<>();
        for (int i = 0; i < rep.opportunityCount(); i++) {
            LocalDate day = season.drawDayBeforeToday(random);
            created.add(day.atTime(season.timeOfDay(day, random)).atZone(zone).toInstant());
        }
        created.sort(Comparator.naturalOrder());
        List<Integer> customers = new ArrayList<>();
        List<Integer> prospects = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            (mrrAtStart.get(i) > 0 ? customers : prospects).add(i);
        }
        for (int i = 0; i < created.size(); i++) {
            deals.add(deal(rep.firstDealNumber() + i, created.get(i), customers, prospects, random));
        }
    }

    private GeneratedDeal deal(int number, Instant created, List<Integer> customers, List<Integer> prospects, SplittableRandom random) {
        Segment segment = rep.segment();
        boolean expansion = !customers.isEmpty() && (prospects.isEmpty() || random.nextDouble() < 0.25);
        List<Integer> candidates = expansion ? customers : prospects;
        GeneratedAccount account = accounts.get(candidates.get(random.nextInt(candidates.size())));
        BigDecimal amount = amount(Randoms.logNormal(random,
                segment.medianAmount * Math.pow(rep.skill(), 0.2) * (expansion ? 0.45 : 1.0), 0.55));
        double winRate = Math.min(0.75, Math.max(0.04, segment.winRate * rep.skill()));
        boolean wins = random.nextDouble() < winRate;

        List<Stage> open = input.stages().stream().filter(Stage::open).toList();
        int reached = wins ? open.size() : lostAfter(open.size(), random);
        List<Stage> path = new ArrayList<>(open.subList(0, reached));
        path.add(input.stages().stream().filter(s -> s.outcome().equals(wins ? Stage.WON : Stage.LOST)).findFirst().orElseThrow());
        double cycleDays = Math.max(2, Randoms.logNormal(random, segment.medianCycleDays / Math.pow(rep.skill(), 0.3), 0.45))
                * (wins ? 1.0 : 0.4 + 0.6 * reached / open.size());

        String externalId = "DEAL-" + Randoms.padded(number, 5);
        List<Instant> planned = plannedChanges(created, path.size() - 1, cycleDays, wins, random);
        List<GeneratedStageChange> history = new ArrayList<>();
        for (int i = 0; i < planned.size() && !planned.get(i).isAfter(input.now()); i++) {
            history.add(new GeneratedStageChange(externalId, path.get(i).key(), path.get(i).outcome(), at(planned.get(i))));
        }
        GeneratedStageChange current = history.get(history.size() - 1);
        LocalDate closedOn = Stage.OPEN.equals(current.outcome()) ? null : current.changedAt().toLocalDate();
        LocalDate expectedClose = LocalDate.ofInstant(planned.get(planned.size() - 1), zone);
        return new GeneratedDeal(externalId, account.name() + " – " + (expansion ? "Expansion" : "New business"),
                rep.person().id(), account.externalId(), amount, input.currency(), LocalDate.ofInstant(created, zone),
                expectedClose, current.stage(), current.outcome(), closedOn, List.copyOf(history));
    }

    /** Lost deals drop out early more often than late: the i-th open stage is the last with weight (n - i). */
    private static int lostAfter(int openStages, SplittableRandom random) {
        int total = openStages * (openStages + 1) / 2;
        int draw = random.nextInt(total);
        for (int i = 0; i < openStages; i++) {
            draw -= openStages - i;
            if (draw < 0) return i + 1;
        }
        return openStages;
    }

    /**
     * When the deal enters each stage of its path, the first at creation: the cycle split at random, each change on
     * a working day in office hours and strictly after the one before. Wins due early in a quarter are often pulled
     * into the end of the one before (the quarter-end push).
     */
    private List<Instant> plannedChanges(Instant created, int changes, double cycleDays, boolean wins, SplittableRandom random) {
        double[] gaps = new double[changes];
        double sum = 0;
        for (int i = 0; i < changes; i++) {
            gaps[i] = -Math.log(1 - random.nextDouble());
            sum += gaps[i];
        }
        List<Instant> planned = new ArrayList<>();
        planned.add(created);
        LocalDate createdOn = LocalDate.ofInstant(created, zone);
        double elapsed = 0;
        for (int i = 0; i < changes; i++) {
            elapsed += gaps[i] / sum * cycleDays;
            Instant previous = planned.get(planned.size() - 1);
            LocalDate day = season.nextWorkingDay(createdOn.plusDays(Math.round(elapsed)));
            if (wins && i == changes - 1) {
                day = pullIntoQuarterEnd(day, LocalDate.ofInstant(previous, zone), random);
            }
            Instant at = day.atTime(season.timeOfDay(day, random)).atZone(zone).toInstant();
            if (!at.isAfter(previous)) {
                at = previous.plusSeconds(600 + random.nextInt(6600));
            }
            planned.add(at);
        }
        return planned;
    }

    private LocalDate pullIntoQuarterEnd(LocalDate day, LocalDate notBefore, SplittableRandom random) {
        if ((day.getMonthValue() - 1) % 3 != 0 || day.getDayOfMonth() > 12 || random.nextDouble() >= 0.45) {
            return day;
        }
        LocalDate pulled = season.previousWorkingDay(day.withDayOfMonth(1).minusDays(1 + random.nextInt(4)));
        return pulled.isAfter(notBefore) ? pulled : day;
    }

    private static BigDecimal amount(double value) {
        BigDecimal step = BigDecimal.valueOf(value >= 50_000 ? 1000 : 100);
        BigDecimal rounded = BigDecimal.valueOf(value).divide(step, 0, RoundingMode.HALF_UP).multiply(step);
        return rounded.max(step).setScale(2, RoundingMode.UNNECESSARY);
    }

    private OffsetDateTime at(Instant instant) {
        return instant.atZone(zone).toOffsetDateTime();
    }

    // ---- revenue -----------------------------------------------------------------------------------

    /**
     * Month by month from the first month to the current one: customers of a year ago start with their MRR, a won
     * deal adds a twelfth of its amount from the month after the win, and every month a paying account may churn
     * (a 0 line, then nothing until it buys again), expand or contract.
     */
    private void buildRevenue(SplittableRandom random) {
        YearMonth first = YearMonth.from(input.firstDay());
        int months = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(input.today())) + 1;
        double[][] added = new double[accounts.size()][months];
        List<String> refs = accounts.stream().map(GeneratedAccount::externalId).toList();
        for (GeneratedDeal deal : deals) {
            if (deal.won()) {
                int month = (int) ChronoUnit.MONTHS.between(first, YearMonth.from(deal.closedOn())) + 1;
                if (month < months) {
                    added[refs.indexOf(deal.accountRef())][month] += deal.amount().doubleValue() / 12;
                }
            }
        }
        double churn = rep.segment().monthlyChurn / Math.sqrt(rep.skill());
        for (int a = 0; a < accounts.size(); a++) {
            double mrr = mrrAtStart.get(a);
            for (int m = 0; m < months; m++) {
                LocalDate month = first.plusMonths(m).atDay(1);
                if (m > 0 && mrr > 0) {
                    double draw = random.nextDouble();
                    if (draw < churn && added[a][m] == 0) {
                        revenue.add(line(accounts.get(a), month, 0));
                        mrr = 0;
                        continue;
                    } else if (draw < churn + 0.035) {
                        mrr *= Randoms.between(random, 1.05, 1.25);
                    } else if (draw < churn + 0.055) {
                        mrr *= Randoms.between(random, 0.8, 0.95);
                    }
                }
                mrr += added[a][m];
                if (mrr > 0) {
                    revenue.add(line(accounts.get(a), month, mrr));
                }
            }
        }
    }

    private GeneratedRevenueLine line(GeneratedAccount account, LocalDate month, double mrr) {
        return new GeneratedRevenueLine(account.externalId(), month, BigDecimal.valueOf(mrr).setScale(2, RoundingMode.HALF_UP),
                input.currency());
    }
}

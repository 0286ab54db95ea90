package dev.northstar.ingest.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator on its own (no database): reproducible, seasonal, with strong and weak reps, and every record
 * consistent with the schema's rules and with the others. Invariants run over several seeds; each assertion names
 * its seed.
 */
class DemoHistoryTest {

    /** Mid-November: the history runs from 1 November a year before, so October and December are both complete. */
    static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    /** People like Demo Corp's: four sales teams, two customer success teams, two marketing teams, seven each. */
    static HistoryInput demoCorpLike(long seed, Instant now) {
        String[][] teams = {{"Sales", "Enterprise"}, {"Sales", "Mid-Market"}, {"Sales", "SMB"}, {"Sales", "Inside Sales"},
                {"Customer Success", "Onboarding"}, {"Customer Success", "Renewals"},
                {"Marketing", "Demand Generation"}, {"Marketing", "Partnerships"}};
        List<HistoryPerson> people = new ArrayList<>();
        long id = 1000;
        for (String[] team : teams) {
            for (int i = 0; i < 7; i++, id++) {
                people.add(new HistoryPerson(id, "p" + id + "@example.test", team[1], team[0]));
            }
        }
        return new HistoryInput(people, Stage.defaults(), "USD", OSLO, now, seed, 1.0);
    }

    @Test
    void theSameSeedGivesTheSameHistoryRecordForRecord() {
        DemoHistory first = DemoHistory.of(demoCorpLike(42, NOW));
        DemoHistory second = DemoHistory.of(demoCorpLike(42, NOW));

        assertThat(second.activities().limit(20_000).toList()).isEqualTo(first.activities().limit(20_000).toList());
        assertThat(second.deals().toList()).isEqualTo(first.deals().toList());
        assertThat(second.accounts().toList()).isEqualTo(first.accounts().toList());
        assertThat(second.revenueLines().toList()).isEqualTo(first.revenueLines().toList());
        assertThat(first.activities().limit(1000).toList()).as("asking again gives the same records")
                .isEqualTo(first.activities().limit(1000).toList());
        assertThat(DemoHistory.of(demoCorpLike(43, NOW)).activities().limit(1000).toList()).as("another seed, another history")
                .isNotEqualTo(first.activities().limit(1000).toList());
    }

    @Test
    void aParallelStreamGivesTheSameRecordsInTheSameOrder() {
        DemoHistory history = DemoHistory.of(demoCorpLike(42, NOW));
        assertThat(history.activities().parallel().limit(30_000).toList()).isEqualTo(history.activities().limit(30_000).toList());
    }

    @Test
    void workingDaysInDecemberAndJulyAreQuieterAndWeekendsNearlyEmpty() {
        DemoHistory history = DemoHistory.of(demoCorpLike(42, NOW));
        Map<LocalDate, Long> perDay = history.activities()
                .collect(Collectors.groupingBy(a -> a.occurredAt().atZoneSameInstant(OSLO).toLocalDate(), Collectors.counting()));
        LocalDate first = history.input().firstDay();
        LocalDate last = history.input().today().minusDays(1); // today is not over yet

        double october = rate(perDay, first, last, d -> d.getMonth() == Month.OCTOBER && weekday(d));
        double december = rate(perDay, first, last, d -> d.getMonth() == Month.DECEMBER && weekday(d));
        double july = rate(perDay, first, last, d -> d.getMonth() == Month.JULY && weekday(d));
        double september = rate(perDay, first, last, d -> d.getMonth() == Month.SEPTEMBER && weekday(d));
        double weekdays = rate(perDay, first, last, DemoHistoryTest::weekday);
        double weekends = rate(perDay, first, last, d -> !weekday(d));

        assertThat(december).as("December working days against October's").isLessThan(0.8 * october);
        assertThat(july).as("July working days against September's").isLessThan(0.75 * september);
        assertThat(weekends).as("a weekend day against a working day").isLessThan(0.1 * weekdays).isPositive();
    }

    @Test
    void salesRepsPushInTheLastTwoWeeksOfAQuarter() {
        DemoHistory history = DemoHistory.of(demoCorpLike(42, NOW));
        Set<Long> sales = history.reps().stream().filter(RepProfile::sells).map(r -> r.person().id()).collect(Collectors.toSet());
        Map<LocalDate, Long> perDay = history.activities().filter(a -> sales.contains(a.personId()))
                .collect(Collectors.groupingBy(a -> a.occurredAt().atZoneSameInstant(OSLO).toLocalDate(), Collectors.counting()));
        LocalDate first = history.input().firstDay();
        LocalDate last = history.input().today();

        double lastTwoWeeks = rate(perDay, first, last, d -> d.getMonth() == Month.SEPTEMBER && d.getDayOfMonth() > 16 && weekday(d));
        double twoWeeksBefore = rate(perDay, first, last, d -> d.getMonth() == Month.SEPTEMBER && d.getDayOfMonth() <= 16
                && d.getDayOfMonth() > 2 && weekday(d));
        assertThat(lastTwoWeeks).isGreaterThan(1.1 * twoWeeksBefore);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20260101})
    void strongRepsDoMoreAndWinMoreOftenThanWeakOnes(long seed) {
        DemoHistory history = DemoHistory.of(demoCorpLike(seed, NOW));
        List<RepProfile> sales = history.reps().stream().filter(RepProfile::sells)
                .sorted(Comparator.comparingDouble(RepProfile::skill)).toList();
        int quarter = sales.size() / 4;
        Set<Long> weak = ids(sales.subList(0, quarter));
        Set<Long> strong = ids(sales.subList(sales.size() - quarter, sales.size()));
        List<GeneratedDeal> closed = history.deals().filter(d -> !d.open()).toList();
        Map<Long, Long> activities = history.activities().collect(Collectors.groupingBy(GeneratedActivity::personId, Collectors.counting()));

        assertThat(winRate(closed, strong)).as("seed %d: win rate of the top quartile against the bottom's", seed)
                .isGreaterThan(winRate(closed, weak) + 0.1);
        assertThat(perPerson(activities, strong)).as("seed %d: activities per rep, top quartile against bottom", seed)
                .isGreaterThan(1.2 * perPerson(activities, weak));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20260101})
    void everyDealMovedForwardInTimeAndEndsWhereItStands(long seed) {
        HistoryInput input = demoCorpLike(seed, NOW);
        List<GeneratedDeal> deals = DemoHistory.of(input).deals().toList();
        Map<String, Integer> position = new HashMap<>();
        Stage.defaults().forEach(s -> position.put(s.key(), s.position()));

        assertThat(deals).as("seed %d", seed).hasSizeGreaterThan(500);
        assertThat(deals).as("seed %d: won, lost and still open deals", seed)
                .anyMatch(GeneratedDeal::won).anyMatch(GeneratedDeal::open).anyMatch(d -> d.outcome().equals("lost"));
        for (GeneratedDeal deal : deals) {
            List<GeneratedStageChange> history = deal.history();
            String what = "seed " + seed + ", " + deal;
            assertThat(history).as(what).isNotEmpty();
            assertThat(history.get(0).stage()).as(what).isEqualTo("prospecting");
            assertThat(history.get(0).changedAt().toLocalDate()).as(what).isEqualTo(deal.createdOn());
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i).changedAt()).as(what).isAfter(history.get(i - 1).changedAt());
                assertThat(position.get(history.get(i).stage())).as(what).isGreaterThan(position.get(history.get(i - 1).stage()));
            }
            GeneratedStageChange current = history.get(history.size() - 1);
            assertThat(current.stage()).as(what).isEqualTo(deal.stage());
            assertThat(current.outcome()).as(what).isEqualTo(deal.outcome());
            assertThat(current.changedAt().toInstant()).as(what).isBeforeOrEqualTo(NOW);
            assertThat(history).as(what).allMatch(c -> c.dealRef().equals(deal.externalId()));
            assertThat(deal.amount()).as(what).isPositive();
            assertThat(deal.currency()).as(what).isEqualTo("USD");
            if (deal.open()) {
                assertThat(deal.closedOn()).as(what).isNull();
                assertThat(deal.expectedCloseOn()).as(what).isAfterOrEqualTo(input.today());
            } else {
                assertThat(deal.closedOn()).as(what).isAfterOrEqualTo(deal.createdOn()).isEqualTo(current.changedAt().toLocalDate());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20260101})
    void revenueLinesAreMonthlyAndFollowTheWins(long seed) {
        HistoryInput input = demoCorpLike(seed, NOW);
        DemoHistory history = DemoHistory.of(input);
        List<GeneratedRevenueLine> lines = history.revenueLines().toList();
        Set<String> accounts = history.accounts().map(GeneratedAccount::externalId).collect(Collectors.toSet());

        assertThat(lines).as("seed %d", seed).isNotEmpty().allSatisfy(line -> {
            assertThat(line.month().getDayOfMonth()).isEqualTo(1);
            assertThat(line.month()).isBetween(input.firstDay(), input.today());
            assertThat(line.mrr()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
            assertThat(accounts).contains(line.accountRef());
        });
        assertThat(lines.stream().map(l -> l.accountRef() + l.month()).distinct().count()).as("seed %d: one line per account and month", seed)
                .isEqualTo(lines.size());
        assertThat(lines).as("seed %d: some accounts churned", seed).anyMatch(l -> l.mrr().signum() == 0);

        // An account nobody paid for a year ago starts paying the month after its first win, not before.
        Map<String, LocalDate> firstPaid = new HashMap<>();
        lines.stream().filter(l -> l.mrr().signum() > 0).forEach(l -> firstPaid.merge(l.accountRef(), l.month(), (a, b) -> a.isBefore(b) ? a : b));
        Map<String, LocalDate> firstWon = new HashMap<>();
        history.deals().filter(GeneratedDeal::won).forEach(d -> firstWon.merge(d.accountRef(), d.closedOn(), (a, b) -> a.isBefore(b) ? a : b));
        List<String> newCustomers = firstPaid.entrySet().stream().filter(e -> e.getValue().isAfter(input.firstDay()))
                .map(Map.Entry::getKey).toList();
        assertThat(newCustomers).as("seed %d: customers won during the year", seed).isNotEmpty();
        for (String account : newCustomers) {
            assertThat(firstWon).as("seed %d, %s", seed, account).containsKey(account);
            assertThat(firstPaid.get(account)).as("seed %d, %s", seed, account)
                    .isEqualTo(firstWon.get(account).withDayOfMonth(1).plusMonths(1));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20260101})
    void recordsReferToEachOtherAndNothingHappensAfterNow(long seed) {
        HistoryInput input = demoCorpLike(seed, NOW);
        DemoHistory history = DemoHistory.of(input);
        List<GeneratedAccount> accounts = history.accounts().toList();
        Set<String> accountIds = accounts.stream().map(GeneratedAccount::externalId).collect(Collectors.toSet());
        Set<String> dealIds = history.deals().map(GeneratedDeal::externalId).collect(Collectors.toSet());
        Set<Long> people = input.people().stream().map(HistoryPerson::id).collect(Collectors.toSet());
        Set<String> activityIds = new HashSet<>();
        OffsetDateTime[] latest = {OffsetDateTime.MIN};

        assertThat(accountIds).as("seed %d", seed).hasSize(accounts.size()).allMatch(id -> id.matches("ACC-\\d{5}"));
        assertThat(accounts).as("seed %d: a few accounts have a parent", seed).filteredOn(a -> a.parentRef() != null)
                .isNotEmpty().allMatch(a -> accountIds.contains(a.parentRef()));
        assertThat(accounts).extracting(GeneratedAccount::segment).as("seed %d", seed)
                .containsOnly("SMB", "Mid-Market", "Enterprise").contains("SMB", "Mid-Market", "Enterprise");
        assertThat(history.deals()).as("seed %d", seed).allMatch(d -> accountIds.contains(d.accountRef()));
        history.activities().forEach(a -> {
            assertThat(activityIds.add(a.externalId())).as("seed %d: %s is unique", seed, a.externalId()).isTrue();
            assertThat(people).contains(a.personId());
            assertThat(a.occurredAt().toInstant()).isBetween(input.firstDay().atStartOfDay(OSLO).toInstant(), NOW);
            assertThat(a.accountRef() == null || accountIds.contains(a.accountRef())).as("seed %d: %s", seed, a).isTrue();
            assertThat(a.dealRef() == null || dealIds.contains(a.dealRef())).as("seed %d: %s", seed, a).isTrue();
            assertThat(a.quantity() != null).as("seed %d: minutes on calls only, %s", seed, a).isEqualTo(a.type().equals("call"));
            if (a.occurredAt().isAfter(latest[0])) latest[0] = a.occurredAt();
        });
        assertThat(latest[0].atZoneSameInstant(OSLO).toLocalDate()).as("seed %d: today has activities", seed).isEqualTo(input.today());
        assertThat(history.activities().filter(a -> a.type().equals("opportunity_created")).count())
                .as("seed %d: one opportunity per deal", seed).isEqualTo(dealIds.size());
    }

    @Test
    void theActivityScaleMultipliesActivitiesAndLeavesDealsAlone() {
        HistoryInput input = demoCorpLike(42, NOW);
        DemoHistory normal = DemoHistory.of(input);
        DemoHistory triple = DemoHistory.of(input.withActivityScale(3));

        double ratio = (double) triple.activities().count() / normal.activities().count();
        assertThat(ratio).isBetween(2.8, 3.2);
        assertThat(triple.deals().toList()).isEqualTo(normal.deals().toList());
        assertThat(DemoHistory.of(input.withActivityScale(100)).activities().limit(500_000).count())
                .as("a benchmark's millions are generated as they are read").isEqualTo(500_000);
    }

    @Test
    void aCompanyWithItsOwnPipelineGetsItsStages() {
        List<Stage> stages = List.of(new Stage("lead", "Lead", 1, BigDecimal.TEN, "open"),
                new Stage("demo", "Demo", 2, BigDecimal.valueOf(40), "open"),
                new Stage("signed", "Signed", 3, BigDecimal.valueOf(100), "won"),
                new Stage("dropped", "Dropped", 4, BigDecimal.ZERO, "lost"));
        HistoryInput base = demoCorpLike(42, NOW);
        HistoryInput input = new HistoryInput(base.people(), stages, "EUR", OSLO, NOW, 42, 1.0);

        assertThat(DemoHistory.of(input).deals().toList()).allSatisfy(d -> {
            assertThat(d.stage()).isIn("lead", "demo", "signed", "dropped");
            assertThat(d.history().get(0).stage()).isEqualTo("lead");
            assertThat(d.currency()).isEqualTo("EUR");
        });
    }

    private static double rate(Map<LocalDate, Long> perDay, LocalDate first, LocalDate last, Predicate<LocalDate> which) {
        long days = 0;
        long activities = 0;
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (which.test(day)) {
                days++;
                activities += perDay.getOrDefault(day, 0L);
            }
        }
        assertThat(days).as("days to compare").isPositive();
        return (double) activities / days;
    }

    private static boolean weekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    private static Set<Long> ids(List<RepProfile> reps) {
        return reps.stream().map(r -> r.person().id()).collect(Collectors.toSet());
    }

    private static double winRate(List<GeneratedDeal> closed, Set<Long> owners) {
        List<GeneratedDeal> theirs = closed.stream().filter(d -> owners.contains(d.ownerId())).toList();
        assertThat(theirs).isNotEmpty();
        return (double) theirs.stream().filter(GeneratedDeal::won).count() / theirs.size();
    }

    private static double perPerson(Map<Long, Long> activities, Set<Long> people) {
        return people.stream().mapToLong(p -> activities.getOrDefault(p, 0L)).average().orElseThrow();
    }
}

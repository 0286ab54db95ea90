package dev.northstar.analytics;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.organization.Membership;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.analytics.internal.Evaluation;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The rollup path equals the reference evaluator, exactly, for random organizations and record streams: activities and
 * deals through {@link Ingest} (with corrections that move records between people, days, types and amounts), a
 * membership move dated in the past after the data, and a metric definition changed after the data. For every
 * rolled-up metric and the ratio, derived and cumulative metrics built on them, every scope and a set of periods.
 */
@SpringBootTest
class RollupEqualityTest {

    private static final List<String> ZONES = List.of("Europe/Oslo", "America/New_York", "UTC", "Asia/Kolkata");
    private static final List<String> TYPES = List.of("call", "email", "meeting");
    private static final List<String> STAGES = List.of("prospecting", "proposal", "won", "won", "lost");
    private static final YearMonth FIRST = YearMonth.of(2025, 10);
    private static final YearMonth LAST = YearMonth.of(2026, 6);

    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired OrganizationService organization;
    @Autowired MetricCatalog catalog;
    @Autowired Ingest ingest;
    @Autowired MetricValues values;
    @Autowired ReferenceEvaluator reference;
    @Autowired RollupMaintenance rollups;
    @Autowired org.springframework.transaction.support.TransactionTemplate transactions;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void rollupsEqualTheReference(long seed) {
        try {
            check(seed);
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
        }
    }

    private void check(long seed) {
        Random random = new Random(seed);
        String zone = ZONES.get(random.nextInt(ZONES.size()));
        int fiscalStart = 1 + 3 * random.nextInt(4);
        TestCompany company = TestCompany.create(jdbc, zone, "EUR", fiscalStart);
        int weekStart = 1 + random.nextInt(7); // the weeks of the rollup cells follow it
        jdbc.sql("update company set week_start_day = ? where id = ?").params(weekStart, company.id).update();
        Viewer admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        List<Long> teams = new ArrayList<>();
        for (int d = 0; d < 2; d++) {
            long department = company.department("D" + d);
            for (int t = 0; t < 2; t++) {
                teams.add(company.team(department, "T" + d + t));
            }
        }
        List<Long> people = new ArrayList<>();
        for (int p = 0; p < 6; p++) {
            long person = company.person("P" + p);
            people.add(person);
            if (p == 5) {
                continue; // in no team: counts for the company and for themselves only
            }
            LocalDate moved = LocalDate.of(2025, 9, 1).plusDays(random.nextInt(200));
            long first = teams.get(random.nextInt(teams.size()));
            boolean moves = random.nextBoolean();
            company.member(person, first, "2024-01-01", moves ? moved.toString() : null);
            if (moves && random.nextBoolean()) {
                company.member(person, teams.get(random.nextInt(teams.size())), moved.plusDays(random.nextInt(2)).toString(), null);
            }
        }
        defineMetrics(admin);
        rollups.catchUp(company.id); // built before the data, so the data arrives as changes to cells

        Map<String, Map<String, String>> activities = new HashMap<>();
        Map<String, Map<String, String>> deals = new HashMap<>();
        ZoneId zoneId = ZoneId.of(zone);
        for (int round = 0; round < 3; round++) {
            List<Map<String, String>> batch = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                // Later rounds re-send earlier keys with another person, type, time or amount: corrections.
                String key = round > 0 && random.nextInt(3) > 0 && !activities.isEmpty()
                        ? "a" + random.nextInt(activities.size()) : "a" + activities.size();
                Map<String, String> activity = new HashMap<>();
                activity.put("externalId", key);
                activity.put("type", TYPES.get(random.nextInt(TYPES.size())));
                activity.put("personId", String.valueOf(people.get(random.nextInt(people.size()))));
                activity.put("occurredAt", instant(random, zoneId));
                if (random.nextInt(5) > 0) {
                    activity.put("quantity", BigDecimal.valueOf(random.nextInt(10_000), 2).toPlainString());
                }
                activities.put(key, activity);
                batch.add(activity);
            }
            load(admin, RecordKind.ACTIVITIES, batch);
            List<Map<String, String>> dealBatch = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                String key = round > 0 && random.nextBoolean() && !deals.isEmpty() ? "d" + random.nextInt(deals.size()) : "d" + deals.size();
                dealBatch.add(deal(random, key, people, deals));
            }
            load(admin, RecordKind.DEALS, dealBatch);
            if (round == 0) {
                // Only new records so far: each load added them to the rollups itself, marking nothing for the worker.
                assertThat(jdbc.sql("select count(*) from rollup_dirty where company_id = ?").param(company.id).query(Long.class).single())
                        .as("cells marked by loads of new records").isZero();
                assertThat(rollups.verify(company.id, null, FIRST, LAST).differences()).as("rollups as the loads left them").isEmpty();
                rollups.catchUp(company.id);
            }
        }
        // After the data: a move dated in the past, and a changed definition.
        move(admin, random, people, teams);
        catalog.save(admin, metric("calls", count(Source.ACTIVITIES, TimeField.OCCURRED, is("type", "call", "meeting"))));
        rollups.catchUp(company.id);

        FiscalCalendar calendar = FiscalCalendar.of(zone, fiscalStart, weekStart);
        List<Period> periods = new ArrayList<>(RollupMaintenance.periods(calendar, FIRST, LAST));
        periods.add(Period.of(LocalDate.of(2025, 12, 20), LocalDate.of(2026, 2, 10)));
        periods.add(Period.of(LocalDate.of(2026, 1, 3), LocalDate.of(2026, 3, 17))); // days, weeks, a month, weeks, days
        periods.add(calendar.period(Grain.YEAR, LocalDate.of(2026, 3, 1)));
        for (int w = 0; w < 4; w++) {
            periods.add(calendar.period(Grain.WEEK, LocalDate.of(2025, 10, 1).plusDays(random.nextInt(240))));
        }
        periods.add(calendar.period(Grain.DAY, LocalDate.of(2025, 10, 1).plusDays(random.nextInt(240))));
        List<Scope> scopes = new ArrayList<>();
        scopes.add(Scope.COMPANY);
        jdbc.sql("select id from department where company_id = ?").param(company.id).query(Long.class).list().forEach(id -> scopes.add(new Scope.Department(id)));
        teams.forEach(id -> scopes.add(new Scope.Team(id)));
        people.forEach(id -> scopes.add(new Scope.Person(id)));
        int compared = 0;
        for (MetricDefinition metric : catalog.all(company.id)) {
            for (Scope scope : scopes) {
                for (Period period : periods) {
                    MetricValue expected = reference.value(company.id, metric, scope, period, k -> catalog.find(company.id, k));
                    MetricValue rolledUp = values.asRolledUp(company.id, metric, scope, period, k -> catalog.find(company.id, k));
                    MetricValue read = values.value(company.id, metric, scope, period, k -> catalog.find(company.id, k));
                    String what = metric.key() + " for " + scope.key() + " in " + period.label() + " " + period.start() + ".." + period.end();
                    same(what + " (rollups)", rolledUp, expected);
                    same(what + " (read path)", read, expected);
                    compared++;
                }
            }
        }
        assertThat(compared).isGreaterThan(1000);
        everyoneAtOnce(company.id, people, periods);
        dashboardsAtOnce(company.id, scopes, periods);
        whileCellsWait(random, company.id, zone, people, scopes, periods);
        assertThat(jdbc.sql("select count(*) from rollup_day where company_id = ?").param(company.id).query(Long.class).single()).isPositive();
        RollupMaintenance.Verification verification = rollups.verify(company.id, null, FIRST, LAST);
        assertThat(verification.differences()).as("verify").isEmpty();
        assertThat(verification.compared()).isPositive();

        // A rebuild builds the cells from the rows, grain by grain: the same cells as the changes left.
        List<Map<String, Object>> kept = cells(company.id);
        rollups.rebuild(company.id);
        assertThat(cells(company.id)).as("cells rebuilt from the rows").isEqualTo(kept);
        assertThat(rollups.verify(company.id, null, FIRST, LAST).differences()).as("verify after a rebuild").isEmpty();
    }

    /** The company's cells that hold anything, in key order (a cell emptied by changes stays, at zero). */
    private List<Map<String, Object>> cells(long companyId) {
        return jdbc.sql("""
                        select metric_key, scope_kind::text, scope_id, grain::text, start, records, trim_scale(total)::text from rollup_cell
                        where company_id = ? and (records <> 0 or total <> 0) order by 1, 2, 3, 4, 5""")
                .param(companyId).query().listOfRows();
    }

    /**
     * Records changed as a load changes them, with their cells marked, in a transaction the worker cannot see (rolled
     * back at the end): the read path corrects the rollups by the waiting cells and still answers the reference.
     */
    private void whileCellsWait(Random random, long companyId, String zone, List<Long> people, List<Scope> scopes, List<Period> periods) {
        transactions.executeWithoutResult(status -> {
            List<Long> ids = jdbc.sql("select id from activity where company_id = ? order by id").param(companyId).query(Long.class).list();
            for (int i = 0; i < 12; i++) {
                long id = ids.get(random.nextInt(ids.size()));
                mark(companyId, id, zone); // the cell the record leaves
                switch (i % 3) {
                    case 0 -> jdbc.sql("delete from activity where id = ?").param(id).update();
                    case 1 -> jdbc.sql("update activity set person_id = ?, occurred_at = occurred_at + interval '3 days', type = 'call' where id = ?")
                            .params(people.get(random.nextInt(people.size())), id).update();
                    default -> jdbc.sql("update activity set quantity = coalesce(quantity, 0) + 1.5 where id = ?").param(id).update();
                }
                mark(companyId, id, zone); // the cell it enters
            }
            assertThat(jdbc.sql("select count(*) from rollup_dirty where company_id = ?").param(companyId).query(Long.class).single()).isPositive();
            // Every kind of scope, not every scope: the reference is the slow part of this test.
            List<Scope> some = scopes.stream().filter(s -> !(s instanceof Scope.Person) || s.equals(new Scope.Person(people.get(0)))).toList();
            for (MetricDefinition metric : catalog.all(companyId)) {
                for (Scope scope : some) {
                    for (Period period : periods) {
                        MetricValue expected = reference.value(companyId, metric, scope, period, k -> catalog.find(companyId, k));
                        same(metric.key() + " for " + scope.key() + " in " + period.start() + ".." + period.end() + " (while cells wait)",
                                values.value(companyId, metric, scope, period, k -> catalog.find(companyId, k)), expected);
                    }
                }
            }
            everyoneAtOnce(companyId, people, periods);
            dashboardsAtOnce(companyId, scopes, periods);
            status.setRollbackOnly();
        });
    }

    private void mark(long companyId, long activityId, String zone) {
        jdbc.sql("insert into rollup_dirty (company_id, person_id, day) select company_id, person_id, (occurred_at at time zone ?)::date"
                + " from activity where id = ?").params(zone, activityId).update();
    }

    /** A leaderboard reads every person's value of a metric and period in one query: the same values. */
    private void everyoneAtOnce(long companyId, List<Long> people, List<Period> periods) {
        for (MetricDefinition metric : catalog.all(companyId)) {
            for (Period period : periods) {
                Evaluation session = values.session(companyId, k -> catalog.find(companyId, k));
                Map<Long, MetricValue> everyone = session.people(metric, people, period);
                assertThat(everyone).as(metric.key()).containsOnlyKeys(people);
                for (long person : people) {
                    Scope scope = new Scope.Person(person);
                    MetricValue expected = reference.value(companyId, metric, scope, period, k -> catalog.find(companyId, k));
                    same(metric.key() + " for " + scope.key() + " in " + period.start() + ".." + period.end() + " (everyone at once)",
                            everyone.get(person), expected);
                }
            }
        }
    }

    /**
     * A dashboard says which periods of its scope it will read, and the scope's cells of all of them are read at once
     * for every metric: the same values.
     */
    private void dashboardsAtOnce(long companyId, List<Scope> scopes, List<Period> periods) {
        for (Scope scope : scopes) {
            Evaluation session = values.session(companyId, k -> catalog.find(companyId, k));
            session.expectPeriods(scope, periods);
            for (MetricDefinition metric : catalog.all(companyId)) {
                for (Period period : periods) {
                    MetricValue expected = reference.value(companyId, metric, scope, period, k -> catalog.find(companyId, k));
                    same(metric.key() + " for " + scope.key() + " in " + period.start() + ".." + period.end() + " (a dashboard's periods at once)",
                            session.value(metric, scope, period), expected);
                }
            }
        }
    }

    /** Someone in a team moves to another one, dated within the data, through the organization's API (which says so). */
    private void move(Viewer admin, Random random, List<Long> people, List<Long> teams) {
        for (long person : people) {
            for (Membership open : organization.membershipsOfPerson(admin, person)) {
                if (open.validTo() == null) {
                    LocalDate from = LocalDate.of(2025, 11, 1).plusDays(random.nextInt(120));
                    if (!from.isAfter(open.validFrom())) {
                        from = open.validFrom().plusDays(1);
                    }
                    long to = teams.stream().filter(t -> t != open.teamId()).toList().get(random.nextInt(teams.size() - 1));
                    organization.addMembership(admin, person, to, from, null);
                    return;
                }
            }
        }
        fail("nobody is in a team");
    }

    private void defineMetrics(Viewer admin) {
        catalog.save(admin, metric("calls", count(Source.ACTIVITIES, TimeField.OCCURRED, is("type", "call"))));
        catalog.save(admin, metric("quantity", aggregate(Source.ACTIVITIES, Function.SUM, "quantity", TimeField.OCCURRED)));
        catalog.save(admin, metric("average_quantity", aggregate(Source.ACTIVITIES, Function.AVERAGE, "quantity", TimeField.OCCURRED, is("type", "meeting"))));
        catalog.save(admin, metric("won_revenue", aggregate(Source.DEALS, Function.SUM, "amount", TimeField.CLOSED, is("outcome", "won"))));
        catalog.save(admin, metric("deals_won", count(Source.DEALS, TimeField.CLOSED, is("outcome", "won"))));
        catalog.save(admin, metric("deals_closed", count(Source.DEALS, TimeField.CLOSED, is("outcome", "won", "lost"))));
        catalog.save(admin, metric("average_deal_size", aggregate(Source.DEALS, Function.AVERAGE, "amount", TimeField.CLOSED, is("outcome", "won"))));
        catalog.save(admin, metric("smallest_new_deal", aggregate(Source.DEALS, Function.MIN, "amount", TimeField.CREATED)));
        catalog.save(admin, metric("largest_new_deal", aggregate(Source.DEALS, Function.MAX, "amount", TimeField.CREATED)));
        catalog.save(admin, metric("win_rate", new Formula.Ratio("deals_won", "deals_closed")));
        catalog.save(admin, metric("revenue_per_call", new Formula.Derived("won_revenue / calls")));
        catalog.save(admin, metric("won_revenue_ytd", new Formula.Cumulative("won_revenue", Formula.Cumulative.Window.PERIOD_TO_DATE, Grain.YEAR, null)));
    }

    private static MetricDefinition metric(String key, Formula formula) {
        return new Metrics().add(key, formula);
    }

    private static String instant(Random random, ZoneId zone) {
        // Near midnight often, where the company's day and the UTC day differ.
        ZonedDateTime day = LocalDate.of(2025, 10, 1).plusDays(random.nextInt(273)).atStartOfDay(zone);
        return day.plusMinutes(random.nextBoolean() ? random.nextInt(120) - 60 : random.nextInt(24 * 60)).toInstant().toString();
    }

    private static Map<String, String> deal(Random random, String key, List<Long> people, Map<String, Map<String, String>> deals) {
        Map<String, String> deal = new HashMap<>();
        deal.put("externalId", key);
        deal.put("owner", String.valueOf(people.get(random.nextInt(people.size()))));
        String stage = STAGES.get(random.nextInt(STAGES.size()));
        deal.put("stage", stage);
        LocalDate created = LocalDate.of(2025, 9, 1).plusDays(random.nextInt(250));
        if (random.nextInt(6) > 0) {
            deal.put("createdOn", created.toString());
        }
        if (stage.equals("won") || stage.equals("lost")) {
            deal.put("closedOn", created.plusDays(random.nextInt(60)).toString());
        }
        if (random.nextInt(6) > 0) {
            deal.put("amount", BigDecimal.valueOf(random.nextInt(5_000_000), 2).toPlainString());
        }
        if (random.nextInt(8) == 0) {
            deal.put("currency", "USD"); // left out of sums: no exchange rates
        }
        deals.put(key, deal);
        return deal;
    }

    private void load(Viewer admin, RecordKind kind, List<Map<String, String>> records) {
        List<RawRecord> raw = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> fields = records.get(i);
            long line = i;
            raw.add(new RawRecord() {
                @Override
                public long line() {
                    return line;
                }

                @Override
                public String get(String field) {
                    return fields.get(field);
                }
            });
        }
        List<String> rejected = new ArrayList<>();
        ingest.load(admin, kind, raw.iterator(), ReadingRules.API, null, Ingest.Mode.COMMIT,
                (line, label, errors) -> rejected.add(line + " " + label + " " + errors));
        // Repeats of a key within one batch are rejected by design (the first is kept); anything else is a test error.
        rejected.removeIf(r -> r.contains("repeats"));
        if (!rejected.isEmpty()) {
            fail("rejected: " + rejected);
        }
    }

    private static void same(String what, MetricValue actual, MetricValue expected) {
        number(what + " value", actual.value(), expected.value());
        number(what + " numerator", actual.numerator(), expected.numerator());
        number(what + " denominator", actual.denominator(), expected.denominator());
    }

    private static void number(String what, BigDecimal actual, BigDecimal expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else {
            assertThat(actual).as(what).isNotNull().isEqualByComparingTo(expected);
        }
    }
}

package dev.northstar.analytics;

import dev.northstar.ingest.PipelineStages;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small company written straight into the tables, so that every record of a test is known and its metrics can be
 * computed by hand. Times without an offset are local times of the company's zone.
 */
final class TestCompany {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    final long id;
    final ZoneId zone;
    private final JdbcClient jdbc;
    private final String run = "t" + System.nanoTime();

    private TestCompany(JdbcClient jdbc, long id, ZoneId zone) {
        this.jdbc = jdbc;
        this.id = id;
        this.zone = zone;
    }

    /** A company with the default pipeline. */
    static TestCompany create(JdbcClient jdbc, String zone, String currency, int fiscalYearStartMonth) {
        long id = jdbc.sql("insert into company (name, time_zone, currency, fiscal_year_start_month) values (?, ?, ?, ?) returning id")
                .params("Evaluator test " + System.nanoTime(), zone, currency, fiscalYearStartMonth).query(Long.class).single();
        TestCompany company = new TestCompany(jdbc, id, ZoneId.of(zone));
        for (PipelineStages.Stage stage : PipelineStages.DEFAULTS) {
            jdbc.sql("insert into pipeline_stage (company_id, key, name, position, win_probability, outcome) values (?, ?, ?, ?, ?, ?)")
                    .params(id, stage.key(), stage.name(), stage.position(), stage.winProbability(), stage.outcome().stored()).update();
        }
        return company;
    }

    /** The organization several tests share: a department with team One (Ana) and team Two (Ben and Cy) since 2024. */
    record TwoTeams(long department, long one, long two, long ana, long ben, long cy) {
    }

    TwoTeams twoTeams(String department) {
        long id = department(department);
        long one = team(id, "One");
        long two = team(id, "Two");
        long ana = person("Ana");
        long ben = person("Ben");
        long cy = person("Cy");
        member(ana, one, "2024-01-01", null);
        member(ben, two, "2024-01-01", null);
        member(cy, two, "2024-01-01", null);
        return new TwoTeams(id, one, two, ana, ben, cy);
    }

    long department(String name) {
        return jdbc.sql("insert into department (company_id, name) values (?, ?) returning id").params(id, name).query(Long.class).single();
    }

    long team(long department, String name) {
        return jdbc.sql("insert into team (company_id, department_id, name) values (?, ?, ?) returning id")
                .params(id, department, name).query(Long.class).single();
    }

    long person(String name) {
        return jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, ?) returning id")
                .params(id, name.toLowerCase() + "." + run + "@evaluator.test", name).query(Long.class).single();
    }

    long admin(String name) {
        long person = person(name);
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(id, person).update();
        return person;
    }

    /** In the team from {@code from} (inclusive) to {@code to} (exclusive, null: still). */
    void member(long person, long team, String from, String to) {
        jdbc.sql("insert into membership (company_id, person_id, team_id, valid_from, valid_to) values (?, ?, ?, ?, ?)")
                .params(id, person, team, LocalDate.parse(from), to == null ? null : LocalDate.parse(to)).update();
    }

    /** An activity at a local time of the company's zone (or an instant, ending in Z). */
    void activity(long person, String type, String when, String quantity) {
        activity(person, type, when, quantity, null);
    }

    void activity(long person, String type, String when, String quantity, String accountRef) {
        jdbc.sql("""
                        insert into activity (company_id, source, external_id, type, person_id, occurred_at, quantity, account_ref)
                        values (?, 'api', ?, ?, ?, ?, ?, ?)""")
                .params(id, "a" + SEQUENCE.incrementAndGet(), type, person, at(when), quantity == null ? null : new BigDecimal(quantity), accountRef)
                .update();
    }

    /** A deal in the company's currency; its outcome follows its stage. */
    long deal(long owner, String stage, String amount, String createdOn, String closedOn) {
        return deal(owner, stage, amount, createdOn, closedOn, null, null);
    }

    long deal(long owner, String stage, String amount, String createdOn, String closedOn, String currency, String accountRef) {
        String outcome = stage.equals("won") || stage.equals("lost") ? stage : "open";
        return jdbc.sql("""
                        insert into deal (company_id, source, external_id, owner_id, account_ref, amount, currency, created_on, stage, outcome, closed_on)
                        values (?, 'api', ?, ?, ?, ?, coalesce(?, (select currency from company where id = ?)), ?, ?, ?, ?) returning id""")
                .params(id, "d" + SEQUENCE.incrementAndGet(), owner, accountRef, amount == null ? null : new BigDecimal(amount), currency, id,
                        date(createdOn), stage, outcome, date(closedOn))
                .query(Long.class).single();
    }

    /** The deal entered {@code stage} at this local time (or instant). */
    void entered(long deal, String stage, String when) {
        String outcome = stage.equals("won") || stage.equals("lost") ? stage : "open";
        jdbc.sql("insert into deal_stage_change (company_id, deal_id, stage, outcome, changed_at) values (?, ?, ?, ?, ?)")
                .params(id, deal, stage, outcome, at(when)).update();
    }

    void account(String ref, Long owner, String segment) {
        jdbc.sql("insert into account (company_id, source, external_id, name, owner_id, segment) values (?, 'api', ?, ?, ?, ?)")
                .params(id, ref, ref, owner, segment).update();
    }

    void revenue(String accountRef, String month, String mrr) {
        revenue(accountRef, month, mrr, null);
    }

    void revenue(String accountRef, String month, String mrr, String currency) {
        jdbc.sql("""
                        insert into revenue_line (company_id, source, account_ref, month, mrr, currency)
                        values (?, 'api', ?, ?, ?, coalesce(?, (select currency from company where id = ?)))""")
                .params(id, accountRef, LocalDate.parse(month + "-01"), new BigDecimal(mrr), currency, id).update();
    }

    private OffsetDateTime at(String when) {
        Instant instant = when.endsWith("Z") ? Instant.parse(when) : LocalDateTime.parse(when).atZone(zone).toInstant();
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static LocalDate date(String day) {
        return day == null ? null : LocalDate.parse(day);
    }
}

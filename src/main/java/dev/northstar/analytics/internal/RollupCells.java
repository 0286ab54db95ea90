package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;

/**
 * Keeps {@code rollup_cell} (see V13) equal to the sums of a metric's person-day rows in {@code rollup_day}: per day,
 * week and month for the company and each team (by the team stamped on the row), per week and month for each person.
 * A recompute records what it changed in the temporary table {@code rollup_change} (the replaced rows negated, the
 * new rows as they are), and the cells move by those differences, so its cost follows the cells it touched rather
 * than the history behind them.
 */
final class RollupCells {

    /** The functions whose value is made of records and total alone, the two parts that move by differences. */
    private static final Set<Function> KEPT = EnumSet.of(Function.COUNT, Function.SUM, Function.AVERAGE);

    private RollupCells() {
    }

    static boolean kept(Aggregate aggregate) {
        return kept(aggregate.function());
    }

    static boolean kept(Function function) {
        return KEPT.contains(function);
    }

    /** An empty {@code rollup_change} for this transaction. */
    static void startChanges(JdbcClient jdbc) {
        jdbc.sql("drop table if exists rollup_change").update();
        jdbc.sql("""
                create temp table rollup_change (metric_key text not null, day date not null, person_id bigint not null, team_id bigint,
                    records bigint not null, total numeric not null) on commit drop""").update();
    }

    /** Adds the recorded changes of the metrics that have cells to their cells, and empties {@code rollup_change}. */
    static void applyChanges(JdbcClient jdbc, CompanyFacts company, Collection<String> keptMetrics) {
        if (!keptMetrics.isEmpty()) {
            Sql sql = new Sql();
            sql.append(fanOut(sql, company, "(select * from rollup_change where metric_key in (" + sql.bind(keptMetrics) + "))"))
                    .append(" on conflict (company_id, metric_key, scope_kind, scope_id, grain, start) do update")
                    .append(" set records = rollup_cell.records + excluded.records, total = rollup_cell.total + excluded.total");
            sql.on(jdbc).update();
        }
        jdbc.sql("truncate rollup_change").update();
    }

    /**
     * A metric's cells from all its person-day rows (it has none yet), each grain from the finest level below it: the
     * days of the company and of each team and a person's weeks and months from the rows, the company's and teams'
     * weeks and months from their days. Fanning every row out to its eight cells at once sorted eight times the rows
     * (74-84 s for one metric of 2 million rows at 5M activities).
     */
    static void build(JdbcClient jdbc, CompanyFacts company, String metricKey) {
        String rows = "rollup_day r where r.company_id = :company and r.metric_key = :metric";
        insert(jdbc, company, metricKey, "'c', 0, 'd', r.day", rows, "r.day");
        insert(jdbc, company, metricKey, "'t', r.team_id, 'd', r.day", rows + " and r.team_id is not null", "r.team_id, r.day");
        insert(jdbc, company, metricKey, "'p', r.person_id, 'w', " + WEEK, rows, "r.person_id, 6");
        insert(jdbc, company, metricKey, "'p', r.person_id, 'm', " + MONTH, rows, "r.person_id, 6");
        for (String kind : new String[]{"c", "t"}) {
            String days = "rollup_cell r where r.company_id = :company and r.metric_key = :metric and r.scope_kind = '" + kind
                    + "' and r.grain = 'd'";
            insert(jdbc, company, metricKey, "'" + kind + "', r.scope_id, 'w', " + WEEK.replace("r.day", "r.start"), days, "r.scope_id, 6");
            insert(jdbc, company, metricKey, "'" + kind + "', r.scope_id, 'm', " + MONTH.replace("r.day", "r.start"), days, "r.scope_id, 6");
        }
    }

    /** The first day of a row's week (weeks start on the company's week start day) and of its month. */
    private static final String WEEK = "r.day - (extract(isodow from r.day)::int - :weekStart + 7) % 7";
    private static final String MONTH = "r.day - (extract(day from r.day)::int - 1)";

    /** Inserts the cells {@code cell} (kind, id, grain, start) summed from {@code from}, grouped by {@code groups}. */
    private static void insert(JdbcClient jdbc, CompanyFacts company, String metricKey, String cell, String from, String groups) {
        jdbc.sql("""
                        insert into rollup_cell (company_id, metric_key, scope_kind, scope_id, grain, start, records, total)
                        select :company, :metric, %s, sum(r.records), sum(coalesce(r.total, 0)) from %s group by %s"""
                        .formatted(cell, from, groups))
                .param("company", company.companyId()).param("metric", metricKey)
                .param("weekStart", company.calendar().weekStart().getValue()).update();
    }

    static void delete(JdbcClient jdbc, long companyId, String metricKey) {
        jdbc.sql("delete from rollup_cell where company_id = ? and metric_key = ?").params(companyId, metricKey).update();
    }

    /**
     * Sums the rows of {@code source} (metric_key, day, person_id, team_id, records, total) into every cell they fall
     * in. A week starts on the company's week start day.
     */
    private static String fanOut(Sql sql, CompanyFacts company, String source) {
        return """
                insert into rollup_cell (company_id, metric_key, scope_kind, scope_id, grain, start, records, total)
                select %s, c.metric_key, k.kind, k.id, k.grain, k.start, sum(c.records), sum(c.total)
                from (select r.metric_key, r.day, r.person_id, r.team_id, r.records, coalesce(r.total, 0) as total,
                             r.day - (extract(isodow from r.day)::int - %s + 7) %% 7 as week,
                             r.day - (extract(day from r.day)::int - 1) as month
                      from %s r) c
                cross join lateral (values
                    ('c'::"char", 0::bigint, 'd'::"char", c.day), ('c', 0, 'w', c.week), ('c', 0, 'm', c.month),
                    ('t', c.team_id, 'd', c.day), ('t', c.team_id, 'w', c.week), ('t', c.team_id, 'm', c.month),
                    ('p', c.person_id, 'w', c.week), ('p', c.person_id, 'm', c.month)) as k(kind, id, grain, start)
                where k.id is not null
                group by c.metric_key, k.kind, k.id, k.grain, k.start""".formatted(sql.bind(company.companyId()),
                sql.bind(company.calendar().weekStart().getValue()), source);
    }
}

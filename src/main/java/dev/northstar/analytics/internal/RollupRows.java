package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import org.springframework.jdbc.core.simple.JdbcClient;


/**
 * Writes one metric's rollup rows from the raw records, with the same source, day, filters and currency rule as
 * {@link AggregateQuery} (the same {@link RecordSource} pieces), grouped by person and day and stamped with the team
 * the person was in on that day. Either for every cell, or only for the cells listed in the temporary table
 * {@code rollup_work (person_id, day_from, day_to)}, whose rows never overlap (day_to null: every day from day_from on).
 * For those, what the rows were and what they became is recorded in {@code rollup_change} (see {@link RollupCells}).
 */
final class RollupRows {

    private RollupRows() {
    }

    static void delete(JdbcClient jdbc, long companyId, String metricKey, boolean onlyWork) {
        String delete = "delete from rollup_day r where r.company_id = ? and r.metric_key = ?";
        if (onlyWork) {
            delete = "with replaced as (" + delete
                    + " and exists (select from rollup_work w where w.person_id = r.person_id and r.day >= w.day_from and (w.day_to is null or r.day <= w.day_to))"
                    + " returning r.day, r.person_id, r.team_id, r.records, r.total)"
                    + " insert into rollup_change select day, person_id, team_id, -records, -coalesce(total, 0) from replaced";
        }
        jdbc.sql(delete).params(companyId, metricKey).update();
    }

    static void insert(JdbcClient jdbc, CompanyFacts company, String metricKey, Aggregate aggregate, boolean onlyWork) {
        RecordSource source = RecordSource.of(aggregate.source());
        TimeField time = source.time(aggregate.time());
        Frame frame = new Frame(company, null);
        Sql sql = new Sql();
        String person = source.person();
        String day = source.day(time, frame, sql);
        String from = source.from(time, frame, sql);
        if (onlyWork) {
            from += " join rollup_work w on " + inRanges(aggregate.source(), person, day, frame, sql);
        }
        String companyId = sql.bind(company.companyId());
        if (onlyWork) {
            sql.append("with computed as (");
        }
        sql.append("insert into rollup_day (company_id, metric_key, day, person_id, team_id, records, total, minimum, maximum)")
                .append(" select ").append(companyId).append(", ").append(sql.bind(metricKey)).append(", g.day, g.person_id,")
                .append(" (select m.team_id from membership m where m.company_id = ").append(companyId).append(" and m.person_id = g.person_id")
                .append(" and m.valid_from <= g.day and (m.valid_to is null or m.valid_to > g.day)),")
                .append(" g.records, g.total, g.minimum, g.maximum from (select ").append(day).append(" as day, ").append(person).append(" as person_id, ")
                .append(parts(aggregate, source, time))
                .append(" from ").append(from)
                .append(" where ").append(source.alias()).append(".company_id = ").append(companyId)
                .append(" and ").append(day).append(" is not null");
        sql.append(AggregateQuery.recordConditions(aggregate, source, time, company, sql));
        sql.append(" group by 1, 2) g");
        if (onlyWork) {
            sql.append(" returning day, person_id, team_id, records, total)")
                    .append(" insert into rollup_change select day, person_id, team_id, records, coalesce(total, 0) from computed");
        }
        sql.on(jdbc).update();
    }

    /**
     * A record's person and day within one of the ranges {@code w (person_id, day_from, day_to)}. For activities, the
     * same days as instants too (a day wider on each side, for zones whose midnight a clock change skips), so that the
     * index on (person, occurred_at) finds the range's activities.
     */
    static String inRanges(Source source, String person, String day, Frame frame, Sql sql) {
        String in = "w.person_id = " + person + " and " + day + " >= w.day_from and (w.day_to is null or " + day + " <= w.day_to)";
        if (source == Source.ACTIVITIES) {
            String zone = sql.bind(frame.zone());
            in += " and a.occurred_at >= (w.day_from - 1)::timestamp at time zone " + zone
                    + " and (w.day_to is null or a.occurred_at < (w.day_to + 2)::timestamp at time zone " + zone + ")";
        }
        return in;
    }

    /** records, total, minimum, maximum: a COUNT counts every record; a measure counts the records that have it. */
    private static String parts(Aggregate aggregate, RecordSource source, TimeField time) {
        if (aggregate.function() == Function.COUNT) {
            return "count(*) as records, null::numeric as total, null::numeric as minimum, null::numeric as maximum";
        }
        String measure = source.measure(aggregate.field(), time);
        return "count(" + measure + ") as records, sum(" + measure + ") as total, min(" + measure + ") as minimum, max(" + measure + ") as maximum";
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes metrics' rollup rows from the raw records, with the same source, day, filters and currency rule as
 * {@link AggregateQuery} (the same {@link RecordSource} pieces), grouped by person and day and stamped with the team
 * the person was in on that day. Metrics that share their source and time field are written from one pass over the
 * records, each counting the records its filters let through. Either for every cell, or only for the cells listed in
 * the temporary table {@code rollup_work (person_id, day_from, day_to)}, whose rows never overlap (day_to null: every
 * day from day_from on); for those, what the rows were and what they became is recorded in {@code rollup_change}
 * (see {@link RollupCells}). Or, for a load's new records, added to the rows ({@link #add}).
 */
final class RollupRows {

    private RollupRows() {
    }

    /** The metrics by the records they read (source and time field): each group is written from one pass. */
    static List<Map<String, Aggregate>> bySource(Map<String, Aggregate> metrics) {
        Map<String, Map<String, Aggregate>> groups = new LinkedHashMap<>();
        metrics.forEach((key, aggregate) -> {
            RecordSource source = RecordSource.of(aggregate.source());
            groups.computeIfAbsent(aggregate.source() + " " + source.time(aggregate.time()), g -> new LinkedHashMap<>()).put(key, aggregate);
        });
        return new ArrayList<>(groups.values());
    }

    static void delete(JdbcClient jdbc, long companyId, Collection<String> metricKeys, boolean onlyWork) {
        if (metricKeys.isEmpty()) {
            return;
        }
        Sql sql = new Sql();
        String delete = "delete from rollup_day r where r.company_id = " + sql.bind(companyId) + " and r.metric_key in (" + sql.bind(metricKeys) + ")";
        if (onlyWork) {
            // A join from the ranges, so that the index on (person, day) finds their rows rather than every row being
            // checked against the ranges.
            sql.append("with replaced as (").append(delete.replace("delete from rollup_day r", "delete from rollup_day r using rollup_work w"))
                    .append(" and w.person_id = r.person_id and r.day >= w.day_from and r.day <= coalesce(w.day_to, 'infinity')")
                    .append(" returning r.metric_key, r.day, r.person_id, r.team_id, r.records, r.total)")
                    .append(" insert into rollup_change select metric_key, day, person_id, team_id, -records, -coalesce(total, 0) from replaced");
        } else {
            sql.append(delete);
        }
        sql.on(jdbc).update();
    }

    /** @param metrics metrics that share their source and time field (see {@link #bySource}) */
    static void insert(JdbcClient jdbc, CompanyFacts company, Map<String, Aggregate> metrics, boolean onlyWork) {
        Sql sql = new Sql();
        String computed = computed(sql, company, metrics, onlyWork ? Only.WORK : Only.ALL);
        if (onlyWork) {
            sql.append("with computed as (");
        }
        sql.append("insert into rollup_day (company_id, metric_key, day, person_id, team_id, records, total, minimum, maximum) ")
                .append(computed);
        if (onlyWork) {
            sql.append(" returning metric_key, day, person_id, team_id, records, total)")
                    .append(" insert into rollup_change select metric_key, day, person_id, team_id, records, coalesce(total, 0) from computed");
        }
        sql.on(jdbc).update();
    }

    /**
     * Adds the records a load has just created (their ids in {@code ingest_created}) to the metrics' rows, and records
     * the additions in {@code rollup_change} with the team stamped on the row they went into (a row a membership move
     * has not been recomputed for yet keeps its stamp until it is, so its cells stay the sums of their rows).
     */
    static void add(JdbcClient jdbc, CompanyFacts company, Map<String, Aggregate> metrics) {
        jdbc.sql("drop table if exists rollup_delta").update();
        jdbc.sql("""
                create temp table rollup_delta (company_id bigint not null, metric_key text not null, day date not null, person_id bigint not null,
                    team_id bigint, records bigint not null, total numeric, minimum numeric, maximum numeric) on commit drop""").update();
        Sql sql = new Sql();
        sql.append("insert into rollup_delta ").append(computed(sql, company, metrics, Only.CREATED));
        sql.on(jdbc).update();
        jdbc.sql("""
                insert into rollup_day (company_id, metric_key, day, person_id, team_id, records, total, minimum, maximum)
                select company_id, metric_key, day, person_id, team_id, records, total, minimum, maximum from rollup_delta
                on conflict (company_id, metric_key, day, person_id) do update set records = rollup_day.records + excluded.records,
                    total = case when excluded.total is null then rollup_day.total else coalesce(rollup_day.total, 0) + excluded.total end,
                    minimum = least(rollup_day.minimum, excluded.minimum), maximum = greatest(rollup_day.maximum, excluded.maximum)""").update();
        jdbc.sql("""
                insert into rollup_change select d.metric_key, d.day, d.person_id, r.team_id, d.records, coalesce(d.total, 0)
                from rollup_delta d join rollup_day r on r.company_id = d.company_id and r.metric_key = d.metric_key
                    and r.day = d.day and r.person_id = d.person_id""").update();
    }

    /**
     * Marks the cells of a load's new records (ids in {@code ingest_created}) for the worker, as a changed record's
     * are: for a load that could not add them itself (see {@link RollupWorker#addCreated}).
     */
    static void markCreated(JdbcClient jdbc, CompanyFacts company, Map<String, Aggregate> metrics) {
        Aggregate any = metrics.values().iterator().next();
        RecordSource source = RecordSource.of(any.source());
        TimeField time = source.time(any.time());
        Frame frame = new Frame(company, null);
        Sql sql = new Sql();
        String day = source.day(time, frame, sql);
        sql.append("insert into rollup_dirty (company_id, person_id, day) select distinct ").append(sql.bind(company.companyId()))
                .append(", ").append(source.person()).append(", ").append(day)
                .append(" from ").append(source.from(time, frame, sql))
                .append(" join ingest_created n on n.id = ").append(source.alias()).append(".id")
                .append(" where ").append(day).append(" is not null");
        sql.on(jdbc).update();
    }

    /** Which records {@link #computed} reads: all, those of the cells in {@code rollup_work}, or those in {@code ingest_created}. */
    private enum Only { ALL, WORK, CREATED }

    /**
     * The select of the metrics' rows (company_id, metric_key, day, person_id, team_id, records, total, minimum,
     * maximum) from one pass over the records: per person and day, each metric's parts, and the team of that day.
     */
    private static String computed(Sql sql, CompanyFacts company, Map<String, Aggregate> metrics, Only only) {
        Aggregate any = metrics.values().iterator().next();
        RecordSource source = RecordSource.of(any.source());
        TimeField time = source.time(any.time());
        Frame frame = new Frame(company, null);
        String person = source.person();
        String day = source.day(time, frame, sql);
        String from = source.from(time, frame, sql);
        if (only == Only.WORK) {
            from += " join rollup_work w on " + inRanges(any.source(), person, day, frame, sql);
        } else if (only == Only.CREATED) {
            from += " join ingest_created n on n.id = " + source.alias() + ".id";
        }
        String companyId = sql.bind(company.companyId());
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, Aggregate> metric : metrics.entrySet()) {
            String where = "true" + AggregateQuery.recordConditions(metric.getValue(), source, time, company, sql);
            n++;
            columns.add(parts(metric.getValue(), source, time, where, n));
            values.add("(" + sql.bind(metric.getKey()) + ", g.r" + n + ", g.t" + n + ", g.mn" + n + ", g.mx" + n + ")");
        }
        return "select " + companyId + ", m.key, g.day, g.person_id, g.team_id, m.records, m.total, m.minimum, m.maximum"
                + " from (select d.*, (select ms.team_id from membership ms where ms.company_id = " + companyId
                + " and ms.person_id = d.person_id and ms.valid_from <= d.day and (ms.valid_to is null or ms.valid_to > d.day)) as team_id"
                + " from (select " + day + " as day, " + person + " as person_id, " + String.join(", ", columns)
                + " from " + from
                + " where " + source.alias() + ".company_id = " + companyId
                + " and " + day + " is not null group by 1, 2) d) g"
                + " cross join lateral (values " + String.join(", ", values) + ") as m(key, records, total, minimum, maximum)"
                // A cell without a record the metric counts has no row: its filters let nothing through there.
                + " where m.records > 0";
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
            // Both bounds without "or", so that both bound the index scan (an open range ends at infinity).
            in += " and a.occurred_at >= (w.day_from - 1)::timestamp at time zone " + zone
                    + " and a.occurred_at < coalesce((w.day_to + 2)::timestamp at time zone " + zone + ", 'infinity')";
        }
        return in;
    }

    /**
     * The n-th metric's records, total, minimum and maximum over the records its conditions let through: a COUNT counts
     * every such record; a measure counts those that have it.
     */
    private static String parts(Aggregate aggregate, RecordSource source, TimeField time, String where, int n) {
        String filter = " filter (where " + where + ")";
        if (aggregate.function() == Function.COUNT) {
            return "count(*)" + filter + " as r" + n + ", null::numeric as t" + n + ", null::numeric as mn" + n + ", null::numeric as mx" + n;
        }
        String measure = source.measure(aggregate.field(), time);
        return "count(" + measure + ")" + filter + " as r" + n + ", sum(" + measure + ")" + filter + " as t" + n
                + ", min(" + measure + ")" + filter + " as mn" + n + ", max(" + measure + ")" + filter + " as mx" + n;
    }
}

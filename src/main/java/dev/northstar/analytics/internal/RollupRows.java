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
 * (see {@link RollupCells}).
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
        Aggregate any = metrics.values().iterator().next();
        RecordSource source = RecordSource.of(any.source());
        TimeField time = source.time(any.time());
        Frame frame = new Frame(company, null);
        Sql sql = new Sql();
        String person = source.person();
        String day = source.day(time, frame, sql);
        String from = source.from(time, frame, sql);
        if (onlyWork) {
            from += " join rollup_work w on " + inRanges(any.source(), person, day, frame, sql);
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
        if (onlyWork) {
            sql.append("with computed as (");
        }
        sql.append("insert into rollup_day (company_id, metric_key, day, person_id, team_id, records, total, minimum, maximum)")
                .append(" select ").append(companyId).append(", m.key, g.day, g.person_id, g.team_id, m.records, m.total, m.minimum, m.maximum")
                .append(" from (select d.*, (select ms.team_id from membership ms where ms.company_id = ").append(companyId)
                .append(" and ms.person_id = d.person_id and ms.valid_from <= d.day and (ms.valid_to is null or ms.valid_to > d.day)) as team_id")
                .append(" from (select ").append(day).append(" as day, ").append(person).append(" as person_id, ").append(String.join(", ", columns))
                .append(" from ").append(from)
                .append(" where ").append(source.alias()).append(".company_id = ").append(companyId)
                .append(" and ").append(day).append(" is not null group by 1, 2) d) g")
                .append(" cross join lateral (values ").append(String.join(", ", values)).append(") as m(key, records, total, minimum, maximum)")
                // A cell without a record the metric counts has no row: its filters let nothing through there.
                .append(" where m.records > 0");
        if (onlyWork) {
            sql.append(" returning metric_key, day, person_id, team_id, records, total)")
                    .append(" insert into rollup_change select metric_key, day, person_id, team_id, records, coalesce(total, 0) from computed");
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

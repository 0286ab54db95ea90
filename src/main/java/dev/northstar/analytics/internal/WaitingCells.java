package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * The share of a value that lies in (person, day) cells still waiting to be recomputed: what the rollups hold for
 * them (stale) and what the raw records say (fresh). A value read while cells of its period wait is its cells' sum,
 * less the stale share, plus the fresh one: exact, at the cost of the waiting cells rather than of the whole period,
 * so a dashboard stays fast while records keep arriving. Only for records and total (COUNT, SUM, AVERAGE).
 */
final class WaitingCells {

    /** The records and total of some rows. */
    record Parts(BigDecimal records, BigDecimal total) {

        static final Parts NONE = new Parts(BigDecimal.ZERO, BigDecimal.ZERO);

        Parts plus(Parts other) {
            return new Parts(records.add(other.records), total.add(other.total));
        }

        Parts minus(Parts other) {
            return new Parts(records.subtract(other.records), total.subtract(other.total));
        }
    }

    /** The person of the parts when they are not by person. */
    static final long ANYONE = 0;

    private WaitingCells() {
    }

    /**
     * What the rollups hold for the waiting cells of the period that count for the scope (by the team stamped on the
     * row); with scope null, by person.
     */
    static Map<Long, Parts> stale(JdbcClient jdbc, String metricKey, Frame frame, Scope scope) {
        Sql sql = new Sql();
        String ranges = ranges(frame, sql);
        sql.append(ranges).append(" select ").append(scope == null ? "r.person_id" : "0")
                .append(", coalesce(sum(r.records), 0), coalesce(sum(r.total), 0) from rollup_day r join w on ")
                .append("w.person_id = r.person_id and r.day >= w.day_from and (w.day_to is null or r.day <= w.day_to)")
                .append(" where r.company_id = ").append(sql.bind(frame.companyId()))
                .append(" and r.metric_key = ").append(sql.bind(metricKey))
                .append(" and r.day >= ").append(sql.bind(frame.period().start()))
                .append(" and r.day < ").append(sql.bind(frame.period().end()));
        if (scope != null) {
            sql.append(" and ").append(RollupStore.dayRowsOf(scope, frame.companyId(), sql));
        }
        return read(jdbc, sql.append(" group by 1"));
    }

    /** What the raw records of the waiting cells of the period say, for the scope (by membership); scope null: by person. */
    static Map<Long, Parts> fresh(JdbcClient jdbc, Aggregate aggregate, Frame frame, Scope scope) {
        RecordSource source = RecordSource.of(aggregate.source());
        TimeField time = source.time(aggregate.time());
        Sql sql = new Sql();
        String ranges = ranges(frame, sql);
        String person = source.person();
        String day = source.day(time, frame, sql);
        String parts = aggregate.function() == Function.COUNT ? "count(*), 0"
                : "count(" + source.measure(aggregate.field(), time) + "), coalesce(sum(" + source.measure(aggregate.field(), time) + "), 0)";
        sql.append(ranges).append(" select ").append(scope == null ? person : "0").append(", ").append(parts)
                .append(" from ").append(source.from(time, frame, sql))
                .append(" join w on ").append(RollupRows.inRanges(aggregate.source(), person, day, frame, sql))
                .append(" where ").append(source.alias()).append(".company_id = ").append(sql.bind(frame.companyId()))
                .append(" and ").append(source.inPeriod(time, frame, sql));
        if (scope != null) {
            sql.append(" and ").append(ScopeCondition.of(scope, person, day, frame.companyId(), sql));
        }
        sql.append(AggregateQuery.recordConditions(aggregate, source, time, frame.company(), sql));
        return read(jdbc, sql.append(" group by 1"));
    }

    /**
     * The waiting cells of the period as ranges {@code w (person_id, day_from, day_to)} that never overlap: a person's
     * "onwards" marker covers their later single days (as the worker takes them).
     */
    private static String ranges(Frame frame, Sql sql) {
        String start = sql.bind(frame.period().start());
        return "with marked as (select person_id, day, onwards from rollup_dirty where company_id = " + sql.bind(frame.companyId())
                + " and day < " + sql.bind(frame.period().end()) + " and (onwards or day >= " + start + ")),"
                + " onwards as (select person_id, greatest(min(day), " + start + ") as day_from from marked where onwards group by person_id),"
                + " w as (select person_id, day_from, null::date as day_to from onwards"
                + " union select m.person_id, m.day, m.day from marked m where not m.onwards"
                + " and not exists (select from onwards o where o.person_id = m.person_id and o.day_from <= m.day))";
    }

    private static Map<Long, Parts> read(JdbcClient jdbc, Sql sql) {
        Map<Long, Parts> parts = new HashMap<>();
        sql.on(jdbc).query(rs -> {
            parts.put(rs.getLong(1), new Parts(rs.getBigDecimal(2), rs.getBigDecimal(3)));
        });
        return parts;
    }
}

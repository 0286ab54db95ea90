package dev.northstar.analytics.internal;

import dev.northstar.analytics.internal.RollupStore.Cover;
import dev.northstar.analytics.internal.WaitingCells.Parts;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One scope's cells of every rolled-up metric, for the periods a question is about to ask, read in one query. A
 * dashboard asks ten metrics, and the parts of its ratios, for this quarter and the same days of the last; a series
 * asks one metric for twelve months. Each value then adds up its {@link Cover} from memory instead of a query of its
 * own (a round trip costs more than the few dozen rows).
 */
final class ScopeCells {

    private final Scope scope;
    private final Set<LocalDate> months;
    private final Set<LocalDate> weeks;
    private final Set<LocalDate> days;
    private final Map<String, Parts> parts = new HashMap<>();

    private ScopeCells(Scope scope, Cover loaded) {
        this.scope = scope;
        this.months = Set.copyOf(loaded.months());
        this.weeks = Set.copyOf(loaded.weeks());
        this.days = Set.copyOf(loaded.days());
    }

    /** The scope's cells of these metrics that cover any of the periods (a person's days from rollup_day). */
    static ScopeCells read(JdbcClient jdbc, long companyId, Collection<String> metricKeys, Scope scope, Collection<Period> periods,
                           DayOfWeek weekStart) {
        Cover union = union(periods, weekStart);
        ScopeCells cells = new ScopeCells(scope, union);
        if (metricKeys.isEmpty()) {
            return cells;
        }
        Sql sql = new Sql();
        String company = sql.bind(companyId);
        String metrics = sql.bind(List.copyOf(metricKeys));
        String rows = "select metric_key, grain, start, records, total from rollup_cell where company_id = " + company
                + " and metric_key in (" + metrics + ") and " + RollupStore.cellsOf(scope, company, sql);
        String days = scope instanceof Scope.Person person ? "select metric_key, 'd' as grain, day as start, records, coalesce(total, 0) as total from rollup_day"
                + " where company_id = " + company + " and metric_key in (" + metrics + ") and person_id = " + sql.bind(person.id()) : null;
        sql.append("select metric_key, grain, start, sum(records), sum(total) from (").append(union.select(sql, rows, days))
                .append(") c group by 1, 2, 3");
        sql.on(jdbc).query(rs -> {
            cells.parts.put(key(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class)),
                    new Parts(rs.getBigDecimal(4), rs.getBigDecimal(5)));
        });
        return cells;
    }

    /** Whether every cell of the cover was read for this scope. */
    boolean holds(Scope scope, Cover cover) {
        return this.scope.equals(scope) && months.containsAll(cover.months()) && weeks.containsAll(cover.weeks())
                && days.containsAll(cover.days());
    }

    /** The records and total of the metric's cells in the cover (a cell without rows adds nothing). */
    Parts sum(String metricKey, Cover cover) {
        Parts sum = Parts.NONE;
        for (LocalDate month : cover.months()) {
            sum = sum.plus(parts.getOrDefault(key(metricKey, "m", month), Parts.NONE));
        }
        for (LocalDate week : cover.weeks()) {
            sum = sum.plus(parts.getOrDefault(key(metricKey, "w", week), Parts.NONE));
        }
        for (LocalDate day : cover.days()) {
            sum = sum.plus(parts.getOrDefault(key(metricKey, "d", day), Parts.NONE));
        }
        return sum;
    }

    private static Cover union(Collection<Period> periods, DayOfWeek weekStart) {
        TreeSet<LocalDate> months = new TreeSet<>();
        TreeSet<LocalDate> weeks = new TreeSet<>();
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Period period : periods) {
            Cover cover = Cover.of(period, weekStart);
            months.addAll(cover.months());
            weeks.addAll(cover.weeks());
            days.addAll(cover.days());
        }
        return new Cover(new ArrayList<>(months), new ArrayList<>(weeks), new ArrayList<>(days));
    }

    private static String key(String metricKey, String grain, LocalDate start) {
        return metricKey + " " + grain + " " + start;
    }
}

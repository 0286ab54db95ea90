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
        return readEach(jdbc, companyId, metricKeys, List.of(scope), periods, weekStart).get(scope);
    }

    /**
     * {@link #read} for several scopes in one statement (a page's children: a company's departments, a team's members),
     * by scope.
     */
    static Map<Scope, ScopeCells> readEach(JdbcClient jdbc, long companyId, Collection<String> metricKeys, List<Scope> scopes,
                                           Collection<Period> periods, DayOfWeek weekStart) {
        Cover union = union(periods, weekStart);
        List<ScopeCells> each = scopes.stream().map(scope -> new ScopeCells(scope, union)).toList();
        if (!metricKeys.isEmpty() && !scopes.isEmpty()) {
            Sql sql = new Sql();
            String company = sql.bind(companyId);
            String metrics = sql.bind(List.copyOf(metricKeys));
            // Which cells count for which scope: a department's are its teams'. One scan of the period's cells joined to it.
            String scopeOf = "(" + RollupStore.membersOf(scopes, company, sql) + ") s";
            String rows = "select s.i as s, metric_key, grain, start, records, total from rollup_cell c join " + scopeOf
                    + " on c.scope_kind = s.kind and c.scope_id = s.id where c.company_id = " + company + " and c.metric_key in (" + metrics + ")";
            String days = scopes.stream().anyMatch(scope -> scope instanceof Scope.Person)
                    ? "select s.i as s, metric_key, 'd' as grain, day as start, records, coalesce(total, 0) as total from rollup_day d join "
                    + scopeOf + " on s.kind = 'p' and d.person_id = s.id where d.company_id = " + company + " and d.metric_key in (" + metrics + ")"
                    : null;
            sql.append("select s, metric_key, grain, start, sum(records), sum(total) from (").append(union.select(sql, rows, days))
                    .append(") c group by 1, 2, 3, 4");
            sql.on(jdbc).query(rs -> {
                each.get(rs.getInt(1)).parts.put(key(rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class)),
                        new Parts(rs.getBigDecimal(5), rs.getBigDecimal(6)));
            });
        }
        Map<Scope, ScopeCells> byScope = new HashMap<>();
        each.forEach(cells -> byScope.put(cells.scope, cells));
        return byScope;
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

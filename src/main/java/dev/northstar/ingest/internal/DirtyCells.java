package dev.northstar.ingest.internal;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Marks the rollup cells (person, day) that a load is about to change, in {@code rollup_dirty}, in the load's own
 * transaction: the cells every changed staged row enters and those its stored version leaves, so that a correction
 * moves its value out of the old cell; and, when asked, the cells of new rows (a load that inserts them plainly adds
 * them to the rollups itself instead: {@link dev.northstar.ingest.RecordsCreated}). One statement for the whole load.
 * <p>
 * The stored rows are read with FOR UPDATE: the upsert that follows cannot then find a version that another load
 * committed in between, whose cells would go unmarked.
 */
final class DirtyCells {

    private DirtyCells() {
    }

    /**
     * @param keyMatch the SQL matching a stored row {@code t} with a staged row {@code s} by key
     * @param keyOrder the stored row's key columns, in the order in which the upsert locks rows
     * @param andNew   also the cells of staged rows without a stored twin (else the load adds those rows to the rollups
     *                 itself: {@link dev.northstar.ingest.RecordsCreated})
     */
    static void mark(JdbcClient jdbc, StagedKind kind, long companyId, String keyMatch, String keyOrder, boolean andNew) {
        List<String> columns = kind.cellColumns();
        if (columns.isEmpty()) {
            return;
        }
        String zone = "(select c.time_zone from company c where c.id = " + companyId + ")";
        String storedValues = kind.values().stream().map(c -> "t." + c.name()).collect(Collectors.joining(", "));
        String stagedValues = kind.values().stream().map(c -> "s." + c.name()).collect(Collectors.joining(", "));
        jdbc.sql("with stored as (select s.line, " + columns.stream().map(c -> "t." + c).collect(Collectors.joining(", "))
                        + ", (" + storedValues + ") is distinct from (" + stagedValues + ") as changed"
                        + " from ingest_stage s join " + kind.table() + " t on t.company_id = " + companyId + " and " + keyMatch
                        + " order by " + keyOrder + " for update of t)"
                        + " insert into rollup_dirty (company_id, person_id, day)"
                        + " select distinct " + companyId + ", cell.person_id, cell.day from ("
                        + " select x.person_id, x.day from stored o cross join lateral (values " + String.join(", ", kind.cells("o", zone))
                        + ") x(person_id, day) where o.changed"
                        + " union all"
                        + " select x.person_id, x.day from ingest_stage s left join stored o on o.line = s.line"
                        + " cross join lateral (values " + String.join(", ", kind.cells("s", zone)) + ") x(person_id, day)"
                        + (andNew ? " where o.line is null or o.changed" : " where o.changed")
                        + ") cell where cell.day is not null")
                .update();
    }
}

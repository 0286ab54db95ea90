package dev.northstar.accounts.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Entered values and per-account targets, append-only: every edit is a row, the latest one counts, the rows before it
 * are its history. {@code account_metric_current} holds the latest of each, kept by a trigger, for reads across many
 * accounts.
 */
@Repository
public class EntryStore {

    public enum Kind { VALUE, TARGET }

    /** One row: a value of a day, or a target (day null); value null clears. recordedByName is null for imports by nobody. */
    public record Entry(long id, long accountId, long metricId, Kind kind, LocalDate day, BigDecimal value, Long recordedBy,
                        String recordedByName, Instant recordedAt) {
    }

    /** The latest entry of a kind for an account and metric. */
    public record Current(long accountId, long metricId, Kind kind, LocalDate day, BigDecimal value) {
    }

    private final JdbcClient jdbc;

    EntryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long append(long companyId, long accountId, long metricId, Kind kind, LocalDate day, BigDecimal value, Long recordedBy) {
        return jdbc.sql("""
                        insert into account_metric_entry (company_id, account_id, metric_id, kind, day, value, recorded_by)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, accountId, metricId, kind.name().toLowerCase(), day, value, recordedBy).query(Long.class).single();
    }

    /** The latest value and target of every metric of the given accounts (all of the company's when null). */
    public List<Current> current(long companyId, Long[] accountIds) {
        String sql = "select account_id, metric_id, kind, day, value from account_metric_current where company_id = ?"
                + (accountIds == null ? "" : " and account_id = any(?)");
        var statement = jdbc.sql(sql).param(companyId);
        if (accountIds != null) {
            statement = statement.param(accountIds);
        }
        return statement.query((rs, n) -> new Current(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3).toUpperCase()),
                rs.getObject(4, LocalDate.class), rs.getBigDecimal(5))).list();
    }

    /** The company's entry version (0 before any): it changes with every committed value or target (see V21). */
    public long version(long companyId) {
        return jdbc.sql("select coalesce(max(version), 0) from account_entry_version where company_id = ?").param(companyId)
                .query(Long.class).single();
    }

    /** The value and target of every metric of the accounts that applied at the end of a day (before {@code endOfDay}). */
    public List<Current> asOf(long companyId, Long[] accountIds, LocalDate day, Instant endOfDay) {
        return jdbc.sql("""
                        select distinct on (account_id, metric_id, kind) account_id, metric_id, kind, day, value from account_metric_entry
                        where company_id = ? and account_id = any(?) and ((kind = 'value' and day <= ?) or (kind = 'target' and recorded_at < ?))
                        order by account_id, metric_id, kind, day desc nulls last, recorded_at desc, id desc""")
                .params(companyId, accountIds, day, java.sql.Timestamp.from(endOfDay))
                .query((rs, n) -> new Current(rs.getLong(1), rs.getLong(2), Kind.valueOf(rs.getString(3).toUpperCase()),
                        rs.getObject(4, LocalDate.class), rs.getBigDecimal(5))).list();
    }

    /** Every entry of one account, oldest first: for its timeline, its as-of values and the history of its edits. */
    public List<Entry> entries(long companyId, long accountId) {
        return jdbc.sql("""
                        select e.id, e.account_id, e.metric_id, e.kind, e.day, e.value, e.recorded_by, p.display_name, e.recorded_at
                        from account_metric_entry e left join person p on p.company_id = e.company_id and p.id = e.recorded_by
                        where e.company_id = ? and e.account_id = ? order by e.day nulls first, e.recorded_at, e.id""")
                .params(companyId, accountId)
                .query((rs, n) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getLong(3), Kind.valueOf(rs.getString(4).toUpperCase()),
                        rs.getObject(5, LocalDate.class), rs.getBigDecimal(6), (Long) rs.getObject(7), rs.getString(8),
                        rs.getTimestamp(9).toInstant())).list();
    }
}

package dev.northstar.accounts.internal;

import dev.northstar.accounts.Measure;
import dev.northstar.organization.Company;
import dev.northstar.shared.Period.Grain;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes system metrics ({@link Measure}) of accounts on a day from the records: two months of revenue lines, the
 * accounts' deals, their activities of the last 30 days. A record belongs to an account by the account's source and
 * external id; money is the company's currency only. A few accounts are looked up record by record; many (the
 * portfolio) are computed by aggregating each record table once, and today's are kept in {@code account_measures}.
 */
@Repository
public class SystemValues {

    private static final BigDecimal MONTHS_A_YEAR = BigDecimal.valueOf(12);
    /** Up to this many accounts, their records are looked up by index; more, each table is aggregated once. */
    private static final int LOOKED_UP = 2_000;

    /** Where the day falls for the company: its fiscal year's first day, and the instants that bound the last 30 days. */
    public record Day(LocalDate day, LocalDate fiscalYearStart, Instant last30From, Instant last30To, String currency) {

        public static Day of(Company company, LocalDate day) {
            var calendar = company.calendar();
            return new Day(day, calendar.period(Grain.YEAR, day).start(), calendar.startOf(day.minusDays(29)),
                    calendar.startOf(day.plusDays(1)), company.currency());
        }
    }

    /** The measures' sums for one account; mrr and previousMrr are null when it has no revenue line in either month. */
    public record Sums(BigDecimal mrr, BigDecimal previousMrr, BigDecimal wonYtd, BigDecimal openPipeline, long activities30d) {

        static Sums read(ResultSet rs, int first) throws SQLException {
            return new Sums(rs.getBigDecimal(first), rs.getBigDecimal(first + 1), orZero(rs.getBigDecimal(first + 2)),
                    orZero(rs.getBigDecimal(first + 3)), rs.getLong(first + 4));
        }

        public EnumMap<Measure, BigDecimal> measures() {
            EnumMap<Measure, BigDecimal> row = new EnumMap<>(Measure.class);
            if (mrr != null) {
                row.put(Measure.MRR, mrr);
                row.put(Measure.ARR, mrr.multiply(MONTHS_A_YEAR));
                row.put(Measure.MRR_CHANGE, mrr.subtract(previousMrr));
                if (previousMrr.signum() != 0) {
                    row.put(Measure.NRR, mrr.divide(previousMrr, 6, RoundingMode.HALF_UP));
                }
            }
            row.put(Measure.REVENUE_YTD, wonYtd);
            row.put(Measure.OPEN_PIPELINE, openPipeline);
            row.put(Measure.ACTIVITIES_30D, BigDecimal.valueOf(activities30d));
            return row;
        }

        private static BigDecimal orZero(BigDecimal value) {
            return value == null ? BigDecimal.ZERO : value;
        }
    }

    private final JdbcClient jdbc;

    SystemValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each account's sums on the day; accountIds null means every account of the company. */
    public Map<Long, Sums> compute(long companyId, Long[] accountIds, Day day) {
        Map<Long, Sums> sums = new HashMap<>();
        List<Object> params = new ArrayList<>();
        jdbc.sql(select(companyId, accountIds, day, params)).params(params).query(rs -> {
            sums.put(rs.getLong(1), Sums.read(rs, 2));
        });
        return sums;
    }

    /** Recomputes today's sums of every account of the company into account_measures, in one statement. */
    public void refresh(long companyId, Day day, Instant now) {
        List<Object> params = new ArrayList<>();
        String select = select(companyId, null, day, params);
        params.add(0, companyId);
        jdbc.sql("insert into account_measures (company_id, account_id, mrr, previous_mrr, won_ytd, open_pipeline, activities_30d)"
                        + " select ?, q.* from (" + select + ") q on conflict (company_id, account_id) do update set mrr = excluded.mrr,"
                        + " previous_mrr = excluded.previous_mrr, won_ytd = excluded.won_ytd, open_pipeline = excluded.open_pipeline,"
                        + " activities_30d = excluded.activities_30d")
                .params(params).update();
        jdbc.sql("""
                        insert into account_measures_state (company_id, day, refreshed_at) values (?, ?, ?)
                        on conflict (company_id) do update set day = excluded.day, refreshed_at = excluded.refreshed_at""")
                .params(companyId, day.day(), Timestamp.from(now)).update();
    }

    /** The day and time of the company's kept sums, if any. */
    public Optional<Kept> kept(long companyId) {
        return jdbc.sql("select day, refreshed_at from account_measures_state where company_id = ?").param(companyId)
                .query((rs, n) -> new Kept(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant())).optional();
    }

    public record Kept(LocalDate day, Instant refreshedAt) {
    }

    /** The kept sums of the given accounts (every account when null). */
    public Map<Long, Sums> keptSums(long companyId, Long[] accountIds) {
        Map<Long, Sums> sums = new HashMap<>();
        var statement = jdbc.sql("select account_id, mrr, previous_mrr, won_ytd, open_pipeline, activities_30d from account_measures"
                + " where company_id = ?" + (accountIds == null ? "" : " and account_id = any(?)")).param(companyId);
        if (accountIds != null) {
            statement = statement.param(accountIds);
        }
        statement.query(rs -> {
            sums.put(rs.getLong(1), Sums.read(rs, 2));
        });
        return sums;
    }

    /**
     * The select of (account id, mrr, previous mrr, won, open, activities): by lookups from the accounts when they are
     * few, else each record table aggregated once by (source, external id) and joined to the accounts.
     */
    private static String select(long companyId, Long[] accountIds, Day day, List<Object> params) {
        LocalDate month = day.day().withDayOfMonth(1);
        boolean few = accountIds != null && accountIds.length <= LOOKED_UP;
        StringBuilder sql = new StringBuilder("with acc as ").append(few ? "" : "materialized ")
                .append("(select id, source, external_id from account where company_id = ?");
        params.add(companyId);
        if (accountIds != null) {
            sql.append(" and id = any(?)");
            params.add(accountIds);
        }
        sql.append("), rev as (select r.source, r.account_ref, coalesce(sum(r.mrr) filter (where r.month = ?), 0) as cur,")
                .append(" coalesce(sum(r.mrr) filter (where r.month = ?), 0) as prev from revenue_line r")
                .append(few ? " join acc a on a.source = r.source and a.external_id = r.account_ref" : "")
                .append(" where r.company_id = ? and r.month in (?, ?) and r.currency = ? group by r.source, r.account_ref)");
        params.addAll(List.of(month, month.minusMonths(1), companyId, month, month.minusMonths(1), day.currency()));
        sql.append(", deals as (select d.source, d.account_ref,")
                .append(" sum(d.amount) filter (where d.outcome = 'won' and d.closed_on between ? and ?) as won,")
                .append(" sum(d.amount) filter (where coalesce(d.created_on, ?) <= ? and (d.closed_on is null or d.closed_on > ?)) as open")
                .append(" from deal d").append(few ? " join acc a on a.source = d.source and a.external_id = d.account_ref" : "")
                .append(" where d.company_id = ? and d.account_ref is not null and d.currency = ? group by d.source, d.account_ref)");
        params.addAll(List.of(day.fiscalYearStart(), day.day(), day.day(), day.day(), day.day(), companyId, day.currency()));
        sql.append(", act as (select x.source, x.account_ref, count(*) as n from activity x")
                .append(few ? " join acc a on a.source = x.source and a.external_id = x.account_ref" : "")
                .append(" where x.company_id = ? and x.account_ref is not null and x.occurred_at >= ? and x.occurred_at < ?")
                .append(" group by x.source, x.account_ref)");
        params.addAll(List.of(companyId, Timestamp.from(day.last30From()), Timestamp.from(day.last30To())));
        sql.append(" select acc.id, rev.cur, rev.prev, coalesce(deals.won, 0), coalesce(deals.open, 0), coalesce(act.n, 0) from acc")
                .append(" left join rev on rev.source = acc.source and rev.account_ref = acc.external_id")
                .append(" left join deals on deals.source = acc.source and deals.account_ref = acc.external_id")
                .append(" left join act on act.source = acc.source and act.account_ref = acc.external_id");
        return sql.toString();
    }
}

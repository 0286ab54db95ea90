package dev.northstar.accounts.internal;

import dev.northstar.accounts.Measure;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes system metrics ({@link Measure}) for many accounts on one day in one query, reading only what the measures
 * asked for need: two months of revenue lines, the deals of the accounts, their activities of the last 30 days. A
 * record belongs to an account by the account's source and external id. Money is the company's currency only.
 */
@Repository
public class SystemValues {

    private static final BigDecimal MONTHS_A_YEAR = BigDecimal.valueOf(12);

    /** Where the day falls for the company: its fiscal year's first day, and the instants that bound the last 30 days. */
    public record Day(LocalDate day, LocalDate fiscalYearStart, Instant last30From, Instant last30To, String currency) {
    }

    private final JdbcClient jdbc;

    SystemValues(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Each account's measures (null where there is nothing to compute from); accountIds null means every account. */
    public Map<Long, EnumMap<Measure, BigDecimal>> compute(long companyId, Long[] accountIds, Set<Measure> measures, Day day) {
        EnumSet<Measure> wanted = measures.isEmpty() ? EnumSet.noneOf(Measure.class) : EnumSet.copyOf(measures);
        boolean revenue = wanted.stream().anyMatch(Measure::recurring);
        boolean won = wanted.contains(Measure.REVENUE_YTD);
        boolean pipeline = wanted.contains(Measure.OPEN_PIPELINE);
        boolean activities = wanted.contains(Measure.ACTIVITIES_30D);
        if (!revenue && !won && !pipeline && !activities) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("with acc as (select id, source, external_id from account where company_id = ?");
        params.add(companyId);
        if (accountIds != null) {
            sql.append(" and id = any(?)");
            params.add(accountIds);
        }
        sql.append(") select acc.id");
        StringBuilder joins = new StringBuilder();
        if (revenue) {
            LocalDate month = day.day().withDayOfMonth(1);
            sql.append(", rev.cur, rev.prev");
            joins.append(" ").append("""
                     left join (select a.id, coalesce(sum(r.mrr) filter (where r.month = ?), 0) as cur,
                                       coalesce(sum(r.mrr) filter (where r.month = ?), 0) as prev
                                from acc a join revenue_line r on r.company_id = ? and r.source = a.source and r.account_ref = a.external_id
                                where r.month in (?, ?) and r.currency = ? group by a.id) rev on rev.id = acc.id""");
            params.addAll(List.of(month, month.minusMonths(1), companyId, month, month.minusMonths(1), day.currency()));
        }
        if (won || pipeline) {
            sql.append(", deals.won, deals.open");
            joins.append(" ").append("""
                     left join (select a.id,
                                       sum(d.amount) filter (where d.outcome = 'won' and d.closed_on between ? and ?) as won,
                                       sum(d.amount) filter (where coalesce(d.created_on, ?) <= ? and (d.closed_on is null or d.closed_on > ?)) as open
                                from acc a join deal d on d.company_id = ? and d.source = a.source and d.account_ref = a.external_id
                                where d.currency = ? group by a.id) deals on deals.id = acc.id""");
            params.addAll(List.of(day.fiscalYearStart(), day.day(), day.day(), day.day(), day.day(), companyId, day.currency()));
        }
        if (activities) {
            sql.append(", act.n");
            joins.append(" ").append("""
                     left join (select a.id, count(*) as n
                                from activity x join acc a on a.source = x.source and a.external_id = x.account_ref
                                where x.company_id = ? and x.account_ref is not null and x.occurred_at >= ? and x.occurred_at < ?
                                group by a.id) act on act.id = acc.id""");
            params.addAll(List.of(companyId, java.sql.Timestamp.from(day.last30From()), java.sql.Timestamp.from(day.last30To())));
        }
        sql.append(" from acc").append(joins);
        Map<Long, EnumMap<Measure, BigDecimal>> values = new HashMap<>();
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            EnumMap<Measure, BigDecimal> row = new EnumMap<>(Measure.class);
            int column = 2;
            if (revenue) {
                BigDecimal current = rs.getBigDecimal(column++);
                BigDecimal previous = rs.getBigDecimal(column++);
                put(row, wanted, Measure.MRR, current);
                put(row, wanted, Measure.ARR, current == null ? null : current.multiply(MONTHS_A_YEAR));
                put(row, wanted, Measure.MRR_CHANGE, current == null ? null : current.subtract(previous));
                put(row, wanted, Measure.NRR, previous == null || previous.signum() == 0 ? null
                        : current.divide(previous, 6, java.math.RoundingMode.HALF_UP));
            }
            if (won || pipeline) {
                BigDecimal wonAmount = rs.getBigDecimal(column++);
                BigDecimal open = rs.getBigDecimal(column++);
                put(row, wanted, Measure.REVENUE_YTD, wonAmount == null ? BigDecimal.ZERO : wonAmount);
                put(row, wanted, Measure.OPEN_PIPELINE, open == null ? BigDecimal.ZERO : open);
            }
            if (activities) {
                long count = rs.getLong(column);
                put(row, wanted, Measure.ACTIVITIES_30D, BigDecimal.valueOf(count));
            }
            values.put(rs.getLong(1), row);
        });
        return values;
    }

    private static void put(EnumMap<Measure, BigDecimal> row, Set<Measure> wanted, Measure measure, BigDecimal value) {
        if (wanted.contains(measure) && value != null) {
            row.put(measure, value);
        }
    }
}

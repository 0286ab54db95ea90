package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula.Retention.Measure;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Recurring revenue measures from the revenue lines of two months: the period's last month (the month of its last
 * day) and the month before the period (the month before the month of its first day). An account's MRR in a month is
 * the sum of its lines that month in the company's currency; the scope takes each line by its account's owner on the
 * first day of the line's month. The cohort is the accounts with MRR above zero in the month before; see
 * docs/metrics.md for the measures.
 */
final class RetentionQuery {

    /** The sums one query returns, from which every measure is made. */
    private record Sums(BigDecimal mrr, BigDecimal previousMrr, BigDecimal cohortStart, BigDecimal cohortEnd, BigDecimal cohortKept,
                        BigDecimal churnedMrr, BigDecimal cohortSize, BigDecimal churnedLogos) {
    }

    private static final BigDecimal MONTHS_A_YEAR = BigDecimal.valueOf(12);

    private final JdbcClient jdbc;

    RetentionQuery(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    MetricValue value(Measure measure, Frame frame, Scope scope) {
        if (measure == null) {
            throw new MetricEvaluationException("a retention metric needs a measure: " + java.util.Arrays.toString(Measure.values()));
        }
        Sums sums = sums(frame, scope);
        switch (measure) {
            case MRR:
                return MetricValue.of(sums.mrr());
            case ARR:
                return MetricValue.of(sums.mrr().multiply(MONTHS_A_YEAR));
            case NET_NEW_MRR:
                return MetricValue.of(sums.mrr().subtract(sums.previousMrr()));
            case NRR:
                return MetricValue.ratio(sums.cohortEnd(), sums.cohortStart());
            case GRR:
                return MetricValue.ratio(sums.cohortKept(), sums.cohortStart());
            case REVENUE_CHURN:
                return MetricValue.ratio(sums.churnedMrr(), sums.cohortStart());
            case LOGO_CHURN:
                return MetricValue.ratio(sums.churnedLogos(), sums.cohortSize());
            default:
                throw new IllegalStateException("unknown retention measure " + measure);
        }
    }

    private Sums sums(Frame frame, Scope scope) {
        LocalDate before = frame.period().start().withDayOfMonth(1).minusMonths(1);
        LocalDate last = frame.lastDay().withDayOfMonth(1);
        Sql sql = new Sql();
        String beforeMonth = sql.bind(before);
        String lastMonth = sql.bind(last);
        sql.append("with accounts as (select r.source, r.account_ref,")
                .append(" sum(r.mrr) filter (where r.month = ").append(beforeMonth).append(") as start_mrr,")
                .append(" coalesce(sum(r.mrr) filter (where r.month = ").append(lastMonth).append("), 0) as end_mrr")
                .append(" from ").append(RevenueSource.FROM)
                .append(" where r.company_id = ").append(sql.bind(frame.companyId()))
                .append(" and r.month in (").append(beforeMonth).append(", ").append(lastMonth).append(")")
                .append(" and r.currency = ").append(sql.bind(frame.company().currency()))
                .append(" and ").append(ScopeCondition.of(scope, "acc.owner_id", "r.month", frame.companyId(), sql))
                .append(" group by r.source, r.account_ref)")
                .append(" select coalesce(sum(end_mrr), 0), coalesce(sum(start_mrr), 0),")
                .append(" coalesce(sum(start_mrr) filter (where start_mrr > 0), 0),")
                .append(" coalesce(sum(end_mrr) filter (where start_mrr > 0), 0),")
                .append(" coalesce(sum(least(end_mrr, start_mrr)) filter (where start_mrr > 0), 0),")
                .append(" coalesce(sum(start_mrr) filter (where start_mrr > 0 and end_mrr = 0), 0),")
                .append(" count(*) filter (where start_mrr > 0),")
                .append(" count(*) filter (where start_mrr > 0 and end_mrr = 0)")
                .append(" from accounts");
        return sql.on(jdbc).query((rs, n) -> new Sums(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8))).single();
    }
}

package dev.northstar.accounts;

import dev.northstar.targets.Status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The accounts a person sees, narrowed by owner, segment and health band, on a day: each metric aggregated across
 * them (sum, average, how many are green, amber and red), recurring revenue and its retention for the month, the
 * spread of health, and one page of the accounts, sorted. {@code measuredAt}: when today's recurring revenue, deals and
 * activities were last computed for the portfolio (null when computed for this answer); {@code owners} and
 * {@code segments}: those of every account the viewer sees, for the filters.
 */
public record Portfolio(LocalDate asOf, PortfolioFilter filter, int accounts, List<Aggregate> aggregates, Retention retention,
                        Map<Health.Band, Integer> bands, BigDecimal averageHealth, List<Row> rows, int pages,
                        List<AccountMetric> columns, String currency, java.time.Instant measuredAt, List<Owner> owners, List<String> segments) {

    /** Someone who owns accounts the viewer sees, for the owner filter. */
    public record Owner(long id, String name) {
    }

    public record Row(Account account, List<MetricReading> top, Health health) {
    }

    /** A metric across the accounts: the sum and average of those with a value, and the count of each status. */
    public record Aggregate(AccountMetric metric, BigDecimal sum, BigDecimal average, int counted, Map<Status, Integer> statuses) {
    }

    /**
     * Recurring revenue of the month and retention against the month before, over the accounts that paid the month
     * before (the cohort): NRR is what the cohort pays now over what it paid; logo churn the share of the cohort that
     * pays nothing now; revenue churn (gross) the share of the cohort's revenue lost, to accounts that left or pay less.
     */
    public record Retention(LocalDate month, BigDecimal mrr, BigDecimal previousMrr, BigDecimal nrr, int cohort, int churned,
                            BigDecimal logoChurn, BigDecimal revenueChurn) {
    }
}

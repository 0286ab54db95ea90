package dev.northstar.analytics;

import dev.northstar.catalog.Formula.Retention;
import dev.northstar.catalog.Formula.Retention.Measure;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.catalog.Formula.Function.COUNT_DISTINCT;
import static dev.northstar.catalog.Formula.Function.SUM;
import static dev.northstar.catalog.Formula.Source.REVENUE;
import static dev.northstar.catalog.Formula.TimeField.MONTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recurring revenue for the second quarter of 2024: the cohort is the accounts with MRR in March, the month before.
 * <pre>
 * account owner (team)   March  June
 * A       ana (One)      100    150   expansion
 * B       ana (One)      200    120   contraction
 * C       ben (Two)      300    -     churned (no line)
 * D       ben (Two)      0      50    not in the cohort (no MRR in March)
 * E       cy  (Two)      350    350   flat
 * H       cy  (Two)      50     0     churned (a zero line)
 * F       nobody         -      80    new, the company's only
 * G       cy  (Two)      1000 EUR in both months: another currency, left out
 * </pre>
 * Company: start MRR 1000 (5 accounts), cohort's June MRR 620, kept 570 (100 + 120 + 0 + 350 + 0), churned C and H
 * (350), June MRR 750.
 */
class RetentionMetricsTest extends EvaluatorTestBase {

    TestCompany.TwoTeams org;

    @BeforeAll
    void company() {
        newCompany("UTC", "USD", 1);
        org = company.twoTeams("Customer success");
        account("A", org.ana(), "100", "150");
        account("B", org.ana(), "200", "120");
        account("C", org.ben(), "300", null);
        account("D", org.ben(), "0", "50");
        account("E", org.cy(), "350", "350");
        account("H", org.cy(), "50", "0");
        account("F", null, null, "80");
        company.account("G", org.cy(), null);
        company.revenue("G", "2024-03", "1000", "EUR");
        company.revenue("G", "2024-06", "1000", "EUR");

        for (Measure measure : Measure.values()) {
            metrics.add(measure.name().toLowerCase(), new Retention(measure));
        }
        metrics.add("revenue", aggregate(REVENUE, SUM, "mrr", MONTH));
        metrics.add("paying_accounts", aggregate(REVENUE, COUNT_DISTINCT, "account", MONTH));
    }

    /** An account with its MRR in March and June (null: no line). */
    private void account(String ref, Long owner, String march, String june) {
        company.account(ref, owner, null);
        if (march != null) {
            company.revenue(ref, "2024-03", march);
        }
        if (june != null) {
            company.revenue(ref, "2024-06", june);
        }
    }

    @Test
    void theCompanysRecurringRevenueForTheQuarter() {
        expect("mrr", Scope.COMPANY, "FY2024-Q2", "750");               // June: 150 + 120 + 50 + 350 + 0 + 80
        expect("arr", Scope.COMPANY, "FY2024-Q2", "9000");
        expect("net_new_mrr", Scope.COMPANY, "FY2024-Q2", "-250");      // 750 - 1000
        expect("nrr", Scope.COMPANY, "FY2024-Q2", "0.62");              // 620 / 1000
        expect("grr", Scope.COMPANY, "FY2024-Q2", "0.57");              // 570 / 1000
        expect("revenue_churn", Scope.COMPANY, "FY2024-Q2", "0.35");    // (300 + 50) / 1000
        expect("logo_churn", Scope.COMPANY, "FY2024-Q2", "0.4");        // 2 of 5
        MetricValue nrr = value("nrr", Scope.COMPANY, "FY2024-Q2");
        assertThat(nrr.numerator()).isEqualByComparingTo("620");
        assertThat(nrr.denominator()).isEqualByComparingTo("1000");
    }

    @Test
    void eachTeamHasTheCohortOfItsMembersAccounts() {
        expect("mrr", team(org.one()), "FY2024-Q2", "270");
        expect("nrr", team(org.one()), "FY2024-Q2", "0.9");                   // 270 / 300
        expect("grr", team(org.one()), "FY2024-Q2", "0.7333333333333333");    // 220 / 300
        expect("revenue_churn", team(org.one()), "FY2024-Q2", "0");
        expect("logo_churn", team(org.one()), "FY2024-Q2", "0");
        expect("mrr", team(org.two()), "FY2024-Q2", "400");                   // 50 + 350 + 0
        expect("nrr", team(org.two()), "FY2024-Q2", "0.5");                   // 350 / 700
        expect("grr", team(org.two()), "FY2024-Q2", "0.5");
        expect("revenue_churn", team(org.two()), "FY2024-Q2", "0.5");
        expect("logo_churn", team(org.two()), "FY2024-Q2", "0.6666666666666667"); // C and H of C, E, H
    }

    @Test
    void withoutACohortTheRatiosHaveNoDataButMrrIsStillKnown() {
        // June alone: the month before is May, which has no lines.
        expect("mrr", Scope.COMPANY, "2024-06", "750");
        expect("net_new_mrr", Scope.COMPANY, "2024-06", "750");
        expect("nrr", Scope.COMPANY, "2024-06", null);
        expect("grr", Scope.COMPANY, "2024-06", null);
        expect("logo_churn", Scope.COMPANY, "2024-06", null);
        expect("mrr", Scope.COMPANY, "2023-06", "0");
    }

    @Test
    void revenueLinesAsAnAggregateByMonth() {
        expect("revenue", Scope.COMPANY, "FY2024-Q2", "750");           // the EUR lines are left out
        expect("revenue", Scope.COMPANY, "2024-03", "1000");
        expect("paying_accounts", Scope.COMPANY, "2024-06", "7");       // lines, whatever their amount or currency
    }
}

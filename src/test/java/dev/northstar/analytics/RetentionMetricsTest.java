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

    long one, two;

    @BeforeAll
    void company() {
        newCompany("UTC", "USD", 1);
        long department = company.department("Customer success");
        one = company.team(department, "One");
        two = company.team(department, "Two");
        long ana = company.person("Ana");
        long ben = company.person("Ben");
        long cy = company.person("Cy");
        company.member(ana, one, "2024-01-01", null);
        company.member(ben, two, "2024-01-01", null);
        company.member(cy, two, "2024-01-01", null);
        company.account("A", ana, null);
        company.account("B", ana, null);
        company.account("C", ben, null);
        company.account("D", ben, null);
        company.account("E", cy, null);
        company.account("H", cy, null);
        company.account("F", null, null);
        company.account("G", cy, null);
        company.revenue("A", "2024-03", "100");
        company.revenue("A", "2024-06", "150");
        company.revenue("B", "2024-03", "200");
        company.revenue("B", "2024-06", "120");
        company.revenue("C", "2024-03", "300");
        company.revenue("D", "2024-03", "0");
        company.revenue("D", "2024-06", "50");
        company.revenue("E", "2024-03", "350");
        company.revenue("E", "2024-06", "350");
        company.revenue("H", "2024-03", "50");
        company.revenue("H", "2024-06", "0");
        company.revenue("F", "2024-06", "80");
        company.revenue("G", "2024-03", "1000", "EUR");
        company.revenue("G", "2024-06", "1000", "EUR");

        for (Measure measure : Measure.values()) {
            metrics.add(measure.name().toLowerCase(), new Retention(measure));
        }
        metrics.add("revenue", aggregate(REVENUE, SUM, "mrr", MONTH));
        metrics.add("paying_accounts", aggregate(REVENUE, COUNT_DISTINCT, "account", MONTH));
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
        expect("mrr", team(one), "FY2024-Q2", "270");
        expect("nrr", team(one), "FY2024-Q2", "0.9");                   // 270 / 300
        expect("grr", team(one), "FY2024-Q2", "0.7333333333333333");    // 220 / 300
        expect("revenue_churn", team(one), "FY2024-Q2", "0");
        expect("logo_churn", team(one), "FY2024-Q2", "0");
        expect("mrr", team(two), "FY2024-Q2", "400");                   // 50 + 350 + 0
        expect("nrr", team(two), "FY2024-Q2", "0.5");                   // 350 / 700
        expect("grr", team(two), "FY2024-Q2", "0.5");
        expect("revenue_churn", team(two), "FY2024-Q2", "0.5");
        expect("logo_churn", team(two), "FY2024-Q2", "0.6666666666666667"); // C and H of C, E, H
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

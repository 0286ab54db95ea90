package dev.northstar.analytics;

import dev.northstar.catalog.Formula.Ratio;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.analytics.Metrics.isNot;
import static dev.northstar.catalog.Formula.Function.COUNT_DISTINCT;
import static dev.northstar.catalog.Formula.Function.SUM;
import static dev.northstar.catalog.Formula.Source.DEALS;
import static dev.northstar.catalog.Formula.TimeField.CLOSED;
import static dev.northstar.catalog.Formula.TimeField.CREATED;
import static dev.northstar.catalog.Formula.TimeField.OPEN_AT_END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deal metrics in a EUR company with the default pipeline (prospecting 10 %, qualification 25 %, proposal 50 %,
 * negotiation 75 %, won, lost): won deals and revenue by close date, sales cycle, win rate, the pipeline open at the
 * end of January, February and March while deals move between stages across those ends, a deal in another currency,
 * and an owner who moved teams on 15 February.
 * <pre>
 * deal owner amount      created    closed     now          history (10:00 in Oslo)
 * d1   ana   1000        2024-01-10 2024-02-20 won          prospecting 01-10, proposal 01-25, won 02-20
 * d2   ana   2000        2024-01-15 2024-03-05 lost         qualification 01-15, negotiation 02-10, lost 03-05
 * d3   ben   3000        2024-01-20 2024-02-10 won          proposal 01-20, won 02-10          (ben in North)
 * d4   ben    500 USD    2024-02-01 2024-02-25 won          won 02-25                          (ben in South)
 * d5   cy    4000        2024-02-05 -          negotiation  prospecting 02-05, negotiation 03-10
 * d6   cy    no amount   2024-02-12 -          qualification qualification 02-12
 * d7   cy     800        2024-03-02 2024-03-20 won          prospecting 03-02, won 03-20
 * d8   ana   1500        no date    -          proposal     proposal 01-05
 * d9   ben   2000        2024-01-05 -          qualification (no history)
 * </pre>
 */
class DealMetricsTest extends EvaluatorTestBase {

    long north, south, sales;
    long ana, ben, cy;

    @BeforeAll
    void company() {
        newCompany("Europe/Oslo", "EUR", 1);
        sales = company.department("Sales");
        north = company.team(sales, "North");
        south = company.team(sales, "South");
        ana = company.person("Ana");
        ben = company.person("Ben");
        cy = company.person("Cy");
        company.member(ana, north, "2024-01-01", null);
        company.member(ben, north, "2024-01-01", "2024-02-15");
        company.member(ben, south, "2024-02-15", null);
        company.member(cy, south, "2024-01-01", null);
        company.account("acme", ana, "SMB");
        company.account("bigco", ana, "Enterprise");

        long d1 = company.deal(ana, "won", "1000", "2024-01-10", "2024-02-20", null, "acme");
        history(d1, "prospecting 2024-01-10", "proposal 2024-01-25", "won 2024-02-20");
        long d2 = company.deal(ana, "lost", "2000", "2024-01-15", "2024-03-05", null, "bigco");
        history(d2, "qualification 2024-01-15", "negotiation 2024-02-10", "lost 2024-03-05");
        long d3 = company.deal(ben, "won", "3000", "2024-01-20", "2024-02-10", null, "acme");
        history(d3, "proposal 2024-01-20", "won 2024-02-10");
        long d4 = company.deal(ben, "won", "500", "2024-02-01", "2024-02-25", "USD", null);
        history(d4, "won 2024-02-25");
        long d5 = company.deal(cy, "negotiation", "4000", "2024-02-05", null);
        history(d5, "prospecting 2024-02-05", "negotiation 2024-03-10");
        long d6 = company.deal(cy, "qualification", null, "2024-02-12", null);
        history(d6, "qualification 2024-02-12");
        long d7 = company.deal(cy, "won", "800", "2024-03-02", "2024-03-20");
        history(d7, "prospecting 2024-03-02", "won 2024-03-20");
        long d8 = company.deal(ana, "proposal", "1500", null, null);
        history(d8, "proposal 2024-01-05");
        company.deal(ben, "qualification", "2000", "2024-01-05", null);

        metrics.addWonDealMetrics();
        metrics.add("deals_created", count(DEALS, CREATED));
        metrics.add("accounts_with_new_deals", aggregate(DEALS, COUNT_DISTINCT, "account", CREATED));
        metrics.add("smb_won_revenue", aggregate(DEALS, SUM, "amount", CLOSED, is("outcome", "won"), is("segment", "SMB")));
        metrics.add("won_outside_smb", count(DEALS, CLOSED, is("outcome", "won"), isNot("segment", "SMB")));
        metrics.add("open_deals", count(DEALS, OPEN_AT_END));
        metrics.add("open_pipeline", aggregate(DEALS, SUM, "amount", OPEN_AT_END));
        metrics.add("weighted_pipeline", aggregate(DEALS, SUM, "weightedAmount", OPEN_AT_END));
        metrics.add("in_negotiation", count(DEALS, OPEN_AT_END, is("stage", "negotiation")));
        metrics.add("open_with_amount", count(DEALS, OPEN_AT_END, is("hasAmount", "true")));
        metrics.add("data_completeness", new Ratio("open_with_amount", "open_deals"));
    }

    private void history(long deal, String... entries) {
        for (String entry : entries) {
            String[] stageAndDay = entry.split(" ");
            company.entered(deal, stageAndDay[0], stageAndDay[1] + "T10:00");
        }
    }

    @Test
    void wonDealsAndRevenueByCloseDateLeaveOtherCurrenciesOutOfAmountsOnly() {
        expect("deals_won", Scope.COMPANY, "2024-02", "3");             // d1, d3, d4
        expect("closed_won_revenue", Scope.COMPANY, "2024-02", "4000");        // d1 + d3; d4 is in USD
        expect("average_deal_size", Scope.COMPANY, "2024-02", "2000");
        expect("deals_won", Scope.COMPANY, "2024-03", "1");
        expect("closed_won_revenue", Scope.COMPANY, "2024-03", "800");
        expect("closed_won_revenue", Scope.COMPANY, "FY2024-Q1", "4800");
        expect("closed_won_revenue", Scope.COMPANY, "2024-01", "0");
        expect("average_deal_size", Scope.COMPANY, "2024-01", null);
    }

    @Test
    void salesCycleIsTheAverageOfClosedMinusCreatedDays() {
        MetricValue cycle = value("sales_cycle", Scope.COMPANY, "2024-02");
        assertThat(cycle.numerator()).isEqualByComparingTo("86");       // 41 + 21 + 24 (days are no amount: d4 counts)
        assertThat(cycle.denominator()).isEqualByComparingTo("3");
        assertThat(cycle.value()).isEqualByComparingTo("28.66666666666667");
        expect("sales_cycle", Scope.COMPANY, "2024-03", "18");          // d7: 2 to 20 March
    }

    @Test
    void winRateIsWonOverClosedAndHasNoDataWhenNothingClosed() {
        expect("win_rate", Scope.COMPANY, "2024-02", "1");
        expect("win_rate", Scope.COMPANY, "2024-03", "0.5");            // d7 won, d2 lost
        expect("win_rate", Scope.COMPANY, "2024-01", null);
        MetricValue march = value("win_rate", Scope.COMPANY, "2024-03");
        assertThat(march.numerator()).isEqualByComparingTo("1");
        assertThat(march.denominator()).isEqualByComparingTo("2");
        expect("win_rate", team(north), "2024-03", "0");                // d2, ana's, lost
        expect("win_rate", team(south), "2024-03", "1");
    }

    @Test
    void aDealBelongsToTheTeamItsOwnerWasInOnItsDate() {
        expect("deals_won", team(north), "2024-02", "2");               // d1, and d3 closed on 10 February by ben in North
        expect("deals_won", team(south), "2024-02", "1");               // d4, closed by ben after his move
        expect("closed_won_revenue", team(north), "2024-02", "4000");
        expect("closed_won_revenue", team(south), "2024-02", "0");
        expect("deals_won", department(sales), "2024-02", "3");
        expect("deals_won", person(ben), "2024-02", "2");
    }

    @Test
    void dealsCreatedCountOnlyDealsWithACreatedDate() {
        expect("deals_created", Scope.COMPANY, "2024-01", "4");         // d1, d2, d3, d9 (d8 has no created date)
        expect("deals_created", Scope.COMPANY, "2024-02", "3");
        expect("deals_created", Scope.COMPANY, "2024-03", "1");
        expect("accounts_with_new_deals", Scope.COMPANY, "2024-01", "2"); // acme (twice), bigco
    }

    @Test
    void filtersOnTheDealsAccount() {
        expect("smb_won_revenue", Scope.COMPANY, "2024-02", "4000");    // d1, d3 at acme
        expect("won_outside_smb", Scope.COMPANY, "2024-02", "1");       // d4 has no account: not SMB
    }

    @Test
    void thePipelineOpenAtTheEndOfEachPeriodInTheStageEachDealWasInThen() {
        // End of January: d1 (proposal 50 %), d2 (qualification 25 %), d3 (proposal 50 %), d9 (qualification, from its current stage).
        expect("open_deals", Scope.COMPANY, "2024-01", "4");
        expect("open_pipeline", Scope.COMPANY, "2024-01", "8000");
        expect("weighted_pipeline", Scope.COMPANY, "2024-01", "3000");  // 500 + 500 + 1500 + 500
        // End of February: d2 (negotiation 75 %), d5 (prospecting 10 %, in negotiation only since 10 March), d6 (no amount), d9.
        expect("open_deals", Scope.COMPANY, "2024-02", "4");
        expect("open_pipeline", Scope.COMPANY, "2024-02", "8000");
        expect("weighted_pipeline", Scope.COMPANY, "2024-02", "2400");  // 1500 + 400 + 500
        expect("in_negotiation", Scope.COMPANY, "2024-02", "1");        // d2; d5 was not yet
        // End of March: d5 (negotiation), d6, d9.
        expect("open_deals", Scope.COMPANY, "2024-03", "3");
        expect("weighted_pipeline", Scope.COMPANY, "2024-03", "3500");  // 3000 + 500
        expect("in_negotiation", Scope.COMPANY, "2024-03", "1");        // d5; d2 is lost
        // The quarter ends when March does.
        expect("weighted_pipeline", Scope.COMPANY, "FY2024-Q1", "3500");
    }

    @Test
    void theOpenPipelineOfATeamIsItsMembersDealsOnThePeriodsLastDay() {
        expect("weighted_pipeline", team(north), "2024-02", "1500");    // d2
        expect("weighted_pipeline", team(south), "2024-02", "900");     // d5, d6, and d9: ben is in South on 29 February
        expect("weighted_pipeline", team(north), "2024-01", "3000");    // d1, d2, d3 and d9: ben was in North on 31 January
        expect("weighted_pipeline", team(south), "2024-01", "0");
    }

    @Test
    void dataCompletenessIsTheShareOfOpenDealsWithAnAmount() {
        expect("data_completeness", Scope.COMPANY, "2024-02", "0.75");  // d6 has no amount
        expect("data_completeness", Scope.COMPANY, "2024-01", "1");
    }
}

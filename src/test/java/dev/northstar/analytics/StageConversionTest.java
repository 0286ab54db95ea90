package dev.northstar.analytics;

import dev.northstar.catalog.Formula.StageConversion;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stage conversion from the stage history, in Europe/Oslo with the default pipeline. Times are local.
 * <pre>
 * s1 ana  prospecting 04-03 10:00, qualification 04-10 10:00, proposal 05-20 10:00
 * s2 ana  prospecting 04-15 10:00, lost 04-25 10:00
 * s3 ben  prospecting 04-30 23:30, won 05-02 10:00           (skips qualification: won is past it)
 * s4 ben  prospecting 03-28 10:00, qualification 04-05 10:00  (entered in March)
 * s5 cy   prospecting 05-01 00:30, negotiation 05-03 10:00    (30 April in UTC, May in Oslo)
 * s6 cy   prospecting 04-20 10:00, proposal 06-30 10:00       (71 days later)
 * s7 ana  prospecting 04-02 10:00, qualification 04-03 10:00, prospecting 04-08 10:00 (back again: counted once)
 * </pre>
 * ana is in team One; ben and cy in team Two.
 */
class StageConversionTest extends EvaluatorTestBase {

    TestCompany.TwoTeams org;

    @BeforeAll
    void company() {
        newCompany("Europe/Oslo", "EUR", 1);
        org = company.twoTeams("Sales");
        deal(org.ana(), "proposal", "prospecting 2024-04-03T10:00", "qualification 2024-04-10T10:00", "proposal 2024-05-20T10:00");
        deal(org.ana(), "lost", "prospecting 2024-04-15T10:00", "lost 2024-04-25T10:00");
        deal(org.ben(), "won", "prospecting 2024-04-30T23:30", "won 2024-05-02T10:00");
        deal(org.ben(), "qualification", "prospecting 2024-03-28T10:00", "qualification 2024-04-05T10:00");
        deal(org.cy(), "negotiation", "prospecting 2024-05-01T00:30", "negotiation 2024-05-03T10:00");
        deal(org.cy(), "proposal", "prospecting 2024-04-20T10:00", "proposal 2024-06-30T10:00");
        deal(org.ana(), "prospecting", "prospecting 2024-04-02T10:00", "qualification 2024-04-03T10:00", "prospecting 2024-04-08T10:00");

        metrics.add("prospect_to_qualified", new StageConversion("prospecting", "qualification", null));
        metrics.add("prospect_to_qualified_in_30_days", new StageConversion("prospecting", "qualification", 30));
        metrics.add("prospect_to_won", new StageConversion("prospecting", "won", null));
        metrics.add("proposal_to_negotiation", new StageConversion("proposal", "negotiation", null));
    }

    private void deal(long owner, String stage, String... history) {
        String closed = stage.equals("won") || stage.equals("lost") ? history[history.length - 1].split(" ")[1].substring(0, 10) : null;
        long deal = company.deal(owner, stage, "1000", history[0].split(" ")[1].substring(0, 10), closed);
        for (String entry : history) {
            company.entered(deal, entry.split(" ")[0], entry.split(" ")[1]);
        }
    }

    @Test
    void ofTheDealsThatEnteredTheStageInThePeriodTheShareThatReachedTheTargetOrBeyond() {
        // April: s1, s2, s3, s6, s7 entered prospecting; s1, s3 (won), s6 (proposal, in June) and s7 reached qualification or beyond.
        expect("prospect_to_qualified", Scope.COMPANY, "2024-04", "0.8");
        MetricValue april = value("prospect_to_qualified", Scope.COMPANY, "2024-04");
        assertThat(april.numerator()).isEqualByComparingTo("4");
        assertThat(april.denominator()).isEqualByComparingTo("5");
        expect("prospect_to_won", Scope.COMPANY, "2024-04", "0.2");     // s3 only; lost is past no stage
    }

    @Test
    void withinDaysCountsOnlyWhatHappenedThatSoonAfterTheEntry() {
        expect("prospect_to_qualified_in_30_days", Scope.COMPANY, "2024-04", "0.6"); // s6 took 71 days
    }

    @Test
    void aDealCountsInThePeriodItEnteredTheStageInTheCompanysZone() {
        expect("prospect_to_qualified", Scope.COMPANY, "2024-03", "1"); // s4
        expect("prospect_to_qualified", Scope.COMPANY, "2024-05", "1"); // s5, 30 April in UTC but 1 May in Oslo
        expect("prospect_to_qualified", Scope.COMPANY, "2024-06", null);
        expect("proposal_to_negotiation", Scope.COMPANY, "2024-05", "0"); // s1 entered proposal, went no further
    }

    @Test
    void teamsCountTheDealsOfTheirMembers() {
        expect("prospect_to_qualified", team(org.one()), "2024-04", "0.6666666666666667"); // s1, s7 of s1, s2, s7
        expect("prospect_to_qualified", team(org.two()), "2024-04", "1");                  // s3, s6
    }
}

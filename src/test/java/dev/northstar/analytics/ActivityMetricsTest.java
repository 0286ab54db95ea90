package dev.northstar.analytics;

import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.analytics.Metrics.isNot;
import static dev.northstar.catalog.Formula.Function.AVERAGE;
import static dev.northstar.catalog.Formula.Function.COUNT_DISTINCT;
import static dev.northstar.catalog.Formula.Function.MAX;
import static dev.northstar.catalog.Formula.Function.MIN;
import static dev.northstar.catalog.Formula.Function.SUM;
import static dev.northstar.catalog.Formula.Source.ACTIVITIES;
import static dev.northstar.catalog.Formula.TimeField.OCCURRED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Aggregates of activities in Europe/Oslo: every function, filters, each scope, a person who moved teams in the
 * middle of March, activities near midnight and on both daylight-saving days of 2024 (31 March has 23 hours,
 * 27 October 25). Hand-computed values are in the comments.
 */
class ActivityMetricsTest extends EvaluatorTestBase {

    long sales, partners, north, south, channel;
    long ana, ben, cy, dee, eve;

    @BeforeAll
    void company() {
        newCompany("Europe/Oslo", "NOK", 1);
        sales = company.department("Sales");
        partners = company.department("Partners");
        north = company.team(sales, "North");
        south = company.team(sales, "South");
        channel = company.team(partners, "Channel");
        ana = company.person("Ana");
        ben = company.person("Ben");
        cy = company.person("Cy");
        dee = company.person("Dee");
        eve = company.person("Eve"); // in no team
        company.member(ana, north, "2024-01-01", null);
        company.member(ben, north, "2024-01-01", "2024-03-15"); // moves to South on 15 March
        company.member(ben, south, "2024-03-15", null);
        company.member(cy, south, "2024-01-01", null);
        company.member(dee, channel, "2024-01-01", null);

        company.activity(ana, "call", "2024-03-01T09:00", "10");
        company.activity(ana, "call", "2024-03-10T10:00", "20");
        company.activity(ana, "email", "2024-03-12T08:00", null);
        company.activity(ben, "call", "2024-03-14T23:30", "4");     // 14 March: North
        company.activity(ben, "call", "2024-03-15T00:30", "6");     // 15 March in Oslo (14 March in UTC): South
        company.activity(ben, "meeting", "2024-03-20T12:00", null);
        company.activity(cy, "call", "2024-02-29T23:30", "1");
        company.activity(cy, "call", "2024-03-31T00:30:00Z", "2");  // 01:30 in Oslo, before the clocks jump
        company.activity(cy, "call", "2024-03-31T01:30:00Z", "3");  // 03:30 in Oslo, after it
        company.activity(cy, "call", "2024-03-31T21:59:59Z", "4");  // 23:59:59 in Oslo: still March
        company.activity(cy, "call", "2024-03-31T22:00:30Z", "5");  // 00:00:30 on 1 April in Oslo
        company.activity(dee, "email", "2024-03-05T12:00", null, "acme");
        company.activity(dee, "email", "2024-03-06T12:00", null, "acme");
        company.activity(dee, "email", "2024-03-07T12:00", null, "beta");
        company.activity(eve, "call", "2024-03-08T10:00", "7");
        company.activity(cy, "call", "2024-10-26T23:30:00Z", null); // 01:30 on 27 October in Oslo (summer time)
        company.activity(cy, "call", "2024-10-27T22:30:00Z", null); // 23:30 on 27 October in Oslo (winter time)
        company.activity(cy, "call", "2024-10-27T23:00:00Z", null); // midnight: 28 October in Oslo

        metrics.add("calls", count(ACTIVITIES, OCCURRED, is("type", "call")));
        metrics.add("activities", count(ACTIVITIES, null));
        metrics.add("calls_and_meetings", count(ACTIVITIES, OCCURRED, is("type", "call", "meeting")));
        metrics.add("not_calls", count(ACTIVITIES, OCCURRED, isNot("type", "call")));
        metrics.add("not_acme", count(ACTIVITIES, OCCURRED, isNot("accountRef", "acme")));
        metrics.add("call_minutes", aggregate(ACTIVITIES, SUM, "quantity", OCCURRED, is("type", "call")));
        metrics.add("average_call_minutes", aggregate(ACTIVITIES, AVERAGE, "quantity", OCCURRED, is("type", "call")));
        metrics.add("shortest_call", aggregate(ACTIVITIES, MIN, "quantity", OCCURRED, is("type", "call")));
        metrics.add("longest_call", aggregate(ACTIVITIES, MAX, "quantity", OCCURRED, is("type", "call")));
        metrics.add("active_people", aggregate(ACTIVITIES, COUNT_DISTINCT, "person", OCCURRED));
        metrics.add("accounts_touched", aggregate(ACTIVITIES, COUNT_DISTINCT, "account", OCCURRED));
        metrics.add("activity_types", aggregate(ACTIVITIES, COUNT_DISTINCT, "type", OCCURRED));
    }

    @Test
    void everyFunctionOverTheCompanyInMarch() {
        expect("calls", Scope.COMPANY, "2024-03", "8");                 // ana 2, ben 2, cy 3, eve 1
        expect("activities", Scope.COMPANY, "2024-03", "13");           // 8 calls, 4 e-mails, 1 meeting
        expect("calls_and_meetings", Scope.COMPANY, "2024-03", "9");
        expect("not_calls", Scope.COMPANY, "2024-03", "5");
        expect("not_acme", Scope.COMPANY, "2024-03", "11");             // no account counts as "not acme"
        expect("call_minutes", Scope.COMPANY, "2024-03", "56");         // 10+20+4+6+2+3+4+7
        expect("average_call_minutes", Scope.COMPANY, "2024-03", "7");  // 56 / 8
        expect("shortest_call", Scope.COMPANY, "2024-03", "2");
        expect("longest_call", Scope.COMPANY, "2024-03", "20");
        expect("active_people", Scope.COMPANY, "2024-03", "5");
        expect("accounts_touched", Scope.COMPANY, "2024-03", "2");      // acme, beta
        expect("activity_types", Scope.COMPANY, "2024-03", "3");
    }

    @Test
    void anAverageKeepsItsSumAndCountSoThatAveragesCombineExactly() {
        MetricValue south = value("average_call_minutes", team(this.south), "2024-03");
        assertThat(south.value()).isEqualByComparingTo("3.75");        // (6+2+3+4) / 4
        assertThat(south.numerator()).isEqualByComparingTo("15");
        assertThat(south.denominator()).isEqualByComparingTo("4");
        MetricValue north = value("average_call_minutes", team(this.north), "2024-03");
        assertThat(north.numerator()).isEqualByComparingTo("34");
        assertThat(north.denominator()).isEqualByComparingTo("3");
        assertThat(north.value()).isEqualByComparingTo("11.33333333333333"); // 16 significant digits
    }

    @Test
    void anEmptyPeriodCountsZeroButHasNoAverageMinimumOrMaximum() {
        expect("calls", Scope.COMPANY, "2023-03", "0");
        expect("call_minutes", Scope.COMPANY, "2023-03", "0");
        expect("active_people", Scope.COMPANY, "2023-03", "0");
        expect("average_call_minutes", Scope.COMPANY, "2023-03", null);
        expect("shortest_call", Scope.COMPANY, "2023-03", null);
        expect("longest_call", Scope.COMPANY, "2023-03", null);
        MetricValue average = value("average_call_minutes", Scope.COMPANY, "2023-03");
        assertThat(average.numerator()).as("its parts are zero, so they add up with other periods").isEqualByComparingTo("0");
        assertThat(average.denominator()).isEqualByComparingTo("0");
        expect("calls", team(channel), "2024-03", "0");                 // Channel made e-mails only
        expect("average_call_minutes", team(channel), "2024-03", null);
    }

    @Test
    void scopesCountTheirPeopleAndTheCompanyAlsoThoseInNoTeam() {
        expect("calls", team(north), "2024-03", "3");                   // ana 2, ben's call of 14 March
        expect("calls", team(south), "2024-03", "4");                   // ben's call of 15 March, cy 3
        expect("calls", department(sales), "2024-03", "7");
        expect("calls", department(partners), "2024-03", "0");
        expect("activities", department(partners), "2024-03", "3");
        expect("calls", person(ben), "2024-03", "2");
        expect("calls", person(eve), "2024-03", "1");                   // counted for the company, no team
        expect("call_minutes", team(north), "2024-03", "34");
        expect("call_minutes", team(south), "2024-03", "15");
    }

    @Test
    void aPersonWhoMovedTeamsCountsForTheOldTeamBeforeTheMoveAndTheNewOneAfter() {
        expect("calls", team(north), "2024-03-14", "1");
        expect("calls", team(south), "2024-03-14", "0");
        expect("calls", team(north), "2024-03-15", "0");
        expect("calls", team(south), "2024-03-15", "1");
        expect("activities", team(south), "2024-03-20", "1");           // ben's meeting, after the move
        expect("activities", team(north), "2024-03-20", "0");
        expect("calls", person(ben), "2024-03-15", "1");                // a person's numbers follow them
    }

    @Test
    void theCompanysZoneDecidesTheDayOfAnActivity() {
        expect("calls", Scope.COMPANY, "2024-02", "1");                 // 23:30 on 29 February
        expect("calls", Scope.COMPANY, "2024-04", "1");                 // 00:00:30 on 1 April, though March in UTC
        expect("calls", Scope.COMPANY, "2024-03-14", "1");
        expect("calls", Scope.COMPANY, "2024-03-15", "1");
    }

    @Test
    void theDaysOfTheDaylightSavingChangesHave23And25Hours() {
        // 31 March 2024 in Oslo: 23:00 UTC on the 30th to 22:00 UTC on the 31st.
        expect("calls", Scope.COMPANY, "2024-03-31", "3");
        expect("call_minutes", Scope.COMPANY, "2024-03-31", "9");       // 2+3+4; the call at 00:00:30 on 1 April is not in it
        expect("calls", Scope.COMPANY, "2024-04-01", "1");
        // 27 October 2024 in Oslo: 22:00 UTC on the 26th to 23:00 UTC on the 27th.
        expect("calls", Scope.COMPANY, "2024-10-26", "0");
        expect("calls", Scope.COMPANY, "2024-10-27", "2");
        expect("calls", Scope.COMPANY, "2024-10-28", "1");
        expect("calls", Scope.COMPANY, Period.of(LocalDate.parse("2024-10-27"), LocalDate.parse("2024-10-28")).label(), "3");
    }

    @Test
    void anAggregateOfAFieldTheSourceDoesNotHaveIsRefusedWithTheFieldsItHas() {
        metrics.add("deal_amount_of_activities", aggregate(ACTIVITIES, SUM, "amount", OCCURRED));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> value("deal_amount_of_activities", Scope.COMPANY, "2024-03"))
                .isInstanceOf(MetricEvaluationException.class)
                .hasMessage("activity records have no numeric field 'amount'; they have [quantity]");
    }
}

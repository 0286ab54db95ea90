package dev.northstar.analytics;

import dev.northstar.catalog.Formula.Derived;
import dev.northstar.catalog.Formula.Ratio;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.catalog.Formula.Function.AVERAGE;
import static dev.northstar.catalog.Formula.Source.ACTIVITIES;
import static dev.northstar.catalog.Formula.TimeField.OCCURRED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Ratios and derived formulas over three counts. In May 2024 ana (team One) made 4 calls and 2 meetings, ben (team
 * Two) sent 3 e-mails; cy did nothing, and nothing happened in June.
 */
class RatioAndDerivedMetricsTest extends EvaluatorTestBase {

    TestCompany.TwoTeams org;

    @BeforeAll
    void company() {
        newCompany("UTC", "USD", 1);
        org = company.twoTeams("Sales");
        for (int day = 1; day <= 4; day++) {
            company.activity(org.ana(), "call", "2024-05-0" + day + "T10:00", "3");
        }
        company.activity(org.ana(), "meeting", "2024-05-06T10:00", null);
        company.activity(org.ana(), "meeting", "2024-05-07T10:00", null);
        for (int day = 1; day <= 3; day++) {
            company.activity(org.ben(), "email", "2024-05-1" + day + "T10:00", null);
        }

        metrics.add("calls", count(ACTIVITIES, OCCURRED, is("type", "call")));
        metrics.add("meetings", count(ACTIVITIES, OCCURRED, is("type", "meeting")));
        metrics.add("emails", count(ACTIVITIES, OCCURRED, is("type", "email")));
        metrics.add("average_call_minutes", aggregate(ACTIVITIES, AVERAGE, "quantity", OCCURRED, is("type", "call")));
        metrics.add("meetings_per_call", new Ratio("meetings", "calls"));
        metrics.add("emails_per_call", new Ratio("emails", "calls"));
        metrics.add("minutes_per_meeting", new Ratio("average_call_minutes", "meetings"));
        metrics.add("activity_points", new Derived("calls + 2 * meetings"));
        metrics.add("points_per_email", new Derived("activity_points / emails"));
        metrics.add("busiest_channel", new Derived("MAX(calls, emails)"));
        metrics.add("quietest_channel", new Derived("MIN(calls, emails)"));
        metrics.add("calling_enough", new Derived("IF(calls > 3, 1, 0)"));
        metrics.add("call_time", new Derived("average_call_minutes * calls"));
        metrics.add("meetings_per_call_derived", new Derived("meetings / calls"));
        metrics.add("calls_lower_is_better", count(ACTIVITIES, OCCURRED, is("type", "call")), Direction.LOWER_IS_BETTER);
    }

    @Test
    void aRatioDividesTheSumsOfItsParts() {
        expect("meetings_per_call", Scope.COMPANY, "2024-05", "0.5");
        expect("meetings_per_call", team(org.one()), "2024-05", "0.5");
        expect("meetings_per_call", team(org.two()), "2024-05", null);
        MetricValue company = value("meetings_per_call", Scope.COMPANY, "2024-05");
        assertThat(company.numerator()).isEqualByComparingTo("2");
        assertThat(company.denominator()).isEqualByComparingTo("4");
    }

    @Test
    void aRatioOverAnEmptyPeriodOrAZeroDenominatorHasNoDataButKeepsItsParts() {
        expect("meetings_per_call", Scope.COMPANY, "2024-06", null);
        MetricValue ben = value("emails_per_call", person(org.ben()), "2024-05");
        assertThat(ben.hasData()).as("3 e-mails over 0 calls").isFalse();
        assertThat(ben.numerator()).isEqualByComparingTo("3");
        assertThat(ben.denominator()).isEqualByComparingTo("0");
        expect("minutes_per_meeting", Scope.COMPANY, "2024-06", null);  // its numerator, an average, has no data
        expect("minutes_per_meeting", Scope.COMPANY, "2024-05", "1.5"); // an average of 3 over 2 meetings
    }

    @Test
    void aDerivedFormulaWithArithmeticMinMaxAndIf() {
        expect("activity_points", Scope.COMPANY, "2024-05", "8");       // 4 + 2 * 2
        expect("activity_points", person(org.ben()), "2024-05", "0");
        expect("activity_points", Scope.COMPANY, "2024-06", "0");       // counts of nothing are 0, so this is 0 too
        expect("busiest_channel", Scope.COMPANY, "2024-05", "4");
        expect("quietest_channel", Scope.COMPANY, "2024-05", "3");
        expect("calling_enough", Scope.COMPANY, "2024-05", "1");
        expect("calling_enough", person(org.ben()), "2024-05", "0");
    }

    @Test
    void derivedMetricsNest() {
        expect("points_per_email", Scope.COMPANY, "2024-05", "2.666666666666667"); // 8 / 3, 16 significant digits
    }

    @Test
    void aDerivedFormulaHasNoDataWhenAnInputHasNoneOrItDividesByZero() {
        expect("call_time", Scope.COMPANY, "2024-05", "12");            // 3 minutes on average x 4 calls
        expect("call_time", Scope.COMPANY, "2024-06", null);
        expect("meetings_per_call_derived", person(org.ben()), "2024-05", null);
        expect("points_per_email", person(org.ana()), "2024-05", null);       // ana sent no e-mails
    }

    @Test
    void directionIsPresentationOnlyTheValueIsTheSame() {
        assertThat(value("calls_lower_is_better", Scope.COMPANY, "2024-05")).isEqualTo(value("calls", Scope.COMPANY, "2024-05"));
        expect("calls_lower_is_better", Scope.COMPANY, "2024-05", "4");
    }

    @Test
    void aCycleIsReportedWithItsPathInsteadOfOverflowingTheStack() {
        metrics.add("cycle_a", new Derived("cycle_b + 1"));
        metrics.add("cycle_b", new Derived("calls * cycle_c"));
        metrics.add("cycle_c", new Ratio("cycle_a", "calls"));
        assertThatThrownBy(() -> value("cycle_a", Scope.COMPANY, "2024-05"))
                .isInstanceOf(MetricEvaluationException.class)
                .hasMessage("metric 'cycle_a' refers to itself: cycle_a -> cycle_b -> cycle_c -> cycle_a");
        metrics.add("itself", new Derived("itself + 1"));
        assertThatThrownBy(() -> value("itself", Scope.COMPANY, "2024-06"))
                .hasMessage("metric 'itself' refers to itself: itself -> itself");
    }

    @Test
    void anUnknownMetricOrAnUnreadableFormulaIsNamed() {
        metrics.add("uses_unknown", new Derived("calls + nowhere"));
        assertThatThrownBy(() -> value("uses_unknown", Scope.COMPANY, "2024-05"))
                .isInstanceOf(MetricEvaluationException.class)
                .hasMessage("metric 'nowhere', used by 'uses_unknown', is not defined");
        metrics.add("unreadable", new Derived("calls + * 2"));
        assertThatThrownBy(() -> value("unreadable", Scope.COMPANY, "2024-05"))
                .isInstanceOf(MetricEvaluationException.class)
                .hasMessageStartingWith("the formula of 'unreadable' cannot be");
    }
}

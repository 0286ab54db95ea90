package dev.northstar.analytics;

import dev.northstar.catalog.Formula.Attainment;
import dev.northstar.catalog.Formula.Derived;
import dev.northstar.catalog.Formula.Ratio;
import dev.northstar.catalog.Formula.Target;
import dev.northstar.shared.Scope;
import dev.northstar.targets.internal.TargetRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.catalog.Formula.Function.AVERAGE;
import static dev.northstar.catalog.Formula.Function.SUM;
import static dev.northstar.catalog.Formula.Source.DEALS;
import static dev.northstar.catalog.Formula.TimeField.CLOSED;
import static dev.northstar.catalog.Formula.TimeField.OPEN_AT_END;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attainment and target metrics against targets set for a scope and period. Fiscal years start in January, so
 * FY2024-Q2 is April to June 2024 (91 days). Ana (team One) won 5,000 on 20 May and 15,000 on 10 June; Ben (team Two)
 * has had a 60,000 deal in negotiation since 1 May. Targets of closed-won revenue: the company 90,000 for FY2024-Q2
 * (May's share 90,000 x 31 / 91 = 30,659, June's 90,000 x 30 / 91 = 29,670), team One 10,000 for May, team Two 0 for
 * May; nothing else.
 */
class AttainmentMetricsTest extends EvaluatorTestBase {

    @Autowired TargetRows targets;

    TestCompany.TwoTeams org;

    @BeforeAll
    void company() {
        newCompany("UTC", "USD", 1);
        org = company.twoTeams("Sales");
        company.deal(org.ana(), "won", "5000", "2024-04-02", "2024-05-20");
        company.deal(org.ana(), "won", "15000", "2024-04-03", "2024-06-10");
        company.deal(org.ben(), "negotiation", "60000", "2024-05-01", null);

        metrics.add("closed_won_revenue", aggregate(DEALS, SUM, "amount", CLOSED, is("outcome", "won")));
        metrics.add("average_deal_size", aggregate(DEALS, AVERAGE, "amount", CLOSED, is("outcome", "won")));
        metrics.add("open_pipeline", aggregate(DEALS, SUM, "amount", OPEN_AT_END));
        metrics.add("quota_attainment", new Attainment("closed_won_revenue"));
        metrics.add("deal_size_attainment", new Attainment("average_deal_size"));
        metrics.add("quota", new Target("closed_won_revenue"));
        metrics.add("pipeline_coverage", new Ratio("open_pipeline", "quota"));
        metrics.add("attainment_in_percent", new Derived("quota_attainment * 100"));

        targets.put(company.id, "closed_won_revenue", Scope.COMPANY.key(), calendar.parse("FY2024-Q2"), new BigDecimal("90000"));
        targets.put(company.id, "closed_won_revenue", team(org.one()).key(), calendar.parse("2024-05"), new BigDecimal("10000"));
        targets.put(company.id, "closed_won_revenue", team(org.two()).key(), calendar.parse("2024-05"), BigDecimal.ZERO);
        targets.put(company.id, "average_deal_size", Scope.COMPANY.key(), calendar.parse("2024-07"), new BigDecimal("8000"));
    }

    @Test
    void attainmentDividesTheValueByTheTargetSetForThePeriodAndKeepsBothAsParts() {
        expect("quota_attainment", Scope.COMPANY, "FY2024-Q2", "0.2222222222222222");  // 20,000 / 90,000
        expect("quota_attainment", team(org.one()), "2024-05", "0.5");                 // 5,000 / 10,000
        MetricValue one = value("quota_attainment", team(org.one()), "2024-05");
        assertThat(one.numerator()).isEqualByComparingTo("5000");
        assertThat(one.denominator()).isEqualByComparingTo("10000");
    }

    @Test
    void aQuartersTargetIsProratedByDaysForAMonth() {
        expect("quota_attainment", Scope.COMPANY, "2024-06", "0.5055611729019211");    // 15,000 / 29,670
        expect("quota_attainment", Scope.COMPANY, "2024-05", "0.1630842493232004");    // 5,000 / 30,659
        MetricValue june = value("quota_attainment", Scope.COMPANY, "2024-06");
        assertThat(june.numerator()).isEqualByComparingTo("15000");
        assertThat(june.denominator()).isEqualByComparingTo("29670");
    }

    @Test
    void withoutATargetOrWithATargetOfZeroThereIsNoAttainment() {
        expect("quota_attainment", team(org.one()), "2024-06", null);                 // no target for June
        MetricValue none = value("quota_attainment", team(org.one()), "2024-06");
        assertThat(none.numerator()).isEqualByComparingTo("15000");
        assertThat(none.denominator()).isNull();
        expect("quota_attainment", person(org.ana()), "2024-05", null);               // targets are per scope
        expect("quota_attainment", Scope.COMPANY, "2024-07", null);                   // outside the quarter
        MetricValue zero = value("quota_attainment", team(org.two()), "2024-05");
        assertThat(zero.hasData()).as("0 won against a target of 0").isFalse();
        assertThat(zero.denominator()).isEqualByComparingTo("0");
    }

    @Test
    void aValueWithoutDataHasNoAttainmentEvenWithATarget() {
        expect("deal_size_attainment", Scope.COMPANY, "2024-07", null);               // no deal won in July: no average
        expect("deal_size_attainment", Scope.COMPANY, "2024-05", null);               // a value, but no target
    }

    @Test
    void aTargetMetricIsTheTargetThatApplies() {
        expect("quota", Scope.COMPANY, "FY2024-Q2", "90000");
        expect("quota", Scope.COMPANY, "2024-06", "29670");
        expect("quota", team(org.one()), "2024-05", "10000");
        expect("quota", team(org.two()), "2024-05", "0");
        expect("quota", team(org.one()), "2024-06", null);
    }

    @Test
    void pipelineCoverageDividesTheOpenPipelineByTheTarget() {
        expect("pipeline_coverage", Scope.COMPANY, "2024-06", "2.022244691607685");   // 60,000 / 29,670
        expect("pipeline_coverage", team(org.two()), "2024-05", null);                // 60,000 / a target of 0
        expect("pipeline_coverage", team(org.two()), "2024-06", null);                // no target
    }

    @Test
    void attainmentIsUsedInDerivedFormulasLikeAnyMetric() {
        expect("attainment_in_percent", team(org.one()), "2024-05", "50");
        expect("attainment_in_percent", team(org.one()), "2024-06", null);
    }
}

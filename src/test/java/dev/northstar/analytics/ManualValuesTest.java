package dev.northstar.analytics;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.Formula.Cumulative;
import dev.northstar.catalog.Formula.Derived;
import dev.northstar.catalog.Formula.Manual;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;

import static dev.northstar.analytics.Metrics.aggregate;
import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.catalog.Formula.Function.AVERAGE;
import static dev.northstar.catalog.Formula.Source.DEALS;
import static dev.northstar.catalog.Formula.TimeField.CLOSED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Manual values (marketing and sales spend) recorded per period, and LTV:CAC derived from them and from deals.
 * Four deals were won in the first quarter of 2024, for 1000, 2000, 3000 and 2000.
 * <pre>
 * marketing_spend, company: 2024-01 1000, then corrected to 1200; 2024-02 800; 2024-03 1000; week 2024-W02 300
 * sales_spend, company:     FY2024-Q1 1000
 * marketing_spend, team One: 2024-01 100
 * cac        = (marketing_spend + sales_spend) / new_customers  -> Q1: (3000 + 1000) / 4 = 1000
 * ltv        = average_deal_size * 3                            -> Q1: 2000 * 3 = 6000
 * ltv_to_cac = ltv / cac                                        -> Q1: 6
 * </pre>
 */
class ManualValuesTest extends EvaluatorTestBase {

    @Autowired ManualValues manual;
    @Autowired MetricCatalog catalog;
    @Autowired OrganizationDirectory directory;

    Viewer admin, rep;
    long sales, one;

    @BeforeAll
    void company() {
        newCompany("UTC", "USD", 1);
        sales = company.department("Sales");
        one = company.team(sales, "One");
        long ana = company.person("Ana");
        company.member(ana, one, "2024-01-01", null);
        admin = directory.viewer(company.id, company.admin("Admin")).orElseThrow();
        rep = directory.viewer(company.id, ana).orElseThrow();
        company.deal(ana, "won", "1000", "2024-01-01", "2024-01-10");
        company.deal(ana, "won", "2000", "2024-01-01", "2024-02-10");
        company.deal(ana, "won", "3000", "2024-01-01", "2024-02-20");
        company.deal(ana, "won", "2000", "2024-01-01", "2024-03-05");

        // Values are recorded only for the company's manual metrics: these two are stored in its catalog.
        catalog.save(admin, metrics.add("marketing_spend", new Manual()));
        catalog.save(admin, metrics.add("sales_spend", new Manual()));
        record("marketing_spend", Scope.COMPANY, "2024-01", "1000");
        record("marketing_spend", Scope.COMPANY, "2024-01", "1200");
        record("marketing_spend", Scope.COMPANY, "2024-02", "800");
        record("marketing_spend", Scope.COMPANY, "2024-03", "1000");
        record("marketing_spend", Scope.COMPANY, "2024-W02", "300");
        record("sales_spend", Scope.COMPANY, "FY2024-Q1", "1000");
        record("marketing_spend", team(one), "2024-01", "100");

        metrics.add("marketing_spend_ytd", new Cumulative("marketing_spend", Cumulative.Window.PERIOD_TO_DATE, Grain.YEAR, null));
        metrics.add("new_customers", count(DEALS, CLOSED, is("outcome", "won")));
        metrics.add("average_deal_size", aggregate(DEALS, AVERAGE, "amount", CLOSED, is("outcome", "won")));
        metrics.add("cac", new Derived("(marketing_spend + sales_spend) / new_customers"));
        metrics.add("ltv", new Derived("average_deal_size * 3"));
        metrics.add("ltv_to_cac", new Derived("ltv / cac"));
    }

    private void record(String metric, Scope scope, String period, String value) {
        manual.record(admin, metric, scope, calendar.parse(period), new BigDecimal(value));
    }

    @Test
    void theLatestRecordedValueCountsAndTheHistoryIsKept() {
        expect("marketing_spend", Scope.COMPANY, "2024-01", "1200");
        assertThat(manual.history(admin, "marketing_spend", Scope.COMPANY, calendar.parse("2024-01")))
                .extracting(v -> v.value().toPlainString(), ManualValue::recordedBy)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("1200", admin.personId()),
                        org.assertj.core.groups.Tuple.tuple("1000", admin.personId()));
    }

    @Test
    void aLongerPeriodSumsThePeriodsRecordedInsideItLeavingOutThoseInsideAnotherOne() {
        expect("marketing_spend", Scope.COMPANY, "FY2024-Q1", "3000");  // 1200 + 800 + 1000; the week is inside January
        expect("marketing_spend", Scope.COMPANY, "2024-W02", "300");
        expect("marketing_spend", Scope.COMPANY, "2024-01-08..2024-01-20", "300");
        expect("marketing_spend", Scope.COMPANY, "FY2024", "3000");
        expect("sales_spend", Scope.COMPANY, "2024-01", null);          // only the quarter was recorded: it is not inside January
        expect("marketing_spend", Scope.COMPANY, "FY2024-Q2", null);
        expect("marketing_spend_ytd", Scope.COMPANY, "2024-02", "2000");
    }

    @Test
    void aScopeHasOnlyTheValuesRecordedForIt() {
        expect("marketing_spend", team(one), "2024-01", "100");
        expect("marketing_spend", team(one), "2024-02", null);
        expect("marketing_spend", department(sales), "2024-01", null); // no roll-up from teams
    }

    @Test
    void ltvToCacIsDerivedFromManualValuesAndDeals() {
        expect("cac", Scope.COMPANY, "FY2024-Q1", "1000");
        expect("ltv", Scope.COMPANY, "FY2024-Q1", "6000");
        expect("ltv_to_cac", Scope.COMPANY, "FY2024-Q1", "6");
        expect("cac", Scope.COMPANY, "2024-01", null);                  // no sales spend recorded inside January
        expect("ltv_to_cac", Scope.COMPANY, "2024-01", null);
        expect("ltv_to_cac", Scope.COMPANY, "FY2024-Q2", null);
    }

    @Test
    void onlyThoseWhoMayConfigureTheScopeRecordValuesAndAValueIsANumber() {
        assertThatThrownBy(() -> manual.record(rep, "marketing_spend", Scope.COMPANY, calendar.parse("2024-04"), BigDecimal.ONE))
                .isInstanceOf(AccessRefusedException.class).hasMessageContaining("only company admins can record manual metric values");
        assertThatThrownBy(() -> manual.record(rep, "marketing_spend", team(one), calendar.parse("2024-04"), BigDecimal.ONE))
                .isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> manual.record(admin, "marketing_spend", Scope.COMPANY, calendar.parse("2024-04"), null))
                .isInstanceOf(InvalidInputException.class).hasMessage("value must be a number");
        assertThatThrownBy(() -> manual.record(admin, "new_customers", Scope.COMPANY, calendar.parse("2024-04"), BigDecimal.ONE))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'new_customers' is not a manual metric of this company");
        expect("marketing_spend", Scope.COMPANY, "2024-04", null);
    }
}

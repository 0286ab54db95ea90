package dev.northstar.analytics;

import dev.northstar.catalog.Formula.Cumulative;
import dev.northstar.catalog.Formula.Cumulative.Window;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.northstar.analytics.Metrics.count;
import static dev.northstar.analytics.Metrics.is;
import static dev.northstar.catalog.Formula.Source.ACTIVITIES;
import static dev.northstar.catalog.Formula.TimeField.OCCURRED;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Period-to-date and rolling windows in a company whose fiscal year starts in April (FY2025 runs from 1 April 2024).
 * Calls: 31 March 2024 (1), 2 April (1), 15 June (2), 10 September (1), 20 October (3), 31 December 23:30 (1),
 * 2 January 2025 (1).
 */
class CumulativeMetricsTest extends EvaluatorTestBase {

    @BeforeAll
    void company() {
        newCompany("Europe/Oslo", "EUR", 4);
        long ana = company.person("Ana");
        company.activity(ana, "call", "2024-03-31T12:00", null);
        company.activity(ana, "call", "2024-04-02T12:00", null);
        company.activity(ana, "call", "2024-06-15T09:00", null);
        company.activity(ana, "call", "2024-06-15T15:00", null);
        company.activity(ana, "call", "2024-09-10T12:00", null);
        for (int i = 0; i < 3; i++) {
            company.activity(ana, "call", "2024-10-20T1" + i + ":00", null);
        }
        company.activity(ana, "call", "2024-12-31T23:30", null);
        company.activity(ana, "call", "2025-01-02T12:00", null);

        metrics.add("calls", count(ACTIVITIES, OCCURRED, is("type", "call")));
        metrics.add("calls_ytd", new Cumulative("calls", Window.PERIOD_TO_DATE, Grain.YEAR, null));
        metrics.add("calls_qtd", new Cumulative("calls", Window.PERIOD_TO_DATE, Grain.QUARTER, null));
        metrics.add("calls_90_days", new Cumulative("calls", Window.ROLLING, null, 90));
    }

    @Test
    void yearToDateStartsWithTheFiscalYear() {
        expect("calls_ytd", Scope.COMPANY, "2024-10", "7");             // April to October: 1 + 2 + 1 + 3
        expect("calls_ytd", Scope.COMPANY, "FY2025-Q1", "3");           // April to June
        expect("calls_ytd", Scope.COMPANY, "2024-03", "1");             // the last month of FY2024 holds only its own call
        expect("calls_ytd", Scope.COMPANY, "2025-01", "9");
        expect("calls_ytd", Scope.COMPANY, "2024-W42", "7");            // the week of 14 to 20 October
    }

    @Test
    void quarterToDateStartsWithTheFiscalQuarter() {
        expect("calls_qtd", Scope.COMPANY, "2024-11", "3");             // FY2025-Q3 begins on 1 October
        expect("calls_qtd", Scope.COMPANY, "2024-12", "4");
    }

    @Test
    void aRollingWindowIsTheTrailingDaysEndingWithThePeriod() {
        expect("calls_90_days", Scope.COMPANY, "2024-12", "4");         // 3 October to 31 December
        expect("calls_90_days", Scope.COMPANY, "2024-09-10", "3");      // 13 June to 10 September
        expect("calls_90_days", Scope.COMPANY, "2024-09-12", "3");      // 15 June to 12 September
        expect("calls_90_days", Scope.COMPANY, "2024-09-13", "1");      // 16 June to 13 September: 15 June falls out
        expect("calls_90_days", Scope.COMPANY, "2023-12", "0");
    }

    @Test
    void aWindowWithoutItsSizeIsRefused() {
        metrics.add("calls_rolling_nothing", new Cumulative("calls", Window.ROLLING, null, null));
        assertThatThrownBy(() -> value("calls_rolling_nothing", Scope.COMPANY, "2024-12"))
                .isInstanceOf(MetricEvaluationException.class).hasMessageContaining("needs a number of days");
    }
}

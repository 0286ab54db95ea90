package dev.northstar.analytics;

import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A test class builds one small company of its own (once: the records are only read) and its metrics, and compares
 * the evaluator's values with values computed by hand.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EvaluatorTestBase {

    @Autowired ReferenceEvaluator evaluator;
    @Autowired JdbcClient jdbc;

    final Metrics metrics = new Metrics();
    TestCompany company;
    FiscalCalendar calendar;

    TestCompany newCompany(String zone, String currency, int fiscalYearStartMonth) {
        company = TestCompany.create(jdbc, zone, currency, fiscalYearStartMonth);
        calendar = FiscalCalendar.of(zone, fiscalYearStartMonth, 1);
        return company;
    }

    MetricValue value(String metric, Scope scope, String period) {
        return value(metric, scope, calendar.parse(period));
    }

    MetricValue value(String metric, Scope scope, Period period) {
        return evaluator.value(company.id, metrics.get(metric), scope, period, metrics::lookup);
    }

    /** The value is {@code expected} (compared as a number), or no data when {@code expected} is null. */
    void expect(String metric, Scope scope, String period, String expected) {
        MetricValue value = value(metric, scope, period);
        String what = metric + " for " + scope.key() + " in " + period;
        if (expected == null) {
            assertThat(value.hasData()).as(what + " has no data, not " + value).isFalse();
        } else {
            assertThat(value.value()).as(what).isNotNull().isEqualByComparingTo(expected);
        }
    }

    static Scope team(long id) {
        return new Scope.Team(id);
    }

    static Scope department(long id) {
        return new Scope.Department(id);
    }

    static Scope person(long id) {
        return new Scope.Person(id);
    }
}

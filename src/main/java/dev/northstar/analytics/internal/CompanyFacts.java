package dev.northstar.analytics.internal;

import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.ReadOnce;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

/**
 * What the evaluator needs to know of a company: its calendar (the zone decides an activity's day) and its
 * currency (amounts in other currencies are left out: there is no exchange rate yet).
 */
public record CompanyFacts(long companyId, FiscalCalendar calendar, String currency) {

    public static CompanyFacts read(JdbcClient jdbc, long companyId) {
        return ReadOnce.in(List.of("company facts", companyId), () -> jdbc
                .sql("select time_zone, fiscal_year_start_month, week_start_day, currency from company where id = ?")
                .param(companyId)
                .query((rs, n) -> new CompanyFacts(companyId, FiscalCalendar.of(rs.getString(1), rs.getInt(2), rs.getInt(3)),
                        rs.getString(4).strip()))
                .optional().orElseThrow(() -> new NotFoundException("Company", companyId)));
    }
}

package dev.northstar.organization;

import dev.northstar.shared.FiscalCalendar;

/** A tenant and its settings. {@code weekStartDay} is ISO: 1 = Monday ... 7 = Sunday. */
public record Company(long id, String name, String timeZone, String currency, int fiscalYearStartMonth, int weekStartDay) {

    /** The calendar its periods are counted in: its time zone, fiscal year start and week start. */
    public FiscalCalendar calendar() {
        return FiscalCalendar.of(timeZone, fiscalYearStartMonth, weekStartDay);
    }
}

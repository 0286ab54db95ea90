package dev.northstar.organization;

/** A tenant and its settings. {@code weekStartDay} is ISO: 1 = Monday ... 7 = Sunday. */
public record Company(long id, String name, String timeZone, String currency, int fiscalYearStartMonth, int weekStartDay) {
}

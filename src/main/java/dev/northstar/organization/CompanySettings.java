package dev.northstar.organization;

import dev.northstar.shared.InvalidInputException;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Currency;

/** What a company admin can set; validated on construction, naming the wrong field. */
public record CompanySettings(String name, String timeZone, String currency, Integer fiscalYearStartMonth, Integer weekStartDay) {

    public CompanySettings {
        if (name == null || name.isBlank()) throw new InvalidInputException("name", "must not be empty");
        name = name.strip();
        timeZone = timeZone == null || timeZone.isBlank() ? "UTC" : timeZone.strip();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "must be an IANA time zone name such as Europe/Oslo, not '" + timeZone + "'");
        }
        currency = currency == null || currency.isBlank() ? "USD" : currency.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "must be an ISO 4217 currency code such as USD or EUR, not '" + currency + "'");
        }
        fiscalYearStartMonth = fiscalYearStartMonth == null ? 1 : fiscalYearStartMonth;
        if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
            throw new InvalidInputException("fiscalYearStartMonth", "must be a month number from 1 to 12");
        }
        weekStartDay = weekStartDay == null ? 1 : weekStartDay;
        if (weekStartDay < 1 || weekStartDay > 7) {
            throw new InvalidInputException("weekStartDay", "must be an ISO day number from 1 (Monday) to 7 (Sunday)");
        }
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.shared.Period;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** A period of a company: its days, and the instants where they begin and end in the company's zone. */
record Frame(CompanyFacts company, Period period) {

    long companyId() {
        return company.companyId();
    }

    /** The first instant of the period (bound as a timestamptz). */
    OffsetDateTime startInstant() {
        return OffsetDateTime.ofInstant(company.calendar().startOf(period.start()), ZoneOffset.UTC);
    }

    /** The first instant after the period. */
    OffsetDateTime endInstant() {
        return OffsetDateTime.ofInstant(company.calendar().startOf(period.end()), ZoneOffset.UTC);
    }

    LocalDate lastDay() {
        return period.end().minusDays(1);
    }

    String zone() {
        return company.calendar().zone().getId();
    }
}

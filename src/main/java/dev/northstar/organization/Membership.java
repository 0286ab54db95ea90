package dev.northstar.organization;

import java.time.LocalDate;

/** Membership of a team over [validFrom, validTo); validTo is null while it lasts. */
public record Membership(long id, long personId, String personName, long teamId, String teamName,
                         LocalDate validFrom, LocalDate validTo) {

    public boolean covers(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }
}

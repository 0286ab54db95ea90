package dev.northstar.organization;

import java.time.LocalDate;

/**
 * Published inside the transaction that adds, ends or moves a membership: from {@code fromDay} on, the person may be
 * in another team than before (or in none). Listeners that stamp records with the team of their day (the rollups)
 * mark those days for recomputation in the same transaction, so the change and its consequence commit together.
 */
public record MembershipChanged(long companyId, long personId, LocalDate fromDay) {
}

package dev.northstar.organization.internal;

import dev.northstar.access.OrganizationDirectory.PersonEntry;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Everyone of a company with today's team, kept in memory per company: a company dashboard's leaderboard lists 5,000
 * people, and reading them took longer than everything else it reads. A copy serves while the company's roster version
 * (V14: moved at the commit of any change to what the list holds) and today are those it was read at; checking costs
 * one lookup by key. A copy is read with its version in one statement, so the two are of one snapshot, and a copy of a
 * lower version never replaces a higher one (versions of a company grow in the order their changes commit). Only
 * read-only transactions use or fill the copies: a transaction that writes could see its own changes, which may yet
 * roll back.
 */
final class Rosters {

    static final int COMPANIES_KEPT = 256;

    /** People as read with the roster version of the same snapshot. */
    record Read(long version, List<PersonEntry> people) {
    }

    private record Roster(long version, LocalDate today, List<PersonEntry> people) {
    }

    private final Map<Long, Roster> byCompany = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Roster> eldest) {
            return size() > COMPANIES_KEPT;
        }
    };

    /**
     * @param version the company's roster version now
     * @param read    everyone of the company with today's team, and the version they were read at
     */
    List<PersonEntry> everyone(long companyId, LocalDate today, LongSupplier version, Supplier<Read> read) {
        if (!TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return read.get().people();
        }
        Roster kept;
        synchronized (byCompany) {
            kept = byCompany.get(companyId);
        }
        if (kept != null && kept.today().equals(today) && kept.version() == version.getAsLong()) {
            return kept.people();
        }
        Read fresh = read.get();
        List<PersonEntry> people = List.copyOf(fresh.people());
        if (!people.isEmpty()) { // without people, the statement told no version
            synchronized (byCompany) {
                Roster now = byCompany.get(companyId);
                if (now == null || !now.today().equals(today) || now.version() <= fresh.version()) {
                    byCompany.put(companyId, new Roster(fresh.version(), today, people));
                }
            }
        }
        return people;
    }
}

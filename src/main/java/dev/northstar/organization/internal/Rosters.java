package dev.northstar.organization.internal;

import dev.northstar.access.OrganizationDirectory.PersonEntry;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Everyone of a company with today's team, kept in memory per company: a company dashboard's leaderboard lists 5,000
 * people, and reading them took longer than everything else it reads. A copy serves while the company's roster version
 * (V14: moved by any committed change to people, memberships, teams or departments) and today are those it was read
 * at; the version costs one lookup by key. The version is read before the people, so a copy is never older than its
 * version says (at worst newer, when a change commits between the two reads). Only read-only transactions use or fill
 * the copies: a transaction that writes could see its own changes, which may yet roll back.
 */
final class Rosters {

    static final int COMPANIES_KEPT = 256;

    private record Roster(long version, LocalDate today, List<PersonEntry> people) {
    }

    private final Map<Long, Roster> byCompany = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Roster> eldest) {
            return size() > COMPANIES_KEPT;
        }
    };

    /**
     * @param version the company's roster version, read before {@code read} runs
     * @param read    everyone of the company with today's team, from the database
     */
    List<PersonEntry> everyone(long companyId, long version, LocalDate today, Supplier<List<PersonEntry>> read) {
        if (!TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return read.get();
        }
        Roster kept;
        synchronized (byCompany) {
            kept = byCompany.get(companyId);
        }
        if (kept != null && kept.version() == version && kept.today().equals(today)) {
            return kept.people();
        }
        List<PersonEntry> people = List.copyOf(read.get());
        synchronized (byCompany) {
            byCompany.put(companyId, new Roster(version, today, people));
        }
        return people;
    }
}

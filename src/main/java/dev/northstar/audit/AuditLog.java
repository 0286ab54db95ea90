package dev.northstar.audit;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.audit.internal.AuditStore;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reading the audit log: company admins only, newest first, filtered and paged by id. */
@Service
@Transactional(readOnly = true)
public class AuditLog {

    public static final int LONGEST_PAGE = 500;
    public static final int LONGEST_EXPORT = 100_000;

    private final AuditStore store;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;

    AuditLog(AuditStore store, AccessPolicy policy, OrganizationDirectory directory) {
        this.store = store;
        this.policy = policy;
        this.directory = directory;
    }

    /**
     * What to show. Every field may be null: {@code table} one of {@link #areas()}' keys, {@code actorId} a person (0 for
     * the system), {@code from}/{@code to} days in UTC, both included, {@code text} found in the label or the values,
     * {@code beforeId} the last id of the previous page.
     */
    public record Filter(String table, Long actorId, LocalDate from, LocalDate to, String text, Long beforeId) {
    }

    public List<AuditEntry> entries(Viewer viewer, Filter filter, int limit) {
        policy.companyData(viewer, "read the audit log").orRefuse();
        if (limit < 1 || limit > LONGEST_EXPORT) {
            throw new InvalidInputException("limit", "must be 1 to " + LONGEST_EXPORT);
        }
        if (filter.table() != null && !filter.table().isBlank() && !AuditStore.AREAS.containsKey(filter.table())) {
            throw new InvalidInputException("area", "must be one of " + String.join(", ", AuditStore.AREAS.keySet()) + ", not " + filter.table());
        }
        if (filter.from() != null && filter.to() != null && filter.to().isBefore(filter.from())) {
            throw new InvalidInputException("to", "must not be before from (" + filter.from() + ")");
        }
        // Names through the organization's directory (read once per person in this transaction), not its tables.
        return store.entries(viewer.companyId(), filter, limit,
                actor -> directory.person(viewer.companyId(), actor).map(OrganizationDirectory.PersonRef::name).orElse("Person " + actor));
    }

    /** The tables the log covers, with their names in words, for the page's filter. */
    public Map<String, String> areas() {
        return AuditStore.AREAS;
    }
}

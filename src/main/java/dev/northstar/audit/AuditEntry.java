package dev.northstar.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One change as the audit log shows it.
 *
 * @param actor   who made it: the person the request was made as, or "System" for work of no request (jobs, the demo)
 * @param area    what kind of thing changed, in words ("Team", "Metric definition")
 * @param table   the table it was written to ({@code team}), for filtering
 * @param action  insert, update or delete
 * @param label   the thing's name, key or e-mail, as far as the row says
 * @param before  the changed columns before (all of them for a delete); empty for an insert
 * @param after   the changed columns after (all of them for an insert); empty for a delete
 */
public record AuditEntry(long id, Instant at, Long actorId, String actor, String area, String table, String action, String recordId,
                         String label, Map<String, Object> before, Map<String, Object> after) {
}

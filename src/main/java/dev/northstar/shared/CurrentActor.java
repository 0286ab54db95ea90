package dev.northstar.shared;

import java.util.Optional;

/**
 * Who is acting in this thread, for the audit log: the person behind the request (logged in, or by API token), or
 * nobody (a background job, the demo generator). The access module answers; the database module writes it into each
 * writing transaction, where the audit triggers read it.
 */
public interface CurrentActor {

    Optional<Long> personId();
}

package dev.northstar.ingest.internal;

import dev.northstar.access.Viewer;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.function.Supplier;

/**
 * Idempotency-Key: the first answer to a keyed request is stored with it, in the same transaction as the
 * request's writes, and a retry with the same key and body gets that answer again without doing anything.
 * Concurrent requests with one key wait for each other (an advisory lock on the key).
 */
@Component
public class IdempotentRequests {

    /** A status and a JSON body. */
    public record Answer(int status, String body) {
    }

    private record Earlier(String requestHash, Answer answer) {
    }

    private final JdbcClient jdbc;

    IdempotentRequests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public Answer once(Viewer viewer, String key, String requestBody, Supplier<Answer> work) {
        if (key == null) {
            return work.get();
        }
        if (key.isBlank() || key.length() > 200) {
            throw new InvalidInputException("Idempotency-Key", "must be 1 to 200 characters");
        }
        String hash = Sha256.hex(requestBody);
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(? || ':' || ?, 0))").params(viewer.companyId(), key).query().singleRow();
        var earlier = jdbc.sql("select request_hash, status, response from api_idempotency where company_id = ? and key = ?")
                .params(viewer.companyId(), key)
                .query((rs, n) -> new Earlier(rs.getString(1), new Answer(rs.getInt(2), rs.getString(3)))).optional();
        if (earlier.isPresent()) {
            if (!earlier.get().requestHash().equals(hash)) {
                throw new ConflictException("The Idempotency-Key '" + key + "' was already used for a different request; use a new key for new data.");
            }
            return earlier.get().answer();
        }
        Answer answer = work.get();
        jdbc.sql("insert into api_idempotency (company_id, key, person_id, request_hash, status, response) values (?, ?, ?, ?, ?, ?)")
                .params(viewer.companyId(), key, viewer.personId(), hash, answer.status(), answer.body()).update();
        return answer;
    }
}

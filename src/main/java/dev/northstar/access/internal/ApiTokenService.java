package dev.northstar.access.internal;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.AuthenticatedPerson;
import dev.northstar.access.Viewer;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** Personal API tokens: created and revoked by their owner, shown once, stored as a SHA-256 hash. */
@Service
public class ApiTokenService {

    static final String PREFIX = "ns_";
    private static final SecureRandom RANDOM = new SecureRandom();

    public record ApiToken(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        public boolean active() {
            return revokedAt == null;
        }
    }

    /** A new token with its secret: the only time the secret is available. */
    public record CreatedToken(ApiToken token, String secret) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    ApiTokenService(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<ApiToken> tokensOf(Viewer viewer) {
        return jdbc.sql("""
                        select id, name, prefix, created_at, last_used_at, revoked_at from api_token
                        where company_id = ? and person_id = ? order by created_at desc, id desc""")
                .params(viewer.companyId(), viewer.personId())
                .query(ApiTokenService::token).list();
    }

    @Transactional
    public CreatedToken create(Viewer viewer, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "is required: give the token a name, e.g. the system that will use it");
        }
        if (name.strip().length() > 100) {
            throw new InvalidInputException("name", "must be at most 100 characters");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long id = jdbc.sql("""
                        insert into api_token (company_id, person_id, name, token_hash, prefix, created_at)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(viewer.companyId(), viewer.personId(), name.strip(), Sha256.hex(secret), secret.substring(0, 10),
                        OffsetDateTime.now(clock))
                .query(Long.class).single();
        return new CreatedToken(find(viewer, id), secret);
    }

    /** Revokes one of the viewer's own tokens; someone else's is refused, another company's is not found. */
    @Transactional
    public ApiToken revoke(Viewer viewer, long tokenId) {
        Long owner = jdbc.sql("select person_id from api_token where company_id = ? and id = ?")
                .params(viewer.companyId(), tokenId).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("API token", tokenId));
        if (owner != viewer.personId()) {
            throw new AccessRefusedException("this API token belongs to someone else; only its owner can revoke it");
        }
        jdbc.sql("update api_token set revoked_at = ? where company_id = ? and id = ? and revoked_at is null")
                .params(OffsetDateTime.now(clock), viewer.companyId(), tokenId).update();
        return find(viewer, tokenId);
    }

    /**
     * The person a presented secret belongs to, if the token is live and its owner active. Not in a transaction: every
     * API call asks this, and the rare write stands alone (a commit is a round trip of its own).
     */
    public Optional<AuthenticatedPerson> authenticate(String secret) {
        String hash = Sha256.hex(secret);
        OffsetDateTime now = OffsetDateTime.now(clock);
        record Found(AuthenticatedPerson person, OffsetDateTime lastUsed) {
        }
        Optional<Found> found = jdbc.sql("""
                        select t.company_id, t.person_id, p.email, t.last_used_at from api_token t
                        join person p on p.company_id = t.company_id and p.id = t.person_id
                        where t.token_hash = ? and t.revoked_at is null and p.active""")
                .param(hash)
                .query((rs, n) -> new Found(new AuthenticatedPerson(rs.getLong(1), rs.getLong(2), rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class)))
                .optional();
        // Recorded at most once a minute, so that busy integrations and dashboards do not write on every call.
        OffsetDateTime aMinuteAgo = now.minusMinutes(1);
        found.filter(f -> f.lastUsed() == null || f.lastUsed().isBefore(aMinuteAgo)).ifPresent(f -> jdbc.sql("""
                        update api_token set last_used_at = ? where token_hash = ?
                        and (last_used_at is null or last_used_at < ?)""")
                .params(now, hash, aMinuteAgo).update());
        return found.map(Found::person);
    }

    private ApiToken find(Viewer viewer, long id) {
        return jdbc.sql("select id, name, prefix, created_at, last_used_at, revoked_at from api_token where company_id = ? and id = ?")
                .params(viewer.companyId(), id).query(ApiTokenService::token).single();
    }

    private static ApiToken token(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("name"), rs.getString("prefix"),
                instant(rs, "created_at"), instant(rs, "last_used_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}

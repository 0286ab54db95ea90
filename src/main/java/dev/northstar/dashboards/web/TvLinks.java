package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import dev.northstar.shared.Sha256;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * TV screens' read-only links: a link shows one scope (the company, a department or a team), rotating its key metrics
 * and chosen leaderboards, to whoever holds it, without a login. It acts as the person who made it, who must still be
 * active and still see the scope; its maker or a company admin revokes it. Only the token's hash is kept.
 */
@Service
@Transactional
public class TvLinks {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "tv_";
    /** Leaderboards a TV rotates through, besides its key metrics: each costs the screen a read at every refresh. */
    static final int MOST_LEADERBOARDS = 6;

    public record TvLink(long id, String name, String scope, List<String> leaderboards, int seconds, long createdBy, Instant createdAt,
                         Instant revokedAt) {
    }

    /** A new link and its token, which is shown this once. */
    public record Created(TvLink link, String token) {
    }

    /** An opened link and the viewer it acts as. */
    public record Screen(TvLink link, Viewer viewer) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final MetricCatalog catalog;
    private final Clock clock;

    TvLinks(JdbcClient jdbc, AccessPolicy policy, OrganizationDirectory directory, MetricCatalog catalog, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.directory = directory;
        this.catalog = catalog;
        this.clock = clock;
    }

    public Created create(Viewer viewer, String name, Scope scope, List<String> leaderboards, int seconds) {
        if (scope instanceof Scope.Person) {
            throw new InvalidInputException("scope", "a TV shows the company, a department or a team, not one person");
        }
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        if (name == null || name.isBlank() || name.strip().length() > 80) {
            throw new InvalidInputException("name", "must be 1 to 80 characters, e.g. 'Sales floor'");
        }
        if (seconds < 10 || seconds > 300) {
            throw new InvalidInputException("seconds", "must be 10 to 300: how long each screen shows");
        }
        if (leaderboards.size() > MOST_LEADERBOARDS) {
            throw new InvalidInputException("leaderboards", "a TV rotates at most " + MOST_LEADERBOARDS + " leaderboards; "
                    + leaderboards.size() + " were chosen");
        }
        for (String key : leaderboards) {
            catalog.find(viewer.companyId(), key).orElseThrow(() -> new NotFoundException("Metric", key));
        }
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        long id = jdbc.sql("""
                        insert into tv_link (company_id, token_hash, name, scope, leaderboards, seconds, created_by, created_at)
                        values (?, ?, ?, ?, ?::text[], ?, ?, ?) returning id""")
                .params(viewer.companyId(), Sha256.hex(token), name.strip(), scope.key(), leaderboards.toArray(String[]::new), seconds,
                        viewer.personId(), OffsetDateTime.now(clock))
                .query(Long.class).single();
        return new Created(link(viewer.companyId(), id), token);
    }

    /** The company's links for a company admin; one's own for everyone else. */
    @Transactional(readOnly = true)
    public List<TvLink> list(Viewer viewer) {
        return jdbc.sql(SELECT + " where company_id = ? and (? or created_by = ?) order by revoked_at nulls first, created_at desc")
                .params(viewer.companyId(), viewer.admin(), viewer.personId()).query(TvLinks::row).list();
    }

    public TvLink revoke(Viewer viewer, long id) {
        TvLink link = link(viewer.companyId(), id);
        if (!viewer.admin() && link.createdBy() != viewer.personId()) {
            throw new AccessRefusedException("only the person who made a TV link, or a company admin, can revoke it");
        }
        jdbc.sql("update tv_link set revoked_at = coalesce(revoked_at, ?) where company_id = ? and id = ?")
                .params(OffsetDateTime.now(clock), viewer.companyId(), id).update();
        return link(viewer.companyId(), id);
    }

    /**
     * The screen a token opens, acting as its maker: an unknown or revoked token, or a maker no longer active, is not
     * found; a maker who no longer sees the scope is refused.
     */
    @Transactional(readOnly = true)
    public Screen open(String token) {
        record Found(long companyId, TvLink link) {
        }
        Found found = jdbc.sql(SELECT + " where token_hash = ? and revoked_at is null").param(Sha256.hex(token == null ? "" : token))
                .query((rs, n) -> new Found(rs.getLong("company_id"), row(rs, n))).optional()
                .orElseThrow(() -> new NotFoundException("TV link", "given"));
        TvLink link = found.link();
        Viewer maker = directory.viewer(found.companyId(), link.createdBy()).orElseThrow(() -> new NotFoundException("TV link", "given"));
        policy.scope(maker, Scope.parse(link.scope()), Action.VIEW).orRefuse();
        return new Screen(link, maker);
    }

    /** Whether a token still opens its screen: not revoked, its maker active and still seeing the scope. */
    @Transactional(readOnly = true)
    public boolean stillOpen(String token) {
        try {
            open(token);
            return true;
        } catch (NotFoundException | AccessRefusedException e) {
            return false;
        }
    }

    private static final String SELECT = "select id, name, scope, leaderboards, seconds, created_by, created_at, revoked_at, company_id from tv_link";

    private TvLink link(long companyId, long id) {
        return jdbc.sql(SELECT + " where company_id = ? and id = ?").params(companyId, id).query(TvLinks::row).optional()
                .orElseThrow(() -> new NotFoundException("TV link", id));
    }

    private static TvLink row(ResultSet rs, int n) throws SQLException {
        Array leaderboards = rs.getArray(4);
        OffsetDateTime revoked = rs.getObject(8, OffsetDateTime.class);
        return new TvLink(rs.getLong(1), rs.getString(2), rs.getString(3), Arrays.asList((String[]) leaderboards.getArray()), rs.getInt(5),
                rs.getLong(6), rs.getObject(7, OffsetDateTime.class).toInstant(), revoked == null ? null : revoked.toInstant());
    }
}

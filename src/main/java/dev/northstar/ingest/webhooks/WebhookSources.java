package dev.northstar.ingest.webhooks;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The systems that push records to Northstar through webhooks, set up by company admins. Each has a name, which is
 * both its URL ({@code /api/v1/webhooks/<name>}) and the source of the records it sends, and a secret that signs
 * its requests (see {@link WebhookSignature}), shown once when the source is created, like an API token's.
 */
@Service
@Transactional
public class WebhookSources {

    public static final String PATH = "/api/v1/webhooks/";
    static final int MAX_GIVEN_NAME = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A source as admins see it: never with its secret. */
    public record WebhookSource(String name, String createdBy, Instant createdAt, Instant lastUsedAt) {
    }

    /** A new source with its secret: the only time the secret is available. */
    public record CreatedSource(String name, String secret) {
    }

    /** What checking a request needs: whose source it is, its secret, and the admin it acts as. */
    record Credentials(long companyId, String name, String secret, long personId) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final Clock clock;

    WebhookSources(JdbcClient jdbc, AccessPolicy policy, Clock clock) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Creates a source named after what the admin typed plus a random suffix ("HubSpot" becomes "hubspot-7f3a9c").
     * The name alone picks the company when a request comes in, so it is unique across companies; generating the
     * suffix means that a name is never refused because another company has it, which would reveal that company's
     * integrations, and that a name cannot be guessed from the system it stands for.
     */
    public CreatedSource create(Viewer viewer, String givenName) {
        mayManage(viewer);
        String base = slug(givenName);
        String secret = HexFormat.of().formatHex(randomBytes(32));
        for (int attempt = 0; attempt < 5; attempt++) {
            String name = base + "-" + HexFormat.of().formatHex(randomBytes(3));
            int inserted = jdbc.sql("""
                            insert into webhook_source (company_id, name, secret, person_id, created_at) values (?, ?, ?, ?, ?)
                            on conflict do nothing""")
                    .params(viewer.companyId(), name, secret, viewer.personId(), OffsetDateTime.now(clock)).update();
            if (inserted == 1) {
                return new CreatedSource(name, secret);
            }
        }
        throw new IllegalStateException("Five random webhook names in a row were taken; the random generator is broken");
    }

    @Transactional(readOnly = true)
    public List<WebhookSource> sources(Viewer viewer) {
        mayManage(viewer);
        return jdbc.sql("""
                        select w.name, p.display_name, w.created_at, w.last_used_at from webhook_source w
                        join person p on p.company_id = w.company_id and p.id = w.person_id
                        where w.company_id = ? order by w.name""")
                .param(viewer.companyId()).query(WebhookSources::source).list();
    }

    /** Deletes the source: its URL stops working at once. Another company's source is not found. */
    public void delete(Viewer viewer, String name) {
        boolean exists = jdbc.sql("select exists (select 1 from webhook_source where company_id = ? and name = ?)")
                .params(viewer.companyId(), name).query(Boolean.class).single();
        if (!exists) {
            throw new NotFoundException("Webhook source", name);
        }
        mayManage(viewer);
        jdbc.sql("delete from webhook_source where company_id = ? and name = ?").params(viewer.companyId(), name).update();
    }

    public static String path(String name) {
        return PATH + name;
    }

    /** Looks a source up by the name in a request's URL, in whichever company it is. */
    @Transactional(readOnly = true)
    Optional<Credentials> credentials(String name) {
        return jdbc.sql("select company_id, name, secret, person_id from webhook_source where name = ?").param(name)
                .query((rs, n) -> new Credentials(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4))).optional();
    }

    void markUsed(Credentials source) {
        jdbc.sql("update webhook_source set last_used_at = ? where company_id = ? and name = ?")
                .params(OffsetDateTime.now(clock), source.companyId(), source.name()).update();
    }

    private void mayManage(Viewer viewer) {
        policy.companyData(viewer, "set up webhooks").orRefuse();
    }

    /** "HubSpot Deals" becomes "hubspot-deals": lower-case letters and digits, joined by single dashes. */
    static String slug(String givenName) {
        if (givenName == null || givenName.isBlank()) {
            throw new InvalidInputException("name", "is required: name the system that will send, e.g. hubspot");
        }
        String plain = Normalizer.normalize(givenName, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) {
            throw new InvalidInputException("name", "must contain letters or digits, e.g. hubspot");
        }
        if (slug.length() > MAX_GIVEN_NAME) {
            throw new InvalidInputException("name", "must be at most " + MAX_GIVEN_NAME + " characters");
        }
        return slug;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static WebhookSource source(ResultSet rs, int row) throws SQLException {
        OffsetDateTime lastUsed = rs.getObject("last_used_at", OffsetDateTime.class);
        return new WebhookSource(rs.getString("name"), rs.getString("display_name"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), lastUsed == null ? null : lastUsed.toInstant());
    }
}

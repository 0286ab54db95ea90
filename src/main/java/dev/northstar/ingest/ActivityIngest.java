package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Activities in (through {@link Ingest}) and out, one person's at a time. */
@Service
@Transactional
public class ActivityIngest {

    /** A stored activity, as the API shows it. */
    public record StoredActivity(long id, String source, String externalId, String type, long personId, Instant occurredAt,
                                 BigDecimal quantity, String accountRef, String dealRef) {
    }

    private final Ingest ingest;
    private final JdbcClient jdbc;
    private final AccessPolicy policy;

    ActivityIngest(Ingest ingest, JdbcClient jdbc, AccessPolicy policy) {
        this.ingest = ingest;
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** Checks and stores a batch of activities, each a JSON object as parsed into a map. */
    public BatchResult ingest(Viewer viewer, List<?> records) {
        return ingest.batch(viewer, RecordKind.ACTIVITIES, records, null);
    }

    /** The activities of one person in [from, to), newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<StoredActivity> activitiesOf(Viewer viewer, long personId, Instant from, Instant to, int limit) {
        policy.person(viewer, personId, AccessPolicy.Action.VIEW).orRefuse();
        return jdbc.sql("""
                        select id, source, external_id, type, person_id, occurred_at, quantity, account_ref, deal_ref from activity
                        where company_id = ? and person_id = ? and occurred_at >= ? and occurred_at < ?
                        order by occurred_at desc, id desc limit ?""")
                .params(viewer.companyId(), personId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit)
                .query((rs, n) -> new StoredActivity(rs.getLong("id"), rs.getString("source"), rs.getString("external_id"),
                        rs.getString("type"), rs.getLong("person_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal("quantity"), rs.getString("account_ref"), rs.getString("deal_ref")))
                .list();
    }
}

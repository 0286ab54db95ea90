package dev.northstar.alerts.internal;

import dev.northstar.alerts.Condition;
import dev.northstar.alerts.Notification;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The rules, their state, and the notifications, in the database. */
@Repository
public class AlertStore {

    /** A rule as stored. */
    public record StoredRule(long id, String metric, String scope, Condition condition, BigDecimal threshold, long ownerId, long createdBy,
                             boolean breached, Instant breachedSince, Instant checkedAt, Long webhookId) {
    }

    private static final String RULE_COLUMNS =
            "id, metric_key, scope, condition, threshold, owner_id, created_by, breached, breached_since, checked_at, webhook_id";

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long insertRule(long companyId, String metric, String scope, Condition condition, BigDecimal threshold, long ownerId, long createdBy,
                           Long webhookId) {
        return jdbc.sql("""
                        insert into alert_rule (company_id, metric_key, scope, condition, threshold, owner_id, created_by, webhook_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, metric, scope, condition.key(), threshold, ownerId, createdBy, webhookId).query(Long.class).single();
    }

    public List<StoredRule> rules(long companyId) {
        return jdbc.sql("select " + RULE_COLUMNS + " from alert_rule where company_id = ? order by id").param(companyId)
                .query(AlertStore::rule).list();
    }

    public Optional<StoredRule> rule(long companyId, long id) {
        return jdbc.sql("select " + RULE_COLUMNS + " from alert_rule where company_id = ? and id = ?").params(companyId, id)
                .query(AlertStore::rule).optional();
    }

    public void deleteRule(long companyId, long id) {
        jdbc.sql("delete from alert_rule where company_id = ? and id = ?").params(companyId, id).update();
    }

    public List<Long> companiesWithRules() {
        return jdbc.sql("select distinct company_id from alert_rule order by 1").query(Long.class).list();
    }

    public void checked(long companyId, long id, Instant at) {
        jdbc.sql("update alert_rule set checked_at = ? where company_id = ? and id = ?").params(Timestamp.from(at), companyId, id).update();
    }

    /**
     * Moves the rule into the other state if nothing checked it since {@code checkedBefore} (when the mover read it):
     * true for the one check, of any instance, that made the move, which is the one that tells the owner. A check that
     * read the rule before another moved it there and back finds it checked since, and tells nothing.
     */
    public boolean switchState(long companyId, long id, boolean breached, Instant checkedBefore, Instant at) {
        return jdbc.sql("""
                        update alert_rule set breached = ?, breached_since = ?, checked_at = ?
                        where company_id = ? and id = ? and breached = ? and checked_at is not distinct from ?""")
                .params(breached, breached ? Timestamp.from(at) : null, Timestamp.from(at), companyId, id, !breached,
                        checkedBefore == null ? null : Timestamp.from(checkedBefore)).update() == 1;
    }

    /** Writes a notification for the person's bell; returns its id. */
    public long notify(long companyId, long personId, Long ruleId, String kind, String title, String body, String action, String link,
                       Instant at) {
        return jdbc.sql("""
                        insert into notification (company_id, person_id, rule_id, kind, title, body, action, link, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, personId, ruleId, kind, title, body, action, link, Timestamp.from(at)).query(Long.class).single();
    }

    public List<Notification> notifications(long companyId, long personId, boolean unreadOnly, int limit) {
        return jdbc.sql("""
                        select id, kind, title, body, action, link, created_at, read_at is not null from notification
                        where company_id = ? and person_id = ? and (not ? or read_at is null) order by id desc limit ?""")
                .params(companyId, personId, unreadOnly, limit)
                .query(AlertStore::notification).list();
    }

    /** The person's notifications since the instant, oldest first (a digest's week). */
    public List<Notification> notificationsSince(long companyId, long personId, Instant since) {
        return jdbc.sql("""
                        select id, kind, title, body, action, link, created_at, read_at is not null from notification
                        where company_id = ? and person_id = ? and created_at >= ? order by id""")
                .params(companyId, personId, Timestamp.from(since))
                .query(AlertStore::notification).list();
    }

    /** What the person's breached rules last told them, one line each: the breaches still open. */
    public List<String> breachedTitles(long companyId, long personId) {
        return jdbc.sql("""
                        select (select n.title from notification n where n.company_id = r.company_id and n.rule_id = r.id and n.kind = 'breached'
                                order by n.id desc limit 1)
                        from alert_rule r where r.company_id = ? and r.owner_id = ? and r.breached order by r.breached_since""")
                .params(companyId, personId).query(String.class).list().stream().filter(java.util.Objects::nonNull).toList();
    }

    public long unread(long companyId, long personId) {
        return jdbc.sql("select count(*) from notification where company_id = ? and person_id = ? and read_at is null")
                .params(companyId, personId).query(Long.class).single();
    }

    /** Marks one notification of the person read; false if they have none of that id. */
    public boolean markRead(long companyId, long personId, long id, Instant at) {
        return jdbc.sql("""
                        update notification set read_at = coalesce(read_at, ?) where company_id = ? and person_id = ? and id = ?""")
                .params(Timestamp.from(at), companyId, personId, id).update() == 1;
    }

    public int markAllRead(long companyId, long personId, Instant at) {
        return jdbc.sql("update notification set read_at = ? where company_id = ? and person_id = ? and read_at is null")
                .params(Timestamp.from(at), companyId, personId).update();
    }

    /** A notification as both lists select it: id, kind, title, body, action, link, created_at, read. */
    private static Notification notification(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getTimestamp(7).toInstant(), rs.getBoolean(8));
    }

    private static StoredRule rule(ResultSet rs, int row) throws SQLException {
        Timestamp since = rs.getTimestamp(9);
        Timestamp checked = rs.getTimestamp(10);
        return new StoredRule(rs.getLong(1), rs.getString(2), rs.getString(3), Condition.parse(rs.getString(4)), rs.getBigDecimal(5),
                rs.getLong(6), rs.getLong(7), rs.getBoolean(8), since == null ? null : since.toInstant(),
                checked == null ? null : checked.toInstant(), (Long) rs.getObject(11));
    }
}

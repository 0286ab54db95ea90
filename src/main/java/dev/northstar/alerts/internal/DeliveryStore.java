package dev.northstar.alerts.internal;

import dev.northstar.alerts.Delivery;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The outbox of e-mails and webhook posts, their attempts, the webhooks they go to, and people's choices. */
@Repository
public class DeliveryStore {

    /**
     * What a delivery carries, as queued.
     *
     * @param html an e-mail's own HTML part (a digest's); null for a notification, whose e-mail is made from the rest
     */
    public record Message(String kind, String subject, String body, String action, String link, String html) {

        public Message(String kind, String subject, String body, String action, String link) {
            this(kind, subject, body, action, link, null);
        }
    }

    /** A delivery claimed for one attempt (its number is {@code attempt}). */
    public record Claimed(long companyId, long id, String channel, String recipient, Long webhookId, Message message, int attempt) {
    }

    /** A webhook as stored: its address and secret still sealed. */
    public record StoredWebhook(long id, String name, String urlSealed, String urlShown, String secretSealed, long createdBy,
                                Instant createdAt) {
    }

    private final JdbcClient jdbc;

    DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long queueEmail(long companyId, Long notificationId, long personId, String address, Message message, Instant now) {
        return queue(companyId, notificationId, "email", personId, null, address, message, now);
    }

    public long queueWebhook(long companyId, Long notificationId, long webhookId, String name, Message message, Instant now) {
        return queue(companyId, notificationId, "webhook", null, webhookId, name, message, now);
    }

    private long queue(long companyId, Long notificationId, String channel, Long personId, Long webhookId, String recipient, Message message,
                       Instant now) {
        return jdbc.sql("""
                        insert into delivery (company_id, notification_id, channel, person_id, webhook_id, recipient, kind, subject, body,
                                              html, action, link, next_attempt_at, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, notificationId, channel, personId, webhookId, recipient, message.kind(), message.subject(), message.body(),
                        message.html(), message.action(), message.link(), Timestamp.from(now), Timestamp.from(now))
                .query(Long.class).single();
    }

    /**
     * Claims the next due delivery for an attempt until {@code leaseEnd}: skipped by any other instance's claim
     * meanwhile, and claimable again if this one dies before it records the outcome, unless that was its last attempt.
     */
    public Optional<Claimed> claim(Instant now, Instant leaseEnd, int maxAttempts) {
        return jdbc.sql("""
                        update delivery d set attempts = d.attempts + 1, claimed_until = ?
                        from (select company_id, id from delivery
                              where state = 'pending' and next_attempt_at <= ? and (claimed_until is null or claimed_until < ?) and attempts < ?
                              order by next_attempt_at limit 1 for update skip locked) due
                        where d.company_id = due.company_id and d.id = due.id
                        returning d.company_id, d.id, d.channel, d.recipient, d.webhook_id, d.kind, d.subject, d.body, d.action, d.link,
                                  d.html, d.attempts""")
                .params(Timestamp.from(leaseEnd), Timestamp.from(now), Timestamp.from(now), maxAttempts)
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), (Long) rs.getObject(5),
                        new Message(rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)),
                        rs.getInt(12)))
                .optional();
    }

    /**
     * Queues a webhook post already claimed for its first attempt, in one statement, so that no worker takes it before
     * the caller makes that attempt at once (a test post).
     */
    public Claimed queueClaimedWebhook(long companyId, long webhookId, String name, Message message, Instant now, Instant leaseEnd) {
        long id = jdbc.sql("""
                        insert into delivery (company_id, channel, webhook_id, recipient, kind, subject, body, action, link, next_attempt_at,
                                              created_at, attempts, claimed_until)
                        values (?, 'webhook', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) returning id""")
                .params(companyId, webhookId, name, message.kind(), message.subject(), message.body(), message.action(), message.link(),
                        Timestamp.from(now), Timestamp.from(now), Timestamp.from(leaseEnd))
                .query(Long.class).single();
        return new Claimed(companyId, id, "webhook", name, webhookId, message, 1);
    }

    public boolean digestQueued(long companyId, long personId, String week) {
        return jdbc.sql("select exists (select 1 from digest_sent where company_id = ? and person_id = ? and week = ?)")
                .params(companyId, personId, week).query(Boolean.class).single();
    }

    /**
     * Gives up the deliveries whose last attempt's claim lapsed without an outcome (the instance died during it, or could
     * not write the outcome): nothing would try them again.
     */
    public int giveUpAbandoned(Instant now, int maxAttempts) {
        return jdbc.sql("""
                        update delivery set state = 'gave_up', claimed_until = null,
                               last_error = 'Gave up after ' || attempts || ' attempts: the last one ended without an outcome'
                        where state = 'pending' and attempts >= ? and claimed_until < ?""")
                .params(maxAttempts, Timestamp.from(now)).update();
    }

    public void attempted(Claimed claimed, Instant at, boolean ok, String outcome, long durationMillis) {
        jdbc.sql("insert into delivery_attempt (company_id, delivery_id, attempt, at, ok, outcome, duration_ms) values (?, ?, ?, ?, ?, ?, ?)")
                .params(claimed.companyId(), claimed.id(), claimed.attempt(), Timestamp.from(at), ok, outcome,
                        (int) Math.min(durationMillis, Integer.MAX_VALUE)).update();
    }

    /** The attempt's outcome, kept only while the claim is this attempt's (a later claim owns the row otherwise). */
    public void sent(Claimed claimed, Instant at) {
        settle(claimed, "state = 'sent', sent_at = ?, last_error = null", Timestamp.from(at));
    }

    public void retryAt(Claimed claimed, Instant next, String error) {
        settle(claimed, "next_attempt_at = ?, last_error = ?", Timestamp.from(next), error);
    }

    public void gaveUp(Claimed claimed, String error) {
        settle(claimed, "state = 'gave_up', last_error = ?", error);
    }

    private void settle(Claimed claimed, String set, Object... values) {
        List<Object> params = new ArrayList<>(List.of(values));
        params.addAll(List.of(claimed.companyId(), claimed.id(), claimed.attempt()));
        jdbc.sql("update delivery set " + set + ", claimed_until = null where company_id = ? and id = ? and attempts = ? and state = 'pending'")
                .params(params).update();
    }

    /** The company's deliveries, newest first, with their attempts; {@code state} and {@code channel} may be null (any). */
    public List<Delivery> log(long companyId, String state, String channel, int limit) {
        return deliveries(companyId, "(cast(? as text) is null or state = ?) and (cast(? as text) is null or channel = ?)",
                Arrays.asList(state, state, channel, channel), limit);
    }

    public Optional<Delivery> delivery(long companyId, long id) {
        return deliveries(companyId, "id = ?", List.of(id), 1).stream().findFirst();
    }

    /** Each webhook's latest delivery: whether its last post went out and, if not, why. */
    public Map<Long, Delivery> latestPerWebhook(long companyId) {
        return deliveries(companyId, "id in (select max(id) from delivery where company_id = ? and webhook_id is not null group by webhook_id)",
                List.of(companyId), Integer.MAX_VALUE).stream().collect(Collectors.toMap(Delivery::webhookId, d -> d));
    }

    private List<Delivery> deliveries(long companyId, String condition, List<Object> conditionParams, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(companyId);
        params.addAll(conditionParams);
        params.add(limit);
        Map<Long, Delivery> deliveries = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, channel, recipient, webhook_id, kind, subject, state, attempts, last_error, created_at, next_attempt_at, sent_at
                        from delivery where company_id = ?""" + " and " + condition + " order by id desc limit ?")
                .params(params)
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), (Long) rs.getObject(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), rs.getString(9), instant(rs, 10),
                        "pending".equals(rs.getString(7)) ? instant(rs, 11) : null, instant(rs, 12), new ArrayList<>()))
                .list().forEach(d -> deliveries.put(d.id(), d));
        if (!deliveries.isEmpty()) {
            jdbc.sql("""
                            select delivery_id, attempt, at, ok, outcome, duration_ms from delivery_attempt
                            where company_id = ? and delivery_id = any(?) order by delivery_id, attempt""")
                    .params(companyId, deliveries.keySet().toArray(Long[]::new))
                    .query((rs, n) -> deliveries.get(rs.getLong(1)).attemptsMade().add(new Delivery.Attempt(rs.getInt(2), instant(rs, 3),
                            rs.getBoolean(4), rs.getString(5), rs.getInt(6))))
                    .list();
        }
        return List.copyOf(deliveries.values());
    }

    public long insertWebhook(long companyId, String name, String urlSealed, String urlShown, String secretSealed, long createdBy) {
        return jdbc.sql("""
                        insert into outgoing_webhook (company_id, name, url_sealed, url_shown, secret_sealed, created_by)
                        values (?, ?, ?, ?, ?, ?) returning id""")
                .params(companyId, name, urlSealed, urlShown, secretSealed, createdBy).query(Long.class).single();
    }

    public List<StoredWebhook> webhooks(long companyId) {
        return jdbc.sql("""
                        select id, name, url_sealed, url_shown, secret_sealed, created_by, created_at from outgoing_webhook
                        where company_id = ? order by name""").param(companyId).query(DeliveryStore::webhook).list();
    }

    public Optional<StoredWebhook> webhook(long companyId, long id) {
        return jdbc.sql("""
                        select id, name, url_sealed, url_shown, secret_sealed, created_by, created_at from outgoing_webhook
                        where company_id = ? and id = ?""").params(companyId, id).query(DeliveryStore::webhook).optional();
    }

    public boolean deleteWebhook(long companyId, long id) {
        return jdbc.sql("delete from outgoing_webhook where company_id = ? and id = ?").params(companyId, id).update() == 1;
    }

    /** What the person wants by e-mail: breaches, their ends, the weekly digest; all, unless they said otherwise. */
    public record EmailChoices(boolean breaches, boolean resolutions, boolean weeklyDigest) {
    }

    public EmailChoices emailChoices(long companyId, long personId) {
        return jdbc.sql("""
                        select email_breaches, email_resolutions, weekly_digest from notification_preference
                        where company_id = ? and person_id = ?""")
                .params(companyId, personId).query((rs, n) -> new EmailChoices(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3))).optional()
                .orElse(new EmailChoices(true, true, true));
    }

    public void chooseEmail(long companyId, long personId, EmailChoices choices, Instant at) {
        jdbc.sql("""
                        insert into notification_preference (company_id, person_id, email_breaches, email_resolutions, weekly_digest, updated_at)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (company_id, person_id) do update
                        set email_breaches = excluded.email_breaches, email_resolutions = excluded.email_resolutions,
                            weekly_digest = excluded.weekly_digest, updated_at = excluded.updated_at""")
                .params(companyId, personId, choices.breaches(), choices.resolutions(), choices.weeklyDigest(), Timestamp.from(at)).update();
    }

    /**
     * Marks the person's digest of the week as on its way; true only for the one caller (of any instance) that marked
     * it, which is the one that queues it.
     */
    public boolean markDigest(long companyId, long personId, String week, Instant at) {
        return jdbc.sql("""
                        insert into digest_sent (company_id, person_id, week, queued_at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(companyId, personId, week, Timestamp.from(at)).update() == 1;
    }

    private static StoredWebhook webhook(ResultSet rs, int row) throws SQLException {
        return new StoredWebhook(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getLong(6), instant(rs, 7));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

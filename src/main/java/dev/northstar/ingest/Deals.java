package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.shared.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** Deals as stored, with their stage history; a deal is visible to whoever may see its owner. */
@Service
@Transactional(readOnly = true)
public class Deals {

    public record StageChange(String stage, String outcome, Instant changedAt) {
    }

    public record Deal(long id, String source, String externalId, String name, long ownerId, String accountRef, BigDecimal amount,
                       String currency, LocalDate createdOn, LocalDate expectedCloseOn, String stage, String outcome, LocalDate closedOn,
                       List<StageChange> history) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;

    Deals(JdbcClient jdbc, AccessPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    public Deal deal(Viewer viewer, long dealId) {
        Deal deal = jdbc.sql("""
                        select id, source, external_id, name, owner_id, account_ref, amount, currency, created_on, expected_close_on,
                               stage, outcome, closed_on from deal where company_id = ? and id = ?""")
                .params(viewer.companyId(), dealId)
                .query((rs, n) -> new Deal(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6),
                        rs.getBigDecimal(7), rs.getString(8), rs.getObject(9, LocalDate.class), rs.getObject(10, LocalDate.class),
                        rs.getString(11), rs.getString(12), rs.getObject(13, LocalDate.class), List.of()))
                .optional().orElseThrow(() -> new NotFoundException("Deal", dealId));
        policy.person(viewer, deal.ownerId(), Action.VIEW).orRefuse();
        List<StageChange> history = jdbc.sql("""
                        select stage, outcome, changed_at from deal_stage_change where company_id = ? and deal_id = ? order by id""")
                .params(viewer.companyId(), dealId)
                .query((rs, n) -> new StageChange(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class).toInstant()))
                .list();
        return new Deal(deal.id(), deal.source(), deal.externalId(), deal.name(), deal.ownerId(), deal.accountRef(), deal.amount(),
                deal.currency(), deal.createdOn(), deal.expectedCloseOn(), deal.stage(), deal.outcome(), deal.closedOn(), history);
    }

    /** A won deal as a profile lists it. */
    public record WonDeal(long id, String name, BigDecimal amount, String currency, LocalDate closedOn) {
    }

    /** The person's latest won deals, newest first, for whoever may see the person. */
    public List<WonDeal> recentWins(Viewer viewer, long personId, int limit) {
        policy.person(viewer, personId, Action.VIEW).orRefuse();
        return jdbc.sql("""
                        select id, name, amount, currency, closed_on from deal
                        where company_id = ? and owner_id = ? and outcome = 'won' order by closed_on desc, id desc limit ?""")
                .params(viewer.companyId(), personId, limit)
                .query((rs, n) -> new WonDeal(rs.getLong(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4),
                        rs.getObject(5, LocalDate.class)))
                .list();
    }

    /** A deal that was just won: the stage change that won it, the deal and its owner. */
    public record Win(long changeId, long dealId, String name, long ownerId, String ownerName, BigDecimal amount, String currency,
                      Instant wonAt) {
    }

    /** The newest stage change of the company so far: where to start watching for wins. */
    public long lastChange(long companyId) {
        return jdbc.sql("select coalesce(max(id), 0) from deal_stage_change where company_id = ?").param(companyId).query(Long.class).single();
    }

    /**
     * The deals won by the stage changes after {@code afterChange} up to {@code upTo} whose win happened since
     * {@code wonSince} (an import of last year's deals wins nothing today): the latest {@code limit} of them, oldest first. A change into a won stage from
     * another won stage is no new win. For live updates: no access check, callers decide who hears of each win.
     */
    public List<Win> winsAfter(long companyId, long afterChange, long upTo, Instant wonSince, int limit) {
        List<Win> latestFirst = jdbc.sql("""
                        select c.id, d.id, d.name, d.owner_id, p.display_name, d.amount, d.currency, c.changed_at
                        from deal_stage_change c
                        join deal d on d.company_id = c.company_id and d.id = c.deal_id
                        join person p on p.company_id = d.company_id and p.id = d.owner_id
                        where c.company_id = ? and c.id > ? and c.id <= ? and c.outcome = 'won' and c.changed_at >= ?
                          and coalesce((select b.outcome from deal_stage_change b where b.company_id = c.company_id and b.deal_id = c.deal_id
                                        and b.id < c.id order by b.id desc limit 1), 'open') <> 'won'
                        order by c.id desc limit ?""")
                .params(companyId, afterChange, upTo, OffsetDateTime.ofInstant(wonSince, java.time.ZoneOffset.UTC), limit)
                .query((rs, n) -> new Win(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5), rs.getBigDecimal(6),
                        rs.getString(7), rs.getObject(8, OffsetDateTime.class).toInstant()))
                .list();
        List<Win> oldestFirst = new java.util.ArrayList<>(latestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }
}

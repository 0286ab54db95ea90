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
}

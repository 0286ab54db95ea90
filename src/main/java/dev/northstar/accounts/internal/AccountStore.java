package dev.northstar.accounts.internal;

import dev.northstar.accounts.Account;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/** The accounts that ingest keeps, read with their owner's name. */
@Repository
public class AccountStore {

    private static final String SELECT = """
            select a.id, a.name, a.source, a.external_id, a.owner_id, p.display_name, a.segment, a.industry
            from account a left join person p on p.company_id = a.company_id and p.id = a.owner_id
            where a.company_id = ?""";

    private static final RowMapper<Account> ACCOUNT = (rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), (Long) rs.getObject(5), rs.getString(6), rs.getString(7), rs.getString(8));

    private final JdbcClient jdbc;

    AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> find(long companyId, long id) {
        return jdbc.sql(SELECT + " and a.id = ?").params(companyId, id).query(ACCOUNT).optional();
    }

    /**
     * The accounts whose owner is one of {@code owners} (every account, owned or not, when null), narrowed to one owner
     * and one segment when given.
     */
    public List<Account> list(long companyId, Long[] owners, Long owner, String segment) {
        StringBuilder sql = new StringBuilder(SELECT);
        var params = new java.util.ArrayList<Object>(List.of(companyId));
        if (owners != null) {
            sql.append(" and a.owner_id = any(?)");
            params.add(owners);
        }
        if (owner != null) {
            sql.append(" and a.owner_id = ?");
            params.add(owner);
        }
        if (segment != null) {
            sql.append(" and a.segment = ?");
            params.add(segment);
        }
        return jdbc.sql(sql.toString()).params(params).query(ACCOUNT).list();
    }

    /** Accounts by their external id, across sources (an import names an account by the id its own system gave it). */
    public List<Account> byExternalId(long companyId, String externalId) {
        return jdbc.sql(SELECT + " and a.external_id = ?").params(companyId, externalId).query(ACCOUNT).list();
    }
}

package dev.northstar.ingest.demo;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

/**
 * Stores a generated history with PostgreSQL's {@code COPY ... FROM STDIN}, the fastest way in (no statement per
 * row), so that the demo company's ~200,000 activities take seconds. Everything goes in with source {@value #SOURCE},
 * in the caller's transaction (or a new one), so a company gets its whole history or none of it.
 */
@Service
public class DemoHistoryWriter {

    public static final String SOURCE = "demo";

    /** How many rows went into each table, and how long generating and writing them took. */
    public record Written(long accounts, long deals, long stageChanges, long revenueLines, long activities, Duration took) {

        /** For the start-up banner. */
        public String summary() {
            return String.format(Locale.ROOT, "%,d activities, %,d accounts, %,d deals (%,d stage changes), %,d revenue lines in %.1f s",
                    activities, accounts, deals, stageChanges, revenueLines, took.toMillis() / 1000.0);
        }
    }

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    DemoHistoryWriter(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Writes the history into the company; refuses when it already has demo records (ids would collide). */
    @Transactional
    public Written write(long companyId, DemoHistory history) {
        long started = System.nanoTime(); // a duration for the banner, not a point in time: no clock needed
        if (hasDemoRecords(companyId)) {
            throw new IllegalStateException("company " + companyId + " already has records from source '" + SOURCE + "'");
        }
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            long accounts = copyAccounts(copy, companyId, history);
            long deals = copyDeals(copy, companyId, history);
            long stageChanges = copyStageChanges(copy, companyId, history);
            long revenueLines = copyRevenue(copy, companyId, history);
            long activities = copyActivities(copy, companyId, history);
            markRollupCells(companyId);
            return new Written(accounts, deals, stageChanges, revenueLines, activities, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the demo history of company " + companyId + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * COPY bypasses the load's own marking of rollup cells: every person with demo records gets their days from the
     * first one on marked here, in the same transaction.
     */
    private void markRollupCells(long companyId) {
        jdbc.sql("""
                        insert into rollup_dirty (company_id, person_id, day, onwards)
                        select :c, person_id, min(day), true from (
                            select person_id, (occurred_at at time zone (select time_zone from company where id = :c))::date as day
                            from activity where company_id = :c and source = :s
                            union all
                            select owner_id, least(created_on, closed_on) from deal where company_id = :c and source = :s) cells
                        where day is not null group by person_id""")
                .param("c", companyId).param("s", SOURCE).update();
    }

    private boolean hasDemoRecords(long companyId) {
        return jdbc.sql("""
                        select exists (select 1 from account where company_id = :c and source = :s)
                            or exists (select 1 from deal where company_id = :c and source = :s)
                            or exists (select 1 from revenue_line where company_id = :c and source = :s)
                            or exists (select 1 from activity where company_id = :c and source = :s)""")
                .param("c", companyId).param("s", SOURCE).query(Boolean.class).single();
    }

    private long copyAccounts(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        try (CopyRows rows = new CopyRows(copy,
                "copy account (company_id, source, external_id, name, owner_id, segment, industry, parent_ref) from stdin")) {
            for (Iterator<GeneratedAccount> it = history.accounts().iterator(); it.hasNext(); ) {
                GeneratedAccount a = it.next();
                rows.field(companyId).field(SOURCE).field(a.externalId()).field(a.name()).field(a.ownerId())
                        .field(a.segment()).field(a.industry()).field(a.parentRef()).endRow();
            }
            return rows.finish();
        }
    }

    private long copyDeals(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        try (CopyRows rows = new CopyRows(copy, """
                copy deal (company_id, source, external_id, name, owner_id, account_ref, amount, currency, created_on,
                           expected_close_on, stage, outcome, closed_on) from stdin""")) {
            for (Iterator<GeneratedDeal> it = history.deals().iterator(); it.hasNext(); ) {
                GeneratedDeal d = it.next();
                rows.field(companyId).field(SOURCE).field(d.externalId()).field(d.name()).field(d.ownerId())
                        .field(d.accountRef()).field(d.amount()).field(d.currency()).field(d.createdOn())
                        .field(d.expectedCloseOn()).field(d.stage()).field(d.outcome()).field(d.closedOn()).endRow();
            }
            return rows.finish();
        }
    }

    /**
     * Stage changes point at the deal's database id, which the copy above generated; they go through a temporary
     * table keyed by the deal's external id and are joined to their deals in one statement.
     */
    private long copyStageChanges(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        jdbc.sql("create temporary table demo_stage_change (deal_ref text, stage text, outcome text, changed_at timestamptz)")
                .update();
        try (CopyRows rows = new CopyRows(copy, "copy demo_stage_change (deal_ref, stage, outcome, changed_at) from stdin")) {
            for (Iterator<GeneratedStageChange> it = history.stageChanges().iterator(); it.hasNext(); ) {
                GeneratedStageChange c = it.next();
                rows.field(c.dealRef()).field(c.stage()).field(c.outcome()).field(c.changedAt()).endRow();
            }
            rows.finish();
        }
        int stored = jdbc.sql("""
                        insert into deal_stage_change (company_id, deal_id, stage, outcome, changed_at)
                        select d.company_id, d.id, c.stage, c.outcome, c.changed_at
                        from demo_stage_change c join deal d on d.company_id = ? and d.source = ? and d.external_id = c.deal_ref
                        order by d.id, c.changed_at""")
                .params(companyId, SOURCE).update();
        jdbc.sql("drop table demo_stage_change").update(); // not "on commit drop": one transaction may write two companies
        return stored;
    }

    private long copyRevenue(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        try (CopyRows rows = new CopyRows(copy, "copy revenue_line (company_id, source, account_ref, month, mrr, currency) from stdin")) {
            for (Iterator<GeneratedRevenueLine> it = history.revenueLines().iterator(); it.hasNext(); ) {
                GeneratedRevenueLine r = it.next();
                rows.field(companyId).field(SOURCE).field(r.accountRef()).field(r.month()).field(r.mrr()).field(r.currency()).endRow();
            }
            return rows.finish();
        }
    }

    /**
     * Activities have no foreign key to person (V5: the ingest engine checks people, a key would lock the person
     * row once per activity), so the generated rows are checked here, once for all of them after the copy.
     */
    private long copyActivities(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        long copied = copyActivityRows(copy, companyId, history);
        long strangers = jdbc.sql("""
                        select count(*) from activity a where a.company_id = ? and a.source = ?
                          and not exists (select 1 from person p where p.company_id = a.company_id and p.id = a.person_id)""")
                .params(companyId, SOURCE).query(Long.class).single();
        if (strangers > 0) {
            throw new IllegalStateException(strangers + " generated activities name a person who is not in company " + companyId);
        }
        return copied;
    }

    private long copyActivityRows(CopyManager copy, long companyId, DemoHistory history) throws SQLException {
        try (CopyRows rows = new CopyRows(copy, """
                copy activity (company_id, source, external_id, type, person_id, occurred_at, quantity, account_ref, deal_ref)
                from stdin""")) {
            for (Iterator<GeneratedActivity> it = history.activities().iterator(); it.hasNext(); ) {
                GeneratedActivity a = it.next();
                rows.field(companyId).field(SOURCE).field(a.externalId()).field(a.type()).field(a.personId())
                        .field(a.occurredAt()).field(a.quantity()).field(a.accountRef()).field(a.dealRef()).endRow();
            }
            return rows.finish();
        }
    }
}

package dev.northstar.ingest.demo;

import dev.northstar.analytics.RollupsVerified;
import dev.northstar.organization.DemoCompanyGenerated;
import dev.northstar.organization.DemoOrganization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The writer stores what the generator made, all of it, and demo companies in tests get no history unasked. */
@SpringBootTest
class DemoHistoryWriterTest {

    /**
     * The companies the tests write histories to. A history runs from the first of the month a year ago to now, and its
     * people's cells are marked from their first day on: its first two months show a marking that starts late or not at
     * all (the whole year would take seconds a company).
     */
    @RegisterExtension
    static final RollupsVerified ROLLUPS = RollupsVerified.of(YearMonth.now().minusYears(1), YearMonth.now().minusYears(1).plusMonths(1));

    @Autowired DemoOrganization demo;
    @Autowired DemoHistories histories;
    @Autowired DemoHistoryWriter writer;
    @Autowired JdbcClient jdbc;
    @Autowired Environment environment;
    @Autowired ApplicationContext context;
    @Autowired TransactionTemplate transactions;

    @Test
    void storesEveryGeneratedRecordAndRefusesToWriteTwice() {
        long company = ROLLUPS.track(company("Writer"));
        assertThat(count("select count(*) from activity where company_id = ?", company))
                .as("creating a company in a test writes no history").isZero();
        DemoHistory history = DemoHistory.of(histories.input(company, 7, 0.5));

        var written = writer.write(company, history);

        assertThat(written.accounts()).isEqualTo(history.accounts().count()).isPositive()
                .isEqualTo(count("select count(*) from account where company_id = ? and source = 'demo'", company));
        assertThat(written.deals()).isEqualTo(history.deals().count()).isPositive()
                .isEqualTo(count("select count(*) from deal where company_id = ? and source = 'demo'", company));
        assertThat(written.stageChanges()).isEqualTo(history.stageChanges().count()).isGreaterThan(written.deals())
                .isEqualTo(count("select count(*) from deal_stage_change where company_id = ?", company));
        assertThat(written.revenueLines()).isEqualTo(history.revenueLines().count()).isPositive()
                .isEqualTo(count("select count(*) from revenue_line where company_id = ? and source = 'demo'", company));
        assertThat(written.activities()).isEqualTo(history.activities().count()).isGreaterThan(1000)
                .isEqualTo(count("select count(*) from activity where company_id = ? and source = 'demo'", company));
        assertThat(count("""
                        select count(*) from deal d where d.company_id = ? and d.stage <> (
                            select c.stage from deal_stage_change c where c.company_id = d.company_id and c.deal_id = d.id
                            order by c.changed_at desc limit 1)""", company))
                .as("every stored deal's last stage change is its stage").isZero();

        assertThatThrownBy(() -> writer.write(company, history)).hasMessageContaining("already has records from source 'demo'");
        assertThat(count("select count(*) from activity where company_id = ?", company)).isEqualTo(written.activities());
    }

    @Test
    void marksTheRollupCellsOfEveryoneWithRecordsInTheSameTransaction() {
        long company = ROLLUPS.track(company("Marks"));
        DemoHistory history = DemoHistory.of(histories.input(company, 7, 0.2));
        // Read inside the writer's transaction: the rollup worker may take the markers as soon as it commits.
        long marked = transactions.execute(status -> {
            writer.write(company, history);
            return count("select count(distinct person_id) from rollup_dirty where company_id = ? and onwards", company);
        });
        assertThat(marked).isPositive().isEqualTo(count("""
                select count(*) from person p where p.company_id = ? and (exists (select from activity a where a.company_id = p.company_id and a.person_id = p.id)
                   or exists (select from deal d where d.company_id = p.company_id and d.owner_id = p.id))""", company));
    }

    @Test
    void storedRecordsReadBackAsGenerated() {
        long company = ROLLUPS.track(company("Readback"));
        DemoHistory history = DemoHistory.of(histories.input(company, 11, 0.2));
        writer.write(company, history);

        GeneratedActivity call = history.activities().filter(a -> a.type().equals("call") && a.accountRef() != null).findFirst().orElseThrow();
        var stored = jdbc.sql("select person_id, occurred_at, quantity, account_ref, deal_ref from activity where company_id = ? and external_id = ?")
                .params(company, call.externalId())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getBigDecimal(3), rs.getString(4), rs.getString(5)})
                .single();
        assertThat(stored[0]).isEqualTo(call.personId());
        assertThat(((OffsetDateTime) stored[1]).toInstant()).isEqualTo(call.occurredAt().toInstant());
        assertThat((BigDecimal) stored[2]).isEqualByComparingTo(BigDecimal.valueOf(call.quantity()));
        assertThat(stored[3]).isEqualTo(call.accountRef());
        assertThat(stored[4]).isEqualTo(call.dealRef());

        GeneratedDeal deal = history.deals().filter(d -> !d.open()).findFirst().orElseThrow();
        var storedDeal = jdbc.sql("select amount, closed_on, outcome, currency from deal where company_id = ? and external_id = ?")
                .params(company, deal.externalId())
                .query((rs, n) -> new Object[] {rs.getBigDecimal(1), rs.getDate(2).toLocalDate(), rs.getString(3), rs.getString(4)}).single();
        assertThat((BigDecimal) storedDeal[0]).isEqualByComparingTo(deal.amount());
        assertThat(storedDeal[1]).isEqualTo(deal.closedOn());
        assertThat(storedDeal[2]).isEqualTo(deal.outcome());
        assertThat(storedDeal[3]).isEqualTo("USD");
        OffsetDateTime firstChange = jdbc.sql("""
                        select min(c.changed_at) from deal_stage_change c join deal d on d.company_id = c.company_id and d.id = c.deal_id
                        where d.company_id = ? and d.external_id = ?""")
                .params(company, deal.externalId()).query(OffsetDateTime.class).single();
        assertThat(firstChange.toInstant()).isEqualTo(deal.history().get(0).changedAt().toInstant());
    }

    @Test
    void activitiesOfSomeoneFromAnotherCompanyAreRefusedAndNothingIsStored() {
        long company = company("Stranger");
        long other = company("Elsewhere");
        long stranger = jdbc.sql("select min(id) from person where company_id = ?").param(other).query(Long.class).single();
        HistoryInput own = histories.input(company, 3, 0.2);
        HistoryInput withStranger = new HistoryInput(java.util.List.of(new HistoryPerson(stranger, "x@elsewhere.example", "Ads", "Marketing")),
                own.stages(), own.currency(), own.zone(), own.now(), own.seed(), own.activityScale());

        // Checked once for all activities after the copy (they have no foreign key to person), by the key for deals.
        assertThatThrownBy(() -> writer.write(company, DemoHistory.of(withStranger)))
                .hasMessageMatching("(?s).*(is not in company|foreign key).*");
        assertThat(count("select count(*) from activity where company_id = ?", company)).isZero();
    }

    @Test
    void aCompanyWithoutAPipelineGetsTheDefaultStages() {
        long company = company("Stages");
        histories.input(company, 1, 0.1);

        assertThat(jdbc.sql("select key || ':' || name || ':' || position || ':' || win_probability::int || ':' || outcome from pipeline_stage where company_id = ? order by position")
                .param(company).query(String.class).list())
                .containsExactly("prospecting:Prospecting:1:10:open", "qualification:Qualification:2:25:open",
                        "proposal:Proposal:3:50:open", "negotiation:Negotiation:4:75:open", "won:Won:5:100:won", "lost:Lost:6:0:lost");
        histories.input(company, 1, 0.1);
        assertThat(count("select count(*) from pipeline_stage where company_id = ?", company)).as("written once").isEqualTo(6);
    }

    @Test
    void theListenerGivesANewDemoCompanyItsHistoryAndSaysWhat() {
        assertThat(environment.getProperty("northstar.demo.history")).as("tests write no history unasked").isEqualTo("false");
        assertThat(context.getBeanNamesForType(DemoHistoryForNewDemoCompanies.class)).as("so the listener is off").isEmpty();

        long company = ROLLUPS.track(company("Listener"));
        var event = new DemoCompanyGenerated(company, "Listener Co", 5);
        new DemoHistoryForNewDemoCompanies(histories).on(event);

        assertThat(event.additions()).singleElement().asString().contains("activities", "deals", "revenue lines");
        assertThat(count("select count(*) from activity where company_id = ? and source = 'demo'", company)).isGreaterThan(1000);
        assertThat(count("select count(*) from revenue_line where company_id = ? and source = 'demo'", company)).isPositive();
    }

    /** A small company of its own (two teams of three, in Sales), so that other tests' data does not matter. */
    private long company(String name) {
        String unique = name.toLowerCase() + System.nanoTime();
        var built = demo.generate(DemoOrganization.sized(name + " " + unique, unique + ".example", 1, 2, 3, 99L));
        assertThat(built.additions()).isEmpty();
        return built.companyId();
    }

    private long count(String sql, long companyId) {
        return jdbc.sql(sql).param(companyId).query(Long.class).single();
    }
}

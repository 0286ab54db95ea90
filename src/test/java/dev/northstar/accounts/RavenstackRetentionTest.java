package dev.northstar.accounts;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.accounts.internal.RavenstackDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The RavenStack data set (../shared/datasets; its licence keeps it out of the project, so the test is skipped where it
 * is absent) loaded through the product's own paths, and the portfolio's recurring revenue, NRR and churn for two
 * months checked against plain SQL over the raw subscription rows, which reads nothing the product wrote.
 */
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RavenstackRetentionTest {

    static final Path RAVENSTACK = Paths.get("..", "shared", "datasets", "ravenstack-saas-subscriptions");

    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    @Autowired RavenstackDataset dataset;
    @Autowired Accounts accounts;

    Viewer admin;
    RavenstackDataset.Loaded loaded;

    @BeforeAll
    void load() throws IOException {
        assumeTrue(Files.isDirectory(RAVENSTACK), "Skipped: the RavenStack data set is not in " + RAVENSTACK.toAbsolutePath());
        String name = "ravenstack" + System.nanoTime();
        long company = jdbc.sql("insert into company (name, time_zone, currency) values (?, 'UTC', 'USD') returning id").param(name)
                .query(Long.class).single();
        long person = jdbc.sql("insert into person (company_id, email, display_name) values (?, ?, 'Admin') returning id")
                .params(company, "admin@" + name + ".test").query(Long.class).single();
        jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?)").params(company, person).update();
        admin = directory.viewer(company, person).orElseThrow();
        loaded = dataset.load(admin, RAVENSTACK, List.of(), YearMonth.of(2024, 12));

        // The raw subscriptions, as the file has them, for the plain-SQL side.
        jdbc.sql("create table if not exists raw_ravenstack_subscription (account_id text, start_date date, end_date date, mrr numeric, is_trial boolean)").update();
        jdbc.sql("truncate raw_ravenstack_subscription").update();
        List<String> lines = Files.readAllLines(RAVENSTACK.resolve("ravenstack_subscriptions.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1); // no quoted fields in this file
            jdbc.sql("insert into raw_ravenstack_subscription values (?, ?, ?, ?, ?)")
                    .params(f[1], LocalDate.parse(f[2]), f[3].isEmpty() ? null : LocalDate.parse(f[3]), new BigDecimal(f[6]), Boolean.parseBoolean(f[8]))
                    .update();
        }
    }

    @Test
    void everyAccountAndItsRevenueAreLoaded() {
        assertThat(loaded.accounts()).isEqualTo(500);
        assertThat(loaded.revenueLines()).isGreaterThan(5_000);
        assertThat(loaded.satisfactionValues()).isPositive();
        Portfolio all = accounts.portfolio(admin, PortfolioFilter.all(), LocalDate.of(2024, 12, 31));
        assertThat(all.accounts()).isEqualTo(500);
        assertThat(all.bands().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(all.averageHealth()).as("NRR and satisfaction give scores").isNotNull();
    }

    @Test
    void nrrAndChurnOfTwoMonthsEqualAPlainSqlComputationOverTheRawSubscriptions() {
        // The two months in which an account stops paying altogether (the data set's accounts mostly keep a subscription).
        for (LocalDate day : List.of(LocalDate.of(2023, 11, 30), LocalDate.of(2024, 9, 30))) {
            Portfolio.Retention product = accounts.portfolio(admin, PortfolioFilter.all(), day).retention();
            Expected expected = plainSql(day.withDayOfMonth(1));
            assertThat(product.mrr()).as("MRR of " + day).isEqualByComparingTo(expected.mrr());
            assertThat(product.previousMrr()).as("MRR the month before " + day).isEqualByComparingTo(expected.previousMrr());
            assertThat(product.cohort()).as("accounts paying the month before " + day).isEqualTo(expected.cohort());
            assertThat(product.churned()).as("churned accounts in " + day).isEqualTo(expected.churned());
            assertThat(product.churned()).as("a month worth checking has churn").isPositive();
            assertThat(product.nrr()).as("NRR of " + day).isEqualByComparingTo(expected.nrr());
            assertThat(product.logoChurn()).as("logo churn of " + day).isEqualByComparingTo(expected.logoChurn());
            assertThat(product.revenueChurn()).as("revenue churn of " + day).isEqualByComparingTo(expected.revenueChurn());
        }
    }

    @Test
    void anAccountsMrrIsTheSumOfItsPayingSubscriptionsAtTheMonthsEnd() {
        String accountRef = jdbc.sql("select account_id from raw_ravenstack_subscription where not is_trial group by 1 order by count(*) desc, 1 limit 1")
                .query(String.class).single();
        long id = jdbc.sql("select id from account where company_id = ? and source = 'ravenstack' and external_id = ?")
                .params(admin.companyId(), accountRef).query(Long.class).single();
        BigDecimal expected = jdbc.sql("""
                        select coalesce(sum(mrr), 0) from raw_ravenstack_subscription
                        where account_id = ? and not is_trial and start_date <= date '2024-09-30' and (end_date is null or end_date > date '2024-09-30')""")
                .param(accountRef).query(BigDecimal.class).single();
        AccountDetails details = accounts.details(admin, id, LocalDate.of(2024, 9, 30), AccountDetails.Compare.MONTH);
        MetricReading mrr = details.readings().stream().filter(r -> r.metric().key().equals("mrr")).findFirst().orElseThrow();
        assertThat(mrr.value()).isEqualByComparingTo(expected);
        assertThat(details.account().segment()).isIn("Basic", "Pro", "Enterprise");
    }

    record Expected(BigDecimal mrr, BigDecimal previousMrr, int cohort, int churned, BigDecimal nrr, BigDecimal logoChurn, BigDecimal revenueChurn) {
    }

    /** Month by month with generate_series: an account's MRR is the sum of its non-trial subscriptions active on the month's last day. */
    private Expected plainSql(LocalDate month) {
        return jdbc.sql("""
                        with months(month) as (values (cast(? as date)), (cast(? as date))),
                        paid as (
                            select s.account_id, m.month, sum(s.mrr) as mrr
                            from raw_ravenstack_subscription s
                            join months m on s.start_date <= (m.month + interval '1 month' - interval '1 day')::date
                                        and (s.end_date is null or s.end_date > (m.month + interval '1 month' - interval '1 day')::date)
                            where not s.is_trial
                            group by s.account_id, m.month),
                        now_paid as (select account_id, mrr from paid where month = cast(? as date)),
                        before_paid as (select account_id, mrr from paid where month = cast(? as date) and mrr > 0)
                        select (select coalesce(sum(mrr), 0) from now_paid),
                               (select coalesce(sum(mrr), 0) from before_paid),
                               (select count(*) from before_paid),
                               (select count(*) from before_paid b where not exists (select 1 from now_paid n where n.account_id = b.account_id and n.mrr > 0)),
                               (select coalesce(sum(n.mrr), 0) from before_paid b join now_paid n using (account_id)),
                               (select coalesce(sum(greatest(b.mrr - coalesce(n.mrr, 0), 0)), 0) from before_paid b left join now_paid n using (account_id))""")
                .params(month, month.minusMonths(1), month, month.minusMonths(1))
                .query((rs, n) -> {
                    BigDecimal before = rs.getBigDecimal(2);
                    int cohort = rs.getInt(3);
                    int churned = rs.getInt(4);
                    return new Expected(rs.getBigDecimal(1), before, cohort, churned,
                            rs.getBigDecimal(5).divide(before, 6, RoundingMode.HALF_UP),
                            BigDecimal.valueOf(churned).divide(BigDecimal.valueOf(cohort), 6, RoundingMode.HALF_UP),
                            rs.getBigDecimal(6).divide(before, 6, RoundingMode.HALF_UP));
                }).single();
    }
}

package dev.northstar.organization;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator builds organizations of any size, for demos and benchmarks. */
@SpringBootTest
class DemoOrganizationTest {

    @Autowired DemoOrganization demo;
    @Autowired JdbcClient jdbc;

    @Test
    void buildsAnOrganizationOfTheRequestedSizeWithHistory() {
        var built = demo.generate(DemoOrganization.sized("Bench Co", "bench.example", 3, 4, 10, 42L));

        assertThat(built.departmentIds()).hasSize(3);
        assertThat(built.teamIds()).hasSize(12);
        assertThat(built.personIds()).hasSize(12 * 10 + 1); // plus the admin
        assertThat(count("select count(*) from membership where company_id = ? and valid_to is null", built.companyId())).isEqualTo(120);
        assertThat(count("select count(*) from membership where company_id = ? and valid_to is not null", built.companyId()))
                .as("some people moved teams, so there is history").isPositive();
        assertThat(count("select count(distinct team_id) from team_lead where company_id = ?", built.companyId())).isEqualTo(12);
        assertThat(count("select count(*) from company_admin where company_id = ?", built.companyId())).isEqualTo(1);
    }

    /**
     * Without fresh statistics the planner took a new organization of 5,000 for a few rows, and listing everyone with
     * their team took 2.5 s for two minutes after generating it (DashboardBenchmark's leaderboards).
     */
    @Test
    void generatingAnOrganizationRefreshesThePlannersStatistics() {
        var before = jdbc.sql("select now()").query(java.time.OffsetDateTime.class).single();
        var built = demo.generate(DemoOrganization.sized("Planned Co", "planned.example", 2, 3, 40, 7L));

        for (String table : java.util.List.of("person", "membership", "team", "department")) {
            var analyzed = jdbc.sql("select last_analyze from pg_stat_user_tables where relname = ?").param(table)
                    .query(java.time.OffsetDateTime.class).optional();
            assertThat(analyzed).as(table + " analyzed after the generator started").hasValueSatisfying(at -> assertThat(at).isAfterOrEqualTo(before));
        }
        assertThat(jdbc.sql("select reltuples from pg_class where relname = 'person'").query(Double.class).single())
                .as("the planner counts the generated people").isGreaterThanOrEqualTo(built.personIds().size());
    }

    @Test
    void theDemoCompaniesMatchTheLoginsTheReadmePromises() {
        demo.generateDemoCompaniesIfMissing();
        assertThat(demo.generateDemoCompaniesIfMissing()).as("a second start generates nothing").isEmpty();
        long demoCorp = jdbc.sql("select id from company where name = 'Demo Corp'").query(Long.class).single();
        assertThat(count("select count(*) from department where company_id = ?", demoCorp)).isEqualTo(3);
        assertThat(count("select count(*) from team where company_id = ?", demoCorp)).isEqualTo(8);
        assertThat(count("select count(*) from person where company_id = ?", demoCorp)).isBetween(55L, 65L);
        assertThat(jdbc.sql("""
                        select d.name from department_manager m join department d on d.id = m.department_id
                        join person p on p.id = m.person_id where p.email = 'manager@demo.northstar.dev'""")
                .query(String.class).single()).isEqualTo("Sales");
    }

    private long count(String sql, long companyId) {
        return jdbc.sql(sql).param(companyId).query(Long.class).single();
    }
}

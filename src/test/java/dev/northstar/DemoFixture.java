package dev.northstar;

import dev.northstar.access.AuthenticatedPerson;
import dev.northstar.organization.DemoOrganization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/** The demo companies in a test's database, and the ids of their people, departments and teams by name. */
public final class DemoFixture {

    private final JdbcClient jdbc;

    public DemoFixture(JdbcClient jdbc, DemoOrganization demo) {
        this.jdbc = jdbc;
        demo.generateDemoCompaniesIfMissing();
    }

    public long company(String name) {
        return jdbc.sql("select id from company where name = ?").param(name).query(Long.class).single();
    }

    public long person(String email) {
        return jdbc.sql("select id from person where email = ?").param(email).query(Long.class).single();
    }

    public long department(String company, String name) {
        return jdbc.sql("select d.id from department d join company c on c.id = d.company_id where c.name = ? and d.name = ?")
                .params(company, name).query(Long.class).single();
    }

    public long team(String company, String name) {
        return jdbc.sql("select t.id from team t join company c on c.id = t.company_id where c.name = ? and t.name = ?")
                .params(company, name).query(Long.class).single();
    }

    /** Someone other than the fixed logins who is in the team today. */
    public long memberOf(long teamId) {
        return jdbc.sql("""
                        select m.person_id from membership m join person p on p.id = m.person_id
                        where m.team_id = ? and m.valid_to is null and p.email not like 'rep@%' and p.email not like 'lead@%'
                          and not exists (select 1 from team_lead l where l.person_id = p.id)
                        order by m.person_id limit 1""")
                .param(teamId).query(Long.class).single();
    }

    /** Logs a request in as the person with this e-mail address, as form login would. */
    public RequestPostProcessor as(String email) {
        var person = jdbc.sql("select company_id, id, email from person where email = ?").param(email)
                .query((rs, n) -> new AuthenticatedPerson(rs.getLong(1), rs.getLong(2), rs.getString(3))).single();
        return authentication(UsernamePasswordAuthenticationToken.authenticated(person, null, AuthorityUtils.createAuthorityList("ROLE_USER")));
    }
}

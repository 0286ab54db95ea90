package dev.northstar.organization;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The people a company's dashboards list are kept in memory while its roster is unchanged (V14's version, moved by
 * triggers): every committed change to people, memberships, teams and departments shows in the next read, and a
 * change that rolled back never does, though the transaction that made it saw it.
 */
@SpringBootTest
class RosterVersionTest {

    @Autowired DemoOrganization demo;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired PlatformTransactionManager transactions;

    long companyId;
    List<Long> teams;
    List<Long> people;

    @BeforeEach
    void company() {
        DemoOrganization.Generated built = demo.generate(DemoOrganization.sized("Roster Co " + System.nanoTime(), "roster"
                + System.nanoTime() + ".example", 2, 2, 3, 11L));
        companyId = built.companyId();
        teams = built.teamIds();
        people = built.personIds();
    }

    @Test
    void anUnchangedRosterIsKeptAndEveryCommittedChangeShowsInTheNextRead() {
        List<PersonEntry> first = everyone();
        assertThat(everyone()).as("nothing changed: the same copy").isSameAs(first);
        long person = people.get(0);

        jdbc.sql("update person set display_name = 'Renamed Person' where id = ?").param(person).update();
        assertThat(entry(person).ref().name()).isEqualTo("Renamed Person");

        long otherTeam = teams.stream().filter(t -> !t.equals(entry(person).ref().teamId())).findFirst().orElseThrow();
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Europe/Oslo"));
        jdbc.sql("update membership set valid_to = ? where person_id = ? and valid_to is null").params(today, person).update();
        jdbc.sql("insert into membership (company_id, person_id, team_id, valid_from) values (?, ?, ?, ?)")
                .params(companyId, person, otherTeam, today).update();
        assertThat(ids(activeIn(new Scope.Team(otherTeam)))).as("moved today").contains(person);

        jdbc.sql("update team set department_id = (select id from department where company_id = ? and id <> team.department_id limit 1) where id = ?")
                .params(companyId, otherTeam).update();
        long department = jdbc.sql("select department_id from team where id = ?").param(otherTeam).query(Long.class).single();
        assertThat(ids(activeIn(new Scope.Department(department)))).as("the team moved department").contains(person);

        jdbc.sql("update person set active = false where id = ?").param(person).update();
        assertThat(ids(activeIn(Scope.COMPANY))).as("left").doesNotContain(person);
        assertThat(entry(person).active()).isFalse();
    }

    @Test
    void aChangeThatRolledBackIsNeverKept() {
        everyone();
        long first = people.get(0);
        long second = people.get(1);
        String firstName = entry(first).ref().name();

        TransactionTemplate writing = new TransactionTemplate(transactions);
        writing.executeWithoutResult(status -> {
            jdbc.sql("update person set display_name = 'Never Was' where id = ?").param(first).update();
            assertThat(find(directory.everyone(companyId), first).ref().name()).as("its own change, in the transaction").isEqualTo("Never Was");
            status.setRollbackOnly();
        });
        assertThat(entry(first).ref().name()).isEqualTo(firstName);

        // The next committed change takes the version the rolled-back one had taken: its copy must not be that one's.
        jdbc.sql("update person set display_name = 'Committed Name' where id = ?").param(second).update();
        assertThat(entry(second).ref().name()).isEqualTo("Committed Name");
        assertThat(entry(first).ref().name()).isEqualTo(firstName);
    }

    @Test
    void aLongChangeHoldsNoOtherChangeOfTheCompanyUpAndEachMovesTheVersionAtCommit() {
        long before = version();
        List<Long> after = new ArrayList<>();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.sql("update person set display_name = display_name || '.' where id = ?").param(people.get(0)).update();
            // Meanwhile another change of the same company commits without waiting (it would, on a lock taken before
            // commit, and fail after lock_timeout; in this one thread it could never go on otherwise).
            TransactionTemplate beside = new TransactionTemplate(transactions);
            beside.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
            beside.executeWithoutResult(inner -> {
                jdbc.sql("set local lock_timeout = '2s'").update();
                jdbc.sql("update person set display_name = display_name || '!' where id = ?").param(people.get(1)).update();
            });
            after.add(version());
        });
        after.add(version());
        assertThat(after.get(0)).as("the change beside, committed").isGreaterThan(before);
        assertThat(after.get(1)).as("the long change, at its commit").isGreaterThan(after.get(0));

        jdbc.sql("update team set name = name || '.' where id = ?").param(teams.get(0)).update();
        assertThat(version()).as("a team's name is not in the list").isEqualTo(after.get(1));
        everyone();
        assertThat(version()).as("reading moves nothing").isEqualTo(after.get(1));
    }

    @Test
    void aDeletedMembershipLeavesThePersonWithoutTeam() {
        long person = people.get(2);
        long team = entry(person).ref().teamId();
        assertThat(ids(activeIn(new Scope.Team(team)))).contains(person);
        jdbc.sql("delete from membership where person_id = ?").param(person).update();
        assertThat(entry(person).ref().teamId()).isNull();
        assertThat(ids(activeIn(new Scope.Team(team)))).doesNotContain(person);
    }

    private long version() {
        return jdbc.sql("select version from roster_version where company_id = ?").param(companyId).query(Long.class).single();
    }

    private List<PersonEntry> everyone() {
        return readOnly().execute(status -> directory.everyone(companyId));
    }

    private List<PersonEntry> activeIn(Scope scope) {
        return readOnly().execute(status -> directory.activeIn(companyId, scope));
    }

    private TransactionTemplate readOnly() {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setReadOnly(true);
        return template;
    }

    private PersonEntry entry(long person) {
        return find(everyone(), person);
    }

    private static PersonEntry find(List<PersonEntry> people, long person) {
        Optional<PersonEntry> found = people.stream().filter(p -> p.ref().id() == person).findFirst();
        return found.orElseThrow(() -> new AssertionError("person " + person + " not listed"));
    }

    private static List<Long> ids(List<PersonEntry> people) {
        return people.stream().map(p -> p.ref().id()).toList();
    }
}

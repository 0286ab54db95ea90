package dev.northstar.organization.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.ReadOnce;
import dev.northstar.shared.Scope;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Tells the access module who manages, leads and belongs to what (see {@link OrganizationDirectory}). */
@Component
@Transactional(readOnly = true)
class AccessDirectory implements OrganizationDirectory {

    private final JdbcClient jdbc;
    private final OrganizationRepository organization;
    private final Rosters rosters = new Rosters();

    AccessDirectory(JdbcClient jdbc, OrganizationRepository organization) {
        this.jdbc = jdbc;
        this.organization = organization;
    }

    @Override
    public Optional<Login> loginByEmail(String email) {
        return jdbc.sql("select company_id, id, email, password_hash, active from person where lower(email) = lower(?)")
                .param(email)
                .query((rs, n) -> new Login(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getBoolean(5)))
                .optional();
    }

    /** The viewer, if the person exists in the company and is active: one query, since every request asks it. */
    @Override
    public Optional<Viewer> viewer(long companyId, long personId) {
        LocalDate today;
        try {
            today = organization.today(companyId);
        } catch (NotFoundException noSuchCompany) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select p.display_name, p.email,
                               exists (select 1 from company_admin a where a.company_id = p.company_id and a.person_id = p.id),
                               array(select m.department_id from department_manager m join department d
                                     on d.company_id = m.company_id and d.id = m.department_id
                                     where m.company_id = p.company_id and m.person_id = p.id and d.archived_at is null),
                               array(select l.team_id from team_lead l join team t on t.company_id = l.company_id and t.id = l.team_id
                                     where l.company_id = p.company_id and l.person_id = p.id and t.archived_at is null),
                               (select m.team_id from membership m where m.company_id = p.company_id and m.person_id = p.id
                                and m.valid_from <= ? and (m.valid_to is null or m.valid_to > ?))
                        from person p where p.company_id = ? and p.id = ? and p.active""")
                .params(today, today, companyId, personId)
                .query((rs, n) -> new Viewer(companyId, personId, rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        ids(rs.getArray(4)), ids(rs.getArray(5)), (Long) rs.getObject(6)))
                .optional();
    }

    @Override
    public List<Viewer> admins(long companyId) {
        return jdbc.sql("""
                        select p.id from company_admin a join person p on p.company_id = a.company_id and p.id = a.person_id
                        where a.company_id = ? and p.active order by p.id""")
                .param(companyId).query(Long.class).list()
                .stream().flatMap(id -> viewer(companyId, id).stream()).toList();
    }

    private static Set<Long> ids(Array array) throws SQLException {
        return new HashSet<>(Arrays.asList((Long[]) array.getArray()));
    }

    @Override
    public Optional<DepartmentRef> department(long companyId, long departmentId) {
        // The policy asks for each department a page shows (a company page's every row): a company has tens of them,
        // read together once per read-only transaction.
        Map<Long, DepartmentRef> departments = ReadOnce.in(List.of("departments", companyId), () -> {
            Map<Long, DepartmentRef> all = new HashMap<>();
            jdbc.sql("select id, name from department where company_id = ?").param(companyId)
                    .query(rs -> {
                        all.put(rs.getLong(1), new DepartmentRef(rs.getLong(1), rs.getString(2)));
                    });
            return Map.copyOf(all);
        });
        return Optional.ofNullable(departments.get(departmentId));
    }

    @Override
    public Optional<TeamRef> team(long companyId, long teamId) {
        return ReadOnce.in(List.of("team", companyId, teamId), () -> jdbc.sql("""
                        select t.id, t.name, d.id, d.name from team t join department d on d.company_id = t.company_id and d.id = t.department_id
                        where t.company_id = ? and t.id = ?""")
                .params(companyId, teamId)
                .query((rs, n) -> new TeamRef(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).optional());
    }

    /** Everyone with today's team; in a read-only transaction, a copy kept while the roster is unchanged ({@link Rosters}). */
    @Override
    public List<PersonEntry> everyone(long companyId) {
        LocalDate today = organization.today(companyId);
        return rosters.everyone(companyId, today, () -> jdbc.sql(ROSTER_VERSION).param(companyId).query(Long.class).single(), () -> {
            List<PersonEntry> people = new ArrayList<>();
            long[] version = {0};
            // The version in the same statement as the people: both from one snapshot, whatever the isolation level.
            jdbc.sql("""
                            select p.id, p.display_name, t.id, t.department_id, p.email, p.active, (%s) from person p
                            left join membership m on m.company_id = p.company_id and m.person_id = p.id
                                 and m.valid_from <= ? and (m.valid_to is null or m.valid_to > ?)
                            left join team t on t.company_id = m.company_id and t.id = m.team_id
                            where p.company_id = ?""".formatted(ROSTER_VERSION))
                    .params(companyId, today, today, companyId)
                    .query(rs -> {
                        people.add(new PersonEntry(new PersonRef(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4)),
                                rs.getString(5), rs.getBoolean(6)));
                        version[0] = rs.getLong(7);
                    });
            return new Rosters.Read(version[0], people);
        });
    }

    private static final String ROSTER_VERSION = "select coalesce(max(version), 0) from roster_version where company_id = ?";

    /** The active people whose team today is in the scope, read from {@link #everyone}. */
    @Override
    public List<PersonEntry> activeIn(long companyId, Scope scope) {
        Predicate<PersonRef> inScope;
        if (scope instanceof Scope.Team team) {
            inScope = p -> p.teamId() != null && p.teamId() == team.id();
        } else if (scope instanceof Scope.Department department) {
            inScope = p -> p.departmentId() != null && p.departmentId() == department.id();
        } else if (scope instanceof Scope.Person person) {
            inScope = p -> p.id() == person.id();
        } else {
            inScope = p -> true;
        }
        return everyone(companyId).stream().filter(p -> p.active() && inScope.test(p.ref())).toList();
    }

    @Override
    public Optional<PersonRef> personByEmail(long companyId, String email) {
        return jdbc.sql("select id from person where company_id = ? and lower(email) = lower(?)").params(companyId, email)
                .query(Long.class).optional().flatMap(id -> person(companyId, id));
    }

    @Override
    public Optional<PersonRef> person(long companyId, long personId) {
        var today = organization.today(companyId);
        return ReadOnce.in(List.of("person", companyId, personId), () -> jdbc.sql("""
                        select p.id, p.display_name, t.id, t.department_id from person p
                        left join membership m on m.company_id = p.company_id and m.person_id = p.id
                             and m.valid_from <= ? and (m.valid_to is null or m.valid_to > ?)
                        left join team t on t.company_id = m.company_id and t.id = m.team_id
                        where p.company_id = ? and p.id = ?""")
                .params(today, today, companyId, personId)
                .query((rs, n) -> new PersonRef(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), (Long) rs.getObject(4)))
                .optional());
    }
}

package dev.northstar.organization.internal;

import dev.northstar.organization.Company;
import dev.northstar.organization.CompanySettings;
import dev.northstar.organization.Department;
import dev.northstar.organization.Membership;
import dev.northstar.organization.MembershipChanged;
import dev.northstar.organization.Person;
import dev.northstar.organization.PersonName;
import dev.northstar.organization.RoleHolders;
import dev.northstar.organization.Team;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.ReadOnce;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The organization's rows and the rules that keep them consistent (one team at a time, no deleting what
 * has history). No access checks here: callers are the access-checked service and the demo generator.
 * Every statement is scoped by company id.
 */
@Repository
@Transactional
public class OrganizationRepository {

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate alone;

    OrganizationRepository(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
        this.alone = new TransactionTemplate(transactions);
        this.alone.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.jdbc = jdbc;
        this.clock = clock;
        this.events = events;
    }

    // ---- company -----------------------------------------------------------------------------------

    public long createCompany(CompanySettings settings) {
        return jdbc.sql("""
                        insert into company (name, time_zone, currency, fiscal_year_start_month, week_start_day)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(settings.name(), settings.timeZone(), settings.currency(), settings.fiscalYearStartMonth(),
                        settings.weekStartDay())
                .query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public List<Long> companyIds() {
        return jdbc.sql("select id from company order by id").query(Long.class).list();
    }

    public Company company(long companyId) {
        return ReadOnce.in(List.of("company", companyId), () -> jdbc
                .sql("select id, name, time_zone, currency, fiscal_year_start_month, week_start_day from company where id = ?")
                .param(companyId)
                .query((rs, n) -> new Company(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4).strip(),
                        rs.getInt(5), rs.getInt(6)))
                .optional().orElseThrow(() -> new NotFoundException("Company", companyId)));
    }

    @Transactional(readOnly = true)
    public boolean personWithEmailExists(String email) {
        return jdbc.sql("select exists (select 1 from person where lower(email) = lower(?))").param(email).query(Boolean.class).single();
    }

    public void updateCompany(long companyId, CompanySettings settings) {
        jdbc.sql("""
                        update company set name = ?, time_zone = ?, currency = ?, fiscal_year_start_month = ?, week_start_day = ?
                        where id = ?""")
                .params(settings.name(), settings.timeZone(), settings.currency(), settings.fiscalYearStartMonth(),
                        settings.weekStartDay(), companyId)
                .update();
    }

    /** Today in the company's time zone: the day that decides which membership is current. */
    @Transactional(readOnly = true)
    public LocalDate today(long companyId) {
        return LocalDate.now(clock.withZone(ZoneId.of(company(companyId).timeZone())));
    }

    // ---- departments -------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Department> departments(long companyId) {
        return departments(companyId, null);
    }

    @Transactional(readOnly = true)
    public Department department(long companyId, long departmentId) {
        return departments(companyId, departmentId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Department", departmentId));
    }

    /** All departments of the company, or just one when {@code only} is given. */
    private List<Department> departments(long companyId, Long only) {
        Map<Long, List<PersonName>> managers = new LinkedHashMap<>();
        jdbc.sql("""
                        select m.department_id, p.id, p.display_name from department_manager m
                        join person p on p.company_id = m.company_id and p.id = m.person_id
                        where m.company_id = :company and (cast(:only as bigint) is null or m.department_id = :only)
                        order by p.display_name""")
                .param("company", companyId).param("only", only)
                .query((ResultSet rs) -> {
                    managers.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PersonName(rs.getLong(2), rs.getString(3)));
                });
        return jdbc.sql("""
                        select id, name, archived_at is not null from department
                        where company_id = :company and (cast(:only as bigint) is null or id = :only)
                        order by archived_at nulls first, lower(name)""")
                .param("company", companyId).param("only", only)
                .query((rs, n) -> new Department(rs.getLong(1), rs.getString(2), rs.getBoolean(3),
                        managers.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    public long createDepartment(long companyId, String name) {
        String clean = requireName(name);
        return unique(() -> jdbc.sql("insert into department (company_id, name) values (?, ?) returning id")
                .params(companyId, clean).query(Long.class).single(), "a department named '" + clean + "' already exists");
    }

    public void renameDepartment(long companyId, long departmentId, String name) {
        department(companyId, departmentId);
        String clean = requireName(name);
        unique(() -> jdbc.sql("update department set name = ? where company_id = ? and id = ?")
                .params(clean, companyId, departmentId).update(), "a department named '" + clean + "' already exists");
    }

    public void archiveDepartment(long companyId, long departmentId, boolean archived) {
        Department department = department(companyId, departmentId);
        if (archived) {
            long activeTeams = count("select count(*) from team where company_id = ? and department_id = ? and archived_at is null",
                    companyId, departmentId);
            if (activeTeams > 0) {
                throw new ConflictException("The %s department still has %d active team(s): archive them or move them to another department first."
                        .formatted(department.name(), activeTeams));
            }
        }
        unique(() -> jdbc.sql("update department set archived_at = ? where company_id = ? and id = ?")
                .params(archived ? OffsetDateTime.now(clock) : null, companyId, departmentId).update(),
                "an active department named '" + department.name() + "' already exists");
    }

    public void deleteDepartment(long companyId, long departmentId) {
        Department department = department(companyId, departmentId);
        long teams = count("select count(*) from team where company_id = ? and department_id = ?", companyId, departmentId);
        if (teams > 0) {
            throw new ConflictException(("The %s department has %d team(s), so deleting it would lose their history. "
                    + "Move or delete its teams first, or archive the department instead: an archived department keeps its history.")
                    .formatted(department.name(), teams));
        }
        jdbc.sql("delete from department_manager where company_id = ? and department_id = ?").params(companyId, departmentId).update();
        jdbc.sql("delete from department where company_id = ? and id = ?").params(companyId, departmentId).update();
    }

    // ---- teams -------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<Team> teams(long companyId) {
        return teams(companyId, null);
    }

    @Transactional(readOnly = true)
    public Team team(long companyId, long teamId) {
        return teams(companyId, teamId).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("Team", teamId));
    }

    /** All teams of the company with today's member counts, or just one when {@code only} is given. */
    private List<Team> teams(long companyId, Long only) {
        LocalDate today = today(companyId);
        Map<Long, List<PersonName>> leads = new LinkedHashMap<>();
        jdbc.sql("""
                        select l.team_id, p.id, p.display_name from team_lead l
                        join person p on p.company_id = l.company_id and p.id = l.person_id
                        where l.company_id = :company and (cast(:only as bigint) is null or l.team_id = :only)
                        order by p.display_name""")
                .param("company", companyId).param("only", only)
                .query((ResultSet rs) -> {
                    leads.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new PersonName(rs.getLong(2), rs.getString(3)));
                });
        return jdbc.sql("""
                        select t.id, t.name, d.id, d.name, t.archived_at is not null,
                               (select count(*) from membership m where m.company_id = t.company_id and m.team_id = t.id
                                  and m.valid_from <= :today and (m.valid_to is null or m.valid_to > :today))
                        from team t join department d on d.company_id = t.company_id and d.id = t.department_id
                        where t.company_id = :company and (cast(:only as bigint) is null or t.id = :only)
                        order by t.archived_at nulls first, lower(d.name), lower(t.name)""")
                .param("today", today).param("company", companyId).param("only", only)
                .query((rs, n) -> new Team(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5),
                        rs.getInt(6), leads.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    public long createTeam(long companyId, long departmentId, String name) {
        Department department = department(companyId, departmentId);
        if (department.archived()) {
            throw new ConflictException("The " + department.name() + " department is archived: restore it before adding teams.");
        }
        String clean = requireName(name);
        return unique(() -> jdbc.sql("insert into team (company_id, department_id, name) values (?, ?, ?) returning id")
                        .params(companyId, departmentId, clean).query(Long.class).single(),
                "the " + department.name() + " department already has a team named '" + clean + "'");
    }

    public void renameTeam(long companyId, long teamId, String name) {
        Team team = team(companyId, teamId);
        String clean = requireName(name);
        unique(() -> jdbc.sql("update team set name = ? where company_id = ? and id = ?").params(clean, companyId, teamId).update(),
                "the " + team.departmentName() + " department already has a team named '" + clean + "'");
    }

    public void moveTeam(long companyId, long teamId, long departmentId) {
        Team team = team(companyId, teamId);
        Department target = department(companyId, departmentId);
        if (target.archived()) {
            throw new ConflictException("The " + target.name() + " department is archived: restore it before moving teams into it.");
        }
        unique(() -> jdbc.sql("update team set department_id = ? where company_id = ? and id = ?")
                        .params(departmentId, companyId, teamId).update(),
                "the " + target.name() + " department already has a team named '" + team.name() + "'");
    }

    public void archiveTeam(long companyId, long teamId, boolean archived) {
        Team team = team(companyId, teamId);
        long currentOrFuture = count("select count(*) from membership where company_id = ? and team_id = ? and (valid_to is null or valid_to > ?)",
                companyId, teamId, today(companyId));
        if (archived && currentOrFuture > 0) {
            throw new ConflictException("The %s team has %d member(s) today or joining later: move them to other teams first, then archive it."
                    .formatted(team.name(), currentOrFuture));
        }
        if (!archived && department(companyId, team.departmentId()).archived()) {
            throw new ConflictException("The " + team.departmentName() + " department is archived: restore it first.");
        }
        unique(() -> jdbc.sql("update team set archived_at = ? where company_id = ? and id = ?")
                        .params(archived ? OffsetDateTime.now(clock) : null, companyId, teamId).update(),
                "an active team named '" + team.name() + "' already exists in " + team.departmentName());
    }

    public void deleteTeam(long companyId, long teamId) {
        Team team = team(companyId, teamId);
        long memberships = count("select count(*) from membership where company_id = ? and team_id = ?", companyId, teamId);
        if (memberships > 0) {
            throw new ConflictException(("The %s team has members or membership history (%d membership(s)), and deleting it would lose "
                    + "what they did in it. Archive it instead (move its members first): an archived team keeps its history.")
                    .formatted(team.name(), memberships));
        }
        jdbc.sql("delete from team_lead where company_id = ? and team_id = ?").params(companyId, teamId).update();
        jdbc.sql("delete from team where company_id = ? and id = ?").params(companyId, teamId).update();
    }

    // ---- people ------------------------------------------------------------------------------------

    private static final String PEOPLE = """
            select p.id, p.email, p.display_name, p.active, a.person_id is not null as admin,
                   t.id as team_id, t.name as team_name, d.id as department_id, d.name as department_name
            from person p
            left join company_admin a on a.company_id = p.company_id and a.person_id = p.id
            left join membership m on m.company_id = p.company_id and m.person_id = p.id
                 and m.valid_from <= :today and (m.valid_to is null or m.valid_to > :today)
            left join team t on t.company_id = m.company_id and t.id = m.team_id
            left join department d on d.company_id = t.company_id and d.id = t.department_id
            where p.company_id = :company""";

    @Transactional(readOnly = true)
    public List<Person> people(long companyId) {
        return jdbc.sql(PEOPLE + " order by lower(p.display_name), p.id")
                .param("today", today(companyId)).param("company", companyId)
                .query(OrganizationRepository::person).list();
    }

    @Transactional(readOnly = true)
    public Person person(long companyId, long personId) {
        return jdbc.sql(PEOPLE + " and p.id = :person")
                .param("today", today(companyId)).param("company", companyId).param("person", personId)
                .query(OrganizationRepository::person).optional()
                .orElseThrow(() -> new NotFoundException("Person", personId));
    }

    public long createPerson(long companyId, String email, String displayName, String passwordHash) {
        String cleanEmail = requireEmail(email);
        String cleanName = requireName(displayName);
        return unique(() -> jdbc.sql("insert into person (company_id, email, display_name, password_hash) values (?, ?, ?, ?) returning id")
                .params(companyId, cleanEmail, cleanName, passwordHash).query(Long.class).single(),
                "someone with the e-mail address " + cleanEmail + " already exists");
    }

    public void updatePerson(long companyId, long personId, String email, String displayName, boolean active) {
        person(companyId, personId);
        String cleanEmail = requireEmail(email);
        String cleanName = requireName(displayName);
        unique(() -> jdbc.sql("update person set email = ?, display_name = ?, active = ? where company_id = ? and id = ?")
                        .params(cleanEmail, cleanName, active, companyId, personId).update(),
                "someone with the e-mail address " + cleanEmail + " already exists");
    }

    public void setPasswordHash(long companyId, long personId, String passwordHash) {
        jdbc.sql("update person set password_hash = ? where company_id = ? and id = ?").params(passwordHash, companyId, personId).update();
    }

    // ---- memberships -------------------------------------------------------------------------------

    private static final String MEMBERSHIPS = """
            select m.id, m.person_id, p.display_name, m.team_id, t.name, m.valid_from, m.valid_to
            from membership m
            join person p on p.company_id = m.company_id and p.id = m.person_id
            join team t on t.company_id = m.company_id and t.id = m.team_id
            where m.company_id = ?""";

    @Transactional(readOnly = true)
    public List<Membership> membershipsOfPerson(long companyId, long personId) {
        return jdbc.sql(MEMBERSHIPS + " and m.person_id = ? order by m.valid_from").params(companyId, personId)
                .query(OrganizationRepository::membership).list();
    }

    @Transactional(readOnly = true)
    public List<Membership> membershipsOfTeam(long companyId, long teamId) {
        return jdbc.sql(MEMBERSHIPS + " and m.team_id = ? order by m.valid_to desc nulls first, m.valid_from desc, lower(p.display_name)")
                .params(companyId, teamId).query(OrganizationRepository::membership).list();
    }

    @Transactional(readOnly = true)
    public Membership membership(long companyId, long membershipId) {
        return jdbc.sql(MEMBERSHIPS + " and m.id = ?").params(companyId, membershipId)
                .query(OrganizationRepository::membership).optional()
                .orElseThrow(() -> new NotFoundException("Membership", membershipId));
    }

    /**
     * Puts a person in a team over [from, to). With no end date this is a move: a membership that is open
     * at {@code from} ends there, so the earlier team keeps what happened before. Any other overlap with the
     * person's history is refused: a person is in at most one team at a time.
     */
    public long addMembership(long companyId, long personId, long teamId, LocalDate from, LocalDate to) {
        if (from == null) throw new InvalidInputException("validFrom", "is required");
        if (to != null && !to.isAfter(from)) throw new InvalidInputException("validTo", "must be after validFrom (" + from + ")");
        // Serializes changes to one person's memberships.
        jdbc.sql("select id from person where company_id = ? and id = ? for update").params(companyId, personId).query(Long.class)
                .optional().orElseThrow(() -> new NotFoundException("Person", personId));
        Team team = team(companyId, teamId);
        if (team.archived()) {
            throw new ConflictException("The " + team.name() + " team is archived: restore it before adding members.");
        }
        List<Membership> history = membershipsOfPerson(companyId, personId);
        Optional<Membership> open = history.stream().filter(m -> m.validTo() == null).findFirst();
        if (to == null && open.isPresent() && !open.get().validFrom().isAfter(from)) {
            if (open.get().teamId() == teamId) {
                throw new ConflictException(open.get().personName() + " is already in the " + team.name() + " team since " + open.get().validFrom() + ".");
            }
            if (open.get().validFrom().equals(from)) {
                // A move dated the day the current membership began corrects that membership rather than ending it empty.
                jdbc.sql("update membership set team_id = ? where company_id = ? and id = ?").params(teamId, companyId, open.get().id()).update();
                events.publishEvent(new MembershipChanged(companyId, personId, from));
                return open.get().id();
            }
            jdbc.sql("update membership set valid_to = ? where company_id = ? and id = ?").params(from, companyId, open.get().id()).update();
            history = membershipsOfPerson(companyId, personId);
        }
        for (Membership existing : history) {
            boolean overlaps = (existing.validTo() == null || existing.validTo().isAfter(from)) && (to == null || to.isAfter(existing.validFrom()));
            if (overlaps) {
                throw new ConflictException("This overlaps %s's membership of the %s team from %s%s: a person is in at most one team at a time. Change or end that membership first."
                        .formatted(existing.personName(), existing.teamName(), existing.validFrom(),
                                existing.validTo() == null ? " on" : " to " + existing.validTo()));
            }
        }
        try {
            long id = jdbc.sql("insert into membership (company_id, person_id, team_id, valid_from, valid_to) values (?, ?, ?, ?, ?) returning id")
                    .params(companyId, personId, teamId, from, to).query(Long.class).single();
            // A move also ended the open membership at {@code from}: nothing changes before that day.
            events.publishEvent(new MembershipChanged(companyId, personId, from));
            return id;
        } catch (DataIntegrityViolationException e) {
            throw new ConflictException("This overlaps another membership of the same person: a person is in at most one team at a time.");
        }
    }

    /** Ends a membership at {@code to} (exclusive); the history before it stays. */
    public void endMembership(long companyId, long membershipId, LocalDate to) {
        Membership membership = membership(companyId, membershipId);
        if (to == null) throw new InvalidInputException("validTo", "is required");
        if (!to.isAfter(membership.validFrom())) {
            throw new InvalidInputException("validTo", "must be after the membership's start (" + membership.validFrom() + ")");
        }
        if (membership.validTo() != null && to.isAfter(membership.validTo())) {
            throw new InvalidInputException("validTo", "can only shorten the membership, which ends " + membership.validTo());
        }
        jdbc.sql("update membership set valid_to = ? where company_id = ? and id = ?").params(to, companyId, membershipId).update();
        events.publishEvent(new MembershipChanged(companyId, membership.personId(), to));
    }

    // ---- roles -------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public RoleHolders roleHolders(long companyId) {
        var admins = jdbc.sql("""
                        select p.id, p.display_name from company_admin a join person p on p.company_id = a.company_id and p.id = a.person_id
                        where a.company_id = ? order by lower(p.display_name)""")
                .param(companyId).query((rs, n) -> new PersonName(rs.getLong(1), rs.getString(2))).list();
        var managers = jdbc.sql("""
                        select d.id, d.name, p.id, p.display_name from department_manager m
                        join department d on d.company_id = m.company_id and d.id = m.department_id
                        join person p on p.company_id = m.company_id and p.id = m.person_id
                        where m.company_id = ? order by lower(d.name), lower(p.display_name)""")
                .param(companyId).query((rs, n) -> new RoleHolders.DepartmentManager(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
        var leads = jdbc.sql("""
                        select t.id, t.name, d.name, p.id, p.display_name from team_lead l
                        join team t on t.company_id = l.company_id and t.id = l.team_id
                        join department d on d.company_id = t.company_id and d.id = t.department_id
                        join person p on p.company_id = l.company_id and p.id = l.person_id
                        where l.company_id = ? order by lower(d.name), lower(t.name), lower(p.display_name)""")
                .param(companyId).query((rs, n) -> new RoleHolders.TeamLead(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5))).list();
        return new RoleHolders(admins, managers, leads);
    }

    public void setAdmin(long companyId, long personId, boolean admin) {
        person(companyId, personId);
        if (admin) {
            jdbc.sql("insert into company_admin (company_id, person_id) values (?, ?) on conflict do nothing").params(companyId, personId).update();
            return;
        }
        if (count("select count(*) from company_admin where company_id = ? and person_id <> ?", companyId, personId) == 0) {
            throw new ConflictException("This is the company's last admin: make someone else an admin first.");
        }
        jdbc.sql("delete from company_admin where company_id = ? and person_id = ?").params(companyId, personId).update();
    }

    public void setDepartmentManager(long companyId, long departmentId, long personId, boolean manager) {
        department(companyId, departmentId);
        person(companyId, personId);
        jdbc.sql(manager
                        ? "insert into department_manager (company_id, department_id, person_id) values (?, ?, ?) on conflict do nothing"
                        : "delete from department_manager where company_id = ? and department_id = ? and person_id = ?")
                .params(companyId, departmentId, personId).update();
    }

    public void setTeamLead(long companyId, long teamId, long personId, boolean lead) {
        team(companyId, teamId);
        person(companyId, personId);
        jdbc.sql(lead
                        ? "insert into team_lead (company_id, team_id, person_id) values (?, ?, ?) on conflict do nothing"
                        : "delete from team_lead where company_id = ? and team_id = ? and person_id = ?")
                .params(companyId, teamId, personId).update();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static <T> T unique(java.util.function.Supplier<T> write, String conflict) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw new ConflictException(Character.toUpperCase(conflict.charAt(0)) + conflict.substring(1) + ".");
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank()) throw new InvalidInputException("name", "must not be empty");
        if (name.strip().length() > 200) throw new InvalidInputException("name", "must be at most 200 characters");
        return name.strip();
    }

    private static String requireEmail(String email) {
        if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new InvalidInputException("email", "must be an e-mail address, not '" + email + "'");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Person person(ResultSet rs, int row) throws SQLException {
        return new Person(rs.getLong("id"), rs.getString("email"), rs.getString("display_name"), rs.getBoolean("active"),
                rs.getBoolean("admin"), (Long) rs.getObject("team_id"), rs.getString("team_name"),
                (Long) rs.getObject("department_id"), rs.getString("department_name"));
    }

    private static Membership membership(ResultSet rs, int row) throws SQLException {
        return new Membership(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class));
    }

    /**
     * Refreshes the planner's statistics of the organization's tables. Called after bulk changes (an import, a
     * generated company): until autovacuum's next round the planner takes a new organization of thousands for a few
     * rows, and lists everyone's team with a nested loop over all memberships (2.5 s for 5,000 people instead of 5 ms).
     * After the caller's transaction commits, in a transaction of its own: ANALYZE holds its lock on the tables until
     * its transaction ends, and the caller's may go on for a while (a generated company's demo history).
     */
    public void refreshStatistics() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            analyze();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                alone.executeWithoutResult(status -> analyze());
            }
        });
    }

    private void analyze() {
        jdbc.sql("analyze person, membership, team, department").update();
    }
}

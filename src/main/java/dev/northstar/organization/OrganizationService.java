package dev.northstar.organization;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory.DepartmentRef;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.OrganizationDirectory.TeamRef;
import dev.northstar.access.Viewer;
import dev.northstar.organization.internal.OrganizationRepository;
import dev.northstar.shared.InvalidInputException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;

/**
 * The organization as the pages and the API see it. Every method asks the {@link AccessPolicy} first:
 * reads are limited to what the viewer may see, changes are for company admins.
 */
@Service
@Transactional
public class OrganizationService {

    private final OrganizationRepository organization;
    private final AccessPolicy policy;
    private final PasswordEncoder passwords;

    OrganizationService(OrganizationRepository organization, AccessPolicy policy, PasswordEncoder passwords) {
        this.organization = organization;
        this.policy = policy;
        this.passwords = passwords;
    }

    // ---- company -----------------------------------------------------------------------------------

    public Company company(Viewer viewer) {
        policy.company(viewer, Action.VIEW).orRefuse();
        return organization.company(viewer.companyId());
    }

    public Company updateCompany(Viewer viewer, CompanySettings settings) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        organization.updateCompany(viewer.companyId(), settings);
        return organization.company(viewer.companyId());
    }

    /** Every company, for work done for each in the background (the weekly digest); their settings, nobody's data. */
    /** The company's time zone, for work done on its behalf outside a request (a connector's schedule). */
    public java.time.ZoneId timeZone(long companyId) {
        return java.time.ZoneId.of(organization.company(companyId).timeZone());
    }

    public List<Company> companies() {
        return organization.companyIds().stream().map(organization::company).toList();
    }

    public LocalDate today(Viewer viewer) {
        return organization.today(viewer.companyId());
    }

    /** After a bulk change to the organization (an import): see {@link OrganizationRepository#refreshStatistics}. */
    public void refreshStatistics() {
        organization.refreshStatistics();
    }

    // ---- departments -------------------------------------------------------------------------------

    /** The departments the viewer may see: all for admins, the managed ones for managers. */
    public List<Department> departments(Viewer viewer) {
        return organization.departments(viewer.companyId()).stream()
                .filter(d -> policy.department(viewer, new DepartmentRef(d.id(), d.name()), Action.VIEW).allowed()).toList();
    }

    public Department department(Viewer viewer, long departmentId) {
        policy.department(viewer, departmentId, Action.VIEW).orRefuse();
        return organization.department(viewer.companyId(), departmentId);
    }

    public Department createDepartment(Viewer viewer, String name) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        return organization.department(viewer.companyId(), organization.createDepartment(viewer.companyId(), name));
    }

    public Department renameDepartment(Viewer viewer, long departmentId, String name) {
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        organization.renameDepartment(viewer.companyId(), departmentId, name);
        return organization.department(viewer.companyId(), departmentId);
    }

    public Department archiveDepartment(Viewer viewer, long departmentId, boolean archived) {
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        organization.archiveDepartment(viewer.companyId(), departmentId, archived);
        return organization.department(viewer.companyId(), departmentId);
    }

    /** Renames and/or archives (or restores) in one transaction: all of it happens, or none. Null means unchanged. */
    public Department changeDepartment(Viewer viewer, long departmentId, String name, Boolean archived) {
        Department department = department(viewer, departmentId);
        if (name != null) {
            department = renameDepartment(viewer, departmentId, name);
        }
        if (archived != null) {
            department = archiveDepartment(viewer, departmentId, archived);
        }
        return department;
    }

    public void deleteDepartment(Viewer viewer, long departmentId) {
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        organization.deleteDepartment(viewer.companyId(), departmentId);
    }

    public Department setDepartmentManager(Viewer viewer, long departmentId, long personId, boolean manager) {
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        organization.setDepartmentManager(viewer.companyId(), departmentId, personId, manager);
        return organization.department(viewer.companyId(), departmentId);
    }

    // ---- teams -------------------------------------------------------------------------------------

    /** The teams the viewer may see. */
    public List<Team> teams(Viewer viewer) {
        return organization.teams(viewer.companyId()).stream().filter(t -> seesTeam(viewer, t)).toList();
    }

    public Team team(Viewer viewer, long teamId) {
        policy.team(viewer, teamId, Action.VIEW).orRefuse();
        return organization.team(viewer.companyId(), teamId);
    }

    public Team createTeam(Viewer viewer, long departmentId, String name) {
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        return organization.team(viewer.companyId(), organization.createTeam(viewer.companyId(), departmentId, name));
    }

    public Team renameTeam(Viewer viewer, long teamId, String name) {
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        organization.renameTeam(viewer.companyId(), teamId, name);
        return organization.team(viewer.companyId(), teamId);
    }

    public Team moveTeam(Viewer viewer, long teamId, long departmentId) {
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        policy.department(viewer, departmentId, Action.CONFIGURE).orRefuse();
        organization.moveTeam(viewer.companyId(), teamId, departmentId);
        return organization.team(viewer.companyId(), teamId);
    }

    public Team archiveTeam(Viewer viewer, long teamId, boolean archived) {
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        organization.archiveTeam(viewer.companyId(), teamId, archived);
        return organization.team(viewer.companyId(), teamId);
    }

    /** Renames, moves and/or archives (or restores) in one transaction: all of it happens, or none. Null means unchanged. */
    public Team changeTeam(Viewer viewer, long teamId, String name, Long departmentId, Boolean archived) {
        Team team = team(viewer, teamId);
        if (name != null) {
            team = renameTeam(viewer, teamId, name);
        }
        if (departmentId != null && departmentId != team.departmentId()) {
            team = moveTeam(viewer, teamId, departmentId);
        }
        if (archived != null) {
            team = archiveTeam(viewer, teamId, archived);
        }
        return team;
    }

    public void deleteTeam(Viewer viewer, long teamId) {
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        organization.deleteTeam(viewer.companyId(), teamId);
    }

    public Team setTeamLead(Viewer viewer, long teamId, long personId, boolean lead) {
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        organization.setTeamLead(viewer.companyId(), teamId, personId, lead);
        return organization.team(viewer.companyId(), teamId);
    }

    // ---- people ------------------------------------------------------------------------------------

    /** The people the viewer may see: themselves, and everyone in the teams and departments in their scope. */
    public List<Person> people(Viewer viewer) {
        return organization.people(viewer.companyId()).stream()
                .filter(p -> policy.person(viewer, new PersonRef(p.id(), p.displayName(), p.teamId(), p.departmentId()), Action.VIEW).allowed())
                .toList();
    }

    public Person person(Viewer viewer, long personId) {
        policy.person(viewer, personId, Action.VIEW).orRefuse();
        return organization.person(viewer.companyId(), personId);
    }

    /** Creates a person, optionally with an initial password and a team from a date. */
    public Person createPerson(Viewer viewer, String email, String displayName, String password, Long teamId, LocalDate from) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        long id = organization.createPerson(viewer.companyId(), email, displayName, encode(password));
        if (teamId != null) {
            organization.addMembership(viewer.companyId(), id, teamId, from != null ? from : organization.today(viewer.companyId()), null);
        }
        return organization.person(viewer.companyId(), id);
    }

    /**
     * Whether anyone in the installation has this e-mail address (case-insensitive), in this company or another: the
     * address is the login, so it is unique across companies. For admins, to say why a person cannot be created.
     */
    public boolean emailInUse(Viewer viewer, String email) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        return organization.personWithEmailExists(email);
    }

    public Person updatePerson(Viewer viewer, long personId, String email, String displayName, Boolean active, String password) {
        policy.person(viewer, personId, Action.CONFIGURE).orRefuse();
        Person current = organization.person(viewer.companyId(), personId);
        if (Boolean.FALSE.equals(active) && personId == viewer.personId()) {
            throw new InvalidInputException("active", "cannot be turned off for yourself: another admin must deactivate you");
        }
        organization.updatePerson(viewer.companyId(), personId, email != null ? email : current.email(),
                displayName != null ? displayName : current.displayName(), active != null ? active : current.active());
        if (password != null) {
            organization.setPasswordHash(viewer.companyId(), personId, encode(password));
        }
        return organization.person(viewer.companyId(), personId);
    }

    public Person setAdmin(Viewer viewer, long personId, boolean admin) {
        policy.person(viewer, personId, Action.CONFIGURE).orRefuse(); // admins only; another company's person is not found
        organization.setAdmin(viewer.companyId(), personId, admin);
        return organization.person(viewer.companyId(), personId);
    }

    public RoleHolders roleHolders(Viewer viewer) {
        RoleHolders all = organization.roleHolders(viewer.companyId());
        if (viewer.admin()) {
            return all;
        }
        var teams = teams(viewer).stream().map(Team::id).toList();
        var departments = departments(viewer).stream().map(Department::id).toList();
        return new RoleHolders(all.companyAdmins(),
                all.departmentManagers().stream().filter(m -> departments.contains(m.departmentId())).toList(),
                all.teamLeads().stream().filter(l -> teams.contains(l.teamId())).toList());
    }

    // ---- memberships -------------------------------------------------------------------------------

    public List<Membership> membershipsOfPerson(Viewer viewer, long personId) {
        policy.person(viewer, personId, Action.VIEW).orRefuse();
        return organization.membershipsOfPerson(viewer.companyId(), personId);
    }

    public List<Membership> membershipsOfTeam(Viewer viewer, long teamId) {
        policy.team(viewer, teamId, Action.VIEW).orRefuse();
        return organization.membershipsOfTeam(viewer.companyId(), teamId);
    }

    /** Puts a person in a team from a date; an open membership in another team ends that day (a move). */
    public Membership addMembership(Viewer viewer, long personId, long teamId, LocalDate from, LocalDate to) {
        policy.person(viewer, personId, Action.CONFIGURE).orRefuse();
        policy.team(viewer, teamId, Action.CONFIGURE).orRefuse();
        long id = organization.addMembership(viewer.companyId(), personId, teamId, from, to);
        return organization.membership(viewer.companyId(), id);
    }

    public Membership endMembership(Viewer viewer, long membershipId, LocalDate to) {
        Membership membership = organization.membership(viewer.companyId(), membershipId);
        policy.person(viewer, membership.personId(), Action.CONFIGURE).orRefuse();
        organization.endMembership(viewer.companyId(), membershipId, to);
        return organization.membership(viewer.companyId(), membershipId);
    }

    private boolean seesTeam(Viewer viewer, Team team) {
        return policy.team(viewer, new TeamRef(team.id(), team.name(), team.departmentId(), team.departmentName()), Action.VIEW).allowed();
    }

    private String encode(String password) {
        if (password == null) {
            return null;
        }
        if (password.length() < 8) {
            throw new InvalidInputException("password", "must be at least 8 characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw new InvalidInputException("password", "must be at most 72 bytes (bcrypt reads no further)");
        }
        return passwords.encode(password);
    }
}

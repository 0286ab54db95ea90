package dev.northstar.access;

import dev.northstar.access.OrganizationDirectory.DepartmentRef;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.OrganizationDirectory.TeamRef;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;

/**
 * The one place that decides who may see and change what (C2). Every page and API entry point asks it.
 * <ul>
 *   <li>a company admin sees and configures everything in their company;</li>
 *   <li>a department manager sees their departments, their teams and the people in them;</li>
 *   <li>a team lead and a team member see their team and its people;</li>
 *   <li>everyone sees themselves.</li>
 * </ul>
 * Configuration is for company admins. Who the company admins are is visible to everyone in the company, so that
 * people know whom to ask. A refusal names the department or team (seed 000: "you are not a manager of the
 * Enterprise department") but never a person outside the viewer's scope. Another company's resources are never
 * found (404), so that their existence is not revealed.
 */
@Service
public class AccessPolicy {

    private static final String ADMINS_ONLY = "only company admins can %s; ask a company admin of your company";

    private final OrganizationDirectory directory;

    AccessPolicy(OrganizationDirectory directory) {
        this.directory = directory;
    }

    public enum Action { VIEW, CONFIGURE }

    public Decision company(Viewer viewer, Action action) {
        if (action == Action.VIEW || viewer.admin()) {
            return Decision.ALLOW;
        }
        return Decision.refuse(ADMINS_ONLY, "change the company's settings and administrators");
    }

    /** Data that belongs to the company rather than to a person (revenue, file imports): company admins. */
    public Decision companyData(Viewer viewer, String whatToDo) {
        return viewer.admin() ? Decision.ALLOW : Decision.refuse(ADMINS_ONLY, whatToDo);
    }

    public Decision department(Viewer viewer, DepartmentRef department, Action action) {
        if (viewer.admin()) {
            return Decision.ALLOW;
        }
        if (action == Action.CONFIGURE) {
            return Decision.refuse(ADMINS_ONLY, "change departments");
        }
        if (viewer.managedDepartmentIds().contains(department.id())) {
            return Decision.ALLOW;
        }
        return Decision.refuse("you are not a manager of the %s department", department.name());
    }

    public Decision team(Viewer viewer, TeamRef team, Action action) {
        if (viewer.admin()) {
            return Decision.ALLOW;
        }
        if (action == Action.CONFIGURE) {
            return Decision.refuse(ADMINS_ONLY, "change teams and their members");
        }
        if (seesTeam(viewer, team.id(), team.departmentId())) {
            return Decision.ALLOW;
        }
        return Decision.refuse("you are not a member or lead of the %s team, nor a manager of the %s department",
                team.name(), team.departmentName());
    }

    public Decision person(Viewer viewer, PersonRef person, Action action) {
        if (viewer.admin()) {
            return Decision.ALLOW;
        }
        if (action == Action.CONFIGURE) {
            return Decision.refuse(ADMINS_ONLY, "change people, their teams and their roles");
        }
        if (person.id() == viewer.personId()
                || (person.teamId() != null && seesTeam(viewer, person.teamId(), person.departmentId()))) {
            return Decision.ALLOW;
        }
        // Not named: a refusal must not let anyone collect the names of people outside their scope.
        return Decision.refuse("this person is not in your team, in a team you lead, or in a department you manage");
    }

    /**
     * Recording what a person did (activities): for oneself; a team lead also for the members of the teams they
     * lead (seed 000's activity logger); a company admin for anyone. An API token acts as its owner.
     */
    public Decision recordFor(Viewer viewer, PersonRef person) {
        if (viewer.admin() || person.id() == viewer.personId()
                || (person.teamId() != null && viewer.ledTeamIds().contains(person.teamId()))) {
            return Decision.ALLOW;
        }
        return Decision.refuse("you can record activities only for yourself%s", viewer.isLead() ? " and the members of the teams you lead" : "");
    }

    /** Any {@link Scope}: the company, or the department, team or person it names (404 if not in the viewer's company). */
    public Decision scope(Viewer viewer, Scope scope, Action action) {
        if (scope instanceof Scope.Department department) {
            return department(viewer, department.id(), action);
        }
        if (scope instanceof Scope.Team team) {
            return team(viewer, team.id(), action);
        }
        if (scope instanceof Scope.Person person) {
            return person(viewer, person.id(), action);
        }
        return company(viewer, action);
    }

    /**
     * Whether the viewer may see the scope, false also when it is not there (deleted, or another company's): for lists
     * and background work, which skip what they may not show rather than answer 404.
     */
    public boolean sees(Viewer viewer, Scope scope) {
        try {
            return scope(viewer, scope, Action.VIEW).allowed();
        } catch (NotFoundException gone) {
            return false;
        }
    }

    /**
     * The records behind a scope's numbers (drill-down), which name the people who did them: whoever may see a
     * department, team or person may see its records; everyone may see the company's totals, but only company admins
     * its records, which name everyone.
     */
    public Decision records(Viewer viewer, Scope scope) {
        if (scope instanceof Scope.Company) {
            return companyData(viewer, "list the records behind the whole company's numbers, which name everyone");
        }
        return scope(viewer, scope, Action.VIEW);
    }

    /**
     * Setting a target (C5), unlike other configuration, is also for managers and leads, since quotas are handed down:
     * company admins anywhere; a department manager for their departments, the teams in them and those teams' people;
     * a team lead for the members of the teams they lead, but not the team's own target, which comes from above.
     * Nobody but a company admin sets their own target. Another company's department, team or person is not found.
     */
    public Decision setTarget(Viewer viewer, Scope scope) {
        if (scope instanceof Scope.Department department) {
            return departmentTarget(viewer, directory.department(viewer.companyId(), department.id())
                    .orElseThrow(() -> new NotFoundException("Department", department.id())));
        }
        if (scope instanceof Scope.Team team) {
            return teamTarget(viewer, directory.team(viewer.companyId(), team.id())
                    .orElseThrow(() -> new NotFoundException("Team", team.id())));
        }
        if (scope instanceof Scope.Person person) {
            return personTarget(viewer, directory.person(viewer.companyId(), person.id())
                    .orElseThrow(() -> new NotFoundException("Person", person.id())));
        }
        return viewer.admin() ? Decision.ALLOW : Decision.refuse(ADMINS_ONLY, "set the company's targets");
    }

    private Decision departmentTarget(Viewer viewer, DepartmentRef department) {
        if (viewer.admin() || viewer.managedDepartmentIds().contains(department.id())) {
            return Decision.ALLOW;
        }
        return Decision.refuse("you are not a manager of the %s department; its targets are set by its managers or a company admin",
                department.name());
    }

    private Decision teamTarget(Viewer viewer, TeamRef team) {
        if (viewer.admin() || viewer.managedDepartmentIds().contains(team.departmentId())) {
            return Decision.ALLOW;
        }
        if (viewer.ledTeamIds().contains(team.id())) {
            return Decision.refuse("a team's own target is set by a manager of the %s department or a company admin, not by its lead",
                    team.departmentName());
        }
        return Decision.refuse("you are not a manager of the %s department; the %s team's targets are set by its managers or a company admin",
                team.departmentName(), team.name());
    }

    private Decision personTarget(Viewer viewer, PersonRef person) {
        if (viewer.admin()) {
            return Decision.ALLOW;
        }
        if (person.id() == viewer.personId()) {
            return Decision.refuse("nobody sets their own target; ask your team lead, a department manager or a company admin");
        }
        if ((person.departmentId() != null && viewer.managedDepartmentIds().contains(person.departmentId()))
                || (person.teamId() != null && viewer.ledTeamIds().contains(person.teamId()))) {
            return Decision.ALLOW;
        }
        // Not named, as in person(): a refusal must not reveal who is outside the viewer's scope.
        return Decision.refuse("you can set targets only for the members of the teams you lead and the people of the departments you manage");
    }

    /**
     * An alert rule (C11) on a scope, told to {@code ownerId}: anyone may watch a scope they see for themselves; alerts
     * are handed down as quotas are: a company admin may have anyone told, a department manager its people, a team
     * lead the members of the team. An owner of another company is not found.
     */
    public Decision alert(Viewer viewer, Scope scope, long ownerId) {
        Decision sees = scope(viewer, scope, Action.VIEW);
        if (!sees.allowed() || ownerId == viewer.personId()) {
            return sees;
        }
        PersonRef owner = directory.person(viewer.companyId(), ownerId).orElseThrow(() -> new NotFoundException("Person", ownerId));
        if (viewer.admin() || (owner.departmentId() != null && viewer.managedDepartmentIds().contains(owner.departmentId()))
                || (owner.teamId() != null && viewer.ledTeamIds().contains(owner.teamId()))) {
            return Decision.ALLOW;
        }
        return Decision.refuse("you can have alerts sent only to yourself, the members of the teams you lead and the people of the departments you manage");
    }

    /**
     * Having an alert also post to a chat channel (an outgoing webhook that admins set up): those who hand alerts down,
     * company admins, department managers and team leads, since a channel is read by many.
     */
    public Decision postAlerts(Viewer viewer) {
        if (viewer.admin() || viewer.isManager() || viewer.isLead()) {
            return Decision.ALLOW;
        }
        return Decision.refuse("only company admins, department managers and team leads can have alerts posted to a chat channel");
    }

    /** Removing an alert rule: its owner, its maker, and whoever may set alerts for others on its scope. */
    public Decision removeAlert(Viewer viewer, Scope scope, long ownerId, long createdBy) {
        return viewer.personId() == ownerId || viewer.personId() == createdBy ? Decision.ALLOW : alert(viewer, scope, ownerId);
    }

    /**
     * Choosing the key metrics of a department or of one of its teams (C4, seed 000): company admins, and the managers
     * of the department. The company's own key metrics are company data ({@link #companyData}).
     */
    public Decision keyMetrics(Viewer viewer, DepartmentRef department) {
        if (viewer.admin() || viewer.managedDepartmentIds().contains(department.id())) {
            return Decision.ALLOW;
        }
        return Decision.refuse("only company admins and the managers of the %s department can choose the key metrics of the department and its teams",
                department.name());
    }

    /**
     * Who may see, and who may change, one account metric (C9), chosen per metric by company admins: whoever sees the
     * account; its owner and those above them; only those above the owner (the lead of the owner's team, the managers of
     * their department); only company admins.
     */
    public enum AccountAudience {
        EVERYONE("everyone who sees the account"),
        OWNER("the account's owner, their team lead and their department's managers"),
        MANAGERS("the lead of the owner's team and the managers of their department"),
        ADMINS("company admins");

        private final String words;

        AccountAudience(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A customer account (C9) belongs to its owner and their team: the owner and their team see it, as do those who see
     * that team (its lead, its department's managers) and company admins. An account without an owner is company data.
     * Its metrics, their families and the health formula are configured by company admins.
     */
    public Decision account(Viewer viewer, PersonRef owner, Action action) {
        if (viewer.admin()) {
            return Decision.ALLOW;
        }
        if (action == Action.CONFIGURE) {
            return Decision.refuse(ADMINS_ONLY, "configure account metrics and the health score");
        }
        if (owner == null) {
            return Decision.refuse("this account has no owner; only company admins see it");
        }
        if (person(viewer, owner, Action.VIEW).allowed()) {
            return Decision.ALLOW;
        }
        return Decision.refuse("this account is not owned by you, your team, a team you lead or a department you manage");
    }

    /** One metric of an account the viewer may see: its audience for viewing, or for changing values and targets. */
    public Decision accountMetric(Viewer viewer, PersonRef owner, AccountAudience audience, String metricName) {
        Decision account = account(viewer, owner, Action.VIEW);
        if (!account.allowed() || viewer.admin()) {
            return account;
        }
        boolean owns = owner.id() == viewer.personId();
        // Nobody is above themselves: a lead who owns an account in their own team is its owner there.
        boolean above = !owns && ((owner.teamId() != null && viewer.ledTeamIds().contains(owner.teamId()))
                || (owner.departmentId() != null && viewer.managedDepartmentIds().contains(owner.departmentId())));
        boolean allowed = switch (audience) {
            case EVERYONE -> true;
            case OWNER -> owns || above;
            case MANAGERS -> above;
            case ADMINS -> false;
        };
        return allowed ? Decision.ALLOW : Decision.refuse("%s of this account is for %s", metricName, audience.words());
    }

    /** Looks the department up in the viewer's company (404 if absent) and decides. */
    public Decision department(Viewer viewer, long departmentId, Action action) {
        return department(viewer, directory.department(viewer.companyId(), departmentId)
                .orElseThrow(() -> new NotFoundException("Department", departmentId)), action);
    }

    public Decision team(Viewer viewer, long teamId, Action action) {
        return team(viewer, directory.team(viewer.companyId(), teamId)
                .orElseThrow(() -> new NotFoundException("Team", teamId)), action);
    }

    public Decision person(Viewer viewer, long personId, Action action) {
        return person(viewer, directory.person(viewer.companyId(), personId)
                .orElseThrow(() -> new NotFoundException("Person", personId)), action);
    }

    private static boolean seesTeam(Viewer viewer, long teamId, Long departmentId) {
        return (viewer.teamId() != null && viewer.teamId() == teamId)
                || viewer.ledTeamIds().contains(teamId)
                || (departmentId != null && viewer.managedDepartmentIds().contains(departmentId));
    }
}

package dev.northstar.organization.web;

import dev.northstar.access.Viewer;
import dev.northstar.organization.Company;
import dev.northstar.organization.Department;
import dev.northstar.organization.Membership;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.PersonName;
import dev.northstar.organization.RoleHolders;
import dev.northstar.organization.Team;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The Organization screens (GET): teams and departments, team membership, user management, administrators
 * and managers, company settings, and the detail pages of a department, a team and a person. The service
 * decides what the viewer may see; refusals become the explanatory error page. The forms post to
 * {@link OrganizationActions}.
 */
@Controller
@RequestMapping("/organization")
class OrganizationPages {

    /** A department heading on the teams page; {@code visible} is false for a department the viewer only knows by name. */
    record DepartmentGroup(long id, String name, boolean visible, boolean archived, List<PersonName> managers, List<Team> teams) {
    }

    /** A team with the people in it today, for the membership page. */
    record TeamMembers(Team team, List<Person> members, Set<Long> leadIds) {
    }

    /** An option of a select: a number and its label. */
    record Choice(int value, String label) {
    }

    private static final List<Choice> MONTHS = Arrays.stream(Month.values())
            .map(m -> new Choice(m.getValue(), m.getDisplayName(TextStyle.FULL, Locale.ENGLISH))).toList();
    private static final List<Choice> WEEKDAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> new Choice(d.getValue(), d.getDisplayName(TextStyle.FULL, Locale.ENGLISH))).toList();
    private static final List<String> TIME_ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private final OrganizationService organization;

    OrganizationPages(OrganizationService organization) {
        this.organization = organization;
    }

    @GetMapping
    String index() {
        return "redirect:/organization/teams";
    }

    @GetMapping("/teams")
    String teams(Viewer viewer, Model model) {
        List<Department> departments = organization.departments(viewer);
        List<Team> teams = organization.teams(viewer);
        Map<Long, List<Team>> byDepartment = teams.stream()
                .collect(Collectors.groupingBy(Team::departmentId, LinkedHashMap::new, Collectors.toList()));
        List<DepartmentGroup> groups = new ArrayList<>();
        for (Department d : departments) {
            groups.add(new DepartmentGroup(d.id(), d.name(), true, d.archived(), d.managers(), byDepartment.getOrDefault(d.id(), List.of())));
        }
        Set<Long> visible = departments.stream().map(Department::id).collect(Collectors.toSet());
        byDepartment.forEach((departmentId, inIt) -> {
            if (!visible.contains(departmentId)) {
                groups.add(new DepartmentGroup(departmentId, inIt.get(0).departmentName(), false, false, List.of(), inIt));
            }
        });
        model.addAttribute("groups", groups);
        addVisiblePeople(viewer, model);
        model.addAttribute("activeDepartments", departments.stream().filter(d -> !d.archived()).toList());
        return "organization/teams";
    }

    @GetMapping("/membership")
    String membership(Viewer viewer, Model model) {
        List<Person> people = organization.people(viewer);
        Map<Long, List<Person>> byTeam = people.stream().filter(p -> p.teamId() != null)
                .collect(Collectors.groupingBy(Person::teamId));
        model.addAttribute("rows", organization.teams(viewer).stream().filter(t -> !t.archived())
                .map(t -> new TeamMembers(t, byTeam.getOrDefault(t.id(), List.of()),
                        t.leads().stream().map(PersonName::id).collect(Collectors.toSet())))
                .toList());
        model.addAttribute("withoutTeam", people.stream().filter(p -> p.teamId() == null).toList());
        model.addAttribute("today", organization.today(viewer));
        return "organization/membership";
    }

    @GetMapping("/departments/{id}")
    String department(Viewer viewer, @PathVariable long id, Model model) {
        Department department = organization.department(viewer, id);
        model.addAttribute("department", department);
        addVisiblePeople(viewer, model);
        model.addAttribute("teams", organization.teams(viewer).stream().filter(t -> t.departmentId() == id).toList());
        if (viewer.admin()) {
            Set<Long> managers = department.managers().stream().map(PersonName::id).collect(Collectors.toSet());
            model.addAttribute("candidates", activePeople(viewer).stream().filter(p -> !managers.contains(p.id())).toList());
        }
        return "organization/department";
    }

    @GetMapping("/teams/{id}")
    String team(Viewer viewer, @PathVariable long id, Model model) {
        Team team = organization.team(viewer, id);
        List<Membership> history = organization.membershipsOfTeam(viewer, id);
        LocalDate today = organization.today(viewer);
        List<Membership> current = history.stream().filter(m -> m.covers(today)).toList();
        model.addAttribute("team", team);
        addVisiblePeople(viewer, model);
        model.addAttribute("today", today);
        model.addAttribute("history", history);
        model.addAttribute("current", current);
        model.addAttribute("upcoming", history.stream().filter(m -> m.validFrom().isAfter(today)).toList());
        model.addAttribute("department", organization.departments(viewer).stream()
                .filter(d -> d.id() == team.departmentId()).findFirst().orElse(null));
        if (viewer.admin()) {
            Set<Long> memberIds = current.stream().map(Membership::personId).collect(Collectors.toSet());
            Set<Long> leadIds = team.leads().stream().map(PersonName::id).collect(Collectors.toSet());
            List<Person> people = activePeople(viewer);
            model.addAttribute("joinCandidates", people.stream().filter(p -> !memberIds.contains(p.id())).toList());
            model.addAttribute("leadMembers", people.stream().filter(p -> memberIds.contains(p.id()) && !leadIds.contains(p.id())).toList());
            model.addAttribute("leadOthers", people.stream().filter(p -> !memberIds.contains(p.id()) && !leadIds.contains(p.id())).toList());
            model.addAttribute("targetDepartments", organization.departments(viewer).stream()
                    .filter(d -> !d.archived() && d.id() != team.departmentId()).toList());
        }
        return "organization/team";
    }

    @GetMapping("/people")
    String people(Viewer viewer, Model model) {
        model.addAttribute("people", organization.people(viewer));
        model.addAttribute("today", organization.today(viewer));
        if (viewer.admin()) {
            model.addAttribute("activeTeams", organization.teams(viewer).stream().filter(t -> !t.archived()).toList());
        }
        return "organization/people";
    }

    @GetMapping("/people/{id}")
    String person(Viewer viewer, @PathVariable long id, Model model) {
        Person person = organization.person(viewer, id);
        LocalDate today = organization.today(viewer);
        RoleHolders roles = organization.roleHolders(viewer);
        model.addAttribute("person", person);
        model.addAttribute("today", today);
        model.addAttribute("memberships", organization.membershipsOfPerson(viewer, id));
        model.addAttribute("manages", roles.departmentManagers().stream().filter(m -> m.personId() == id).toList());
        model.addAttribute("leads", roles.teamLeads().stream().filter(l -> l.personId() == id).toList());
        model.addAttribute("self", viewer.personId() == id);
        if (viewer.admin()) {
            model.addAttribute("activeTeams", organization.teams(viewer).stream()
                    .filter(t -> !t.archived() && (person.teamId() == null || t.id() != person.teamId())).toList());
        }
        return "organization/person";
    }

    @GetMapping("/roles")
    String roles(Viewer viewer, Model model) {
        RoleHolders roles = organization.roleHolders(viewer);
        model.addAttribute("roles", roles);
        addVisiblePeople(viewer, model);
        if (viewer.admin()) {
            Set<Long> admins = roles.companyAdmins().stream().map(PersonName::id).collect(Collectors.toSet());
            model.addAttribute("adminCandidates", activePeople(viewer).stream().filter(p -> !admins.contains(p.id())).toList());
        }
        return "organization/roles";
    }

    @GetMapping("/settings")
    String settings(Viewer viewer, Model model) {
        Company company = organization.company(viewer);
        model.addAttribute("company", company);
        model.addAttribute("months", MONTHS);
        model.addAttribute("weekdays", WEEKDAYS);
        model.addAttribute("fiscalMonthName", MONTHS.get(company.fiscalYearStartMonth() - 1).label());
        model.addAttribute("weekStartName", WEEKDAYS.get(company.weekStartDay() - 1).label());
        if (viewer.admin()) {
            model.addAttribute("timeZones", TIME_ZONES);
        }
        return "organization/settings";
    }

    /** For a non-admin, the people whose pages they may open: other names are shown without a link. */
    private void addVisiblePeople(Viewer viewer, Model model) {
        if (!viewer.admin()) {
            model.addAttribute("visiblePeople", organization.people(viewer).stream().map(Person::id).collect(Collectors.toSet()));
        }
    }

    private List<Person> activePeople(Viewer viewer) {
        return organization.people(viewer).stream().filter(Person::active).toList();
    }
}

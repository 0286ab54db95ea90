package dev.northstar.organization.web;

import dev.northstar.access.Viewer;
import dev.northstar.organization.CompanySettings;
import dev.northstar.organization.Department;
import dev.northstar.organization.Membership;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.Team;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.format.annotation.DateTimeFormat.ISO;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The Organization forms (POST, then redirect). Each calls the service, which checks access; a conflict or
 * an invalid input goes back to the page as the flash "error", success as the flash "message".
 */
@Controller
@RequestMapping("/organization")
class OrganizationActions {

    /** Where a form may ask to go back to: a page of this section, nothing else (no open redirect). */
    private static final Pattern BACK = Pattern.compile("/organization(/[A-Za-z0-9_-]+)*");

    private final OrganizationService organization;

    OrganizationActions(OrganizationService organization) {
        this.organization = organization;
    }

    // ---- departments -------------------------------------------------------------------------------

    @PostMapping("/departments")
    String createDepartment(Viewer viewer, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, "/organization/teams", () ->
                "The " + organization.createDepartment(viewer, name).name() + " department is created.");
    }

    @PostMapping("/departments/{id}/rename")
    String renameDepartment(Viewer viewer, @PathVariable long id, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () -> {
            String before = organization.department(viewer, id).name();
            return "The " + before + " department is renamed to " + organization.renameDepartment(viewer, id, name).name() + ".";
        });
    }

    @PostMapping("/departments/{id}/archive")
    String archiveDepartment(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () -> "The " + organization.archiveDepartment(viewer, id, true).name()
                + " department is archived. It keeps its history; restore it to use it again.");
    }

    @PostMapping("/departments/{id}/restore")
    String restoreDepartment(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () ->
                "The " + organization.archiveDepartment(viewer, id, false).name() + " department is restored.");
    }

    @PostMapping("/departments/{id}/delete")
    String deleteDepartment(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, "/organization/teams", departmentPage(id), () -> {
            String name = organization.department(viewer, id).name();
            organization.deleteDepartment(viewer, id);
            return "The " + name + " department is deleted.";
        });
    }

    @PostMapping("/departments/{id}/managers")
    String addManager(Viewer viewer, @PathVariable long id, @RequestParam long personId, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () -> {
            Department department = organization.setDepartmentManager(viewer, id, personId, true);
            return name(viewer, personId) + " now manages the " + department.name() + " department.";
        });
    }

    @PostMapping("/departments/{id}/managers/{personId}/remove")
    String removeManager(Viewer viewer, @PathVariable long id, @PathVariable long personId, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () -> {
            Department department = organization.setDepartmentManager(viewer, id, personId, false);
            return name(viewer, personId) + " no longer manages the " + department.name() + " department.";
        });
    }

    @PostMapping("/departments/{id}/teams")
    String createTeamInDepartment(Viewer viewer, @PathVariable long id, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, departmentPage(id), () -> created(organization.createTeam(viewer, id, name)));
    }

    // ---- teams -------------------------------------------------------------------------------------

    @PostMapping("/teams")
    String createTeam(Viewer viewer, @RequestParam long departmentId, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, "/organization/teams", () -> created(organization.createTeam(viewer, departmentId, name)));
    }

    @PostMapping("/teams/{id}/rename")
    String renameTeam(Viewer viewer, @PathVariable long id, @RequestParam String name, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> {
            String before = organization.team(viewer, id).name();
            return "The " + before + " team is renamed to " + organization.renameTeam(viewer, id, name).name() + ".";
        });
    }

    @PostMapping("/teams/{id}/move")
    String moveTeam(Viewer viewer, @PathVariable long id, @RequestParam long departmentId, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> {
            Team team = organization.moveTeam(viewer, id, departmentId);
            return "The " + team.name() + " team is now in the " + team.departmentName() + " department.";
        });
    }

    @PostMapping("/teams/{id}/archive")
    String archiveTeam(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> "The " + organization.archiveTeam(viewer, id, true).name()
                + " team is archived. It keeps its history; restore it to use it again.");
    }

    @PostMapping("/teams/{id}/restore")
    String restoreTeam(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> "The " + organization.archiveTeam(viewer, id, false).name() + " team is restored.");
    }

    @PostMapping("/teams/{id}/delete")
    String deleteTeam(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, "/organization/teams", teamPage(id), () -> {
            String name = organization.team(viewer, id).name();
            organization.deleteTeam(viewer, id);
            return "The " + name + " team is deleted.";
        });
    }

    @PostMapping("/teams/{id}/leads")
    String addLead(Viewer viewer, @PathVariable long id, @RequestParam long personId, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> {
            Team team = organization.setTeamLead(viewer, id, personId, true);
            return name(viewer, personId) + " now leads the " + team.name() + " team.";
        });
    }

    @PostMapping("/teams/{id}/leads/{personId}/remove")
    String removeLead(Viewer viewer, @PathVariable long id, @PathVariable long personId, RedirectAttributes redirect) {
        return attempt(redirect, teamPage(id), () -> {
            Team team = organization.setTeamLead(viewer, id, personId, false);
            return name(viewer, personId) + " no longer leads the " + team.name() + " team.";
        });
    }

    // ---- people ------------------------------------------------------------------------------------

    @PostMapping("/people")
    String createPerson(Viewer viewer, @RequestParam String email, @RequestParam String displayName,
                        @RequestParam(required = false) String password, @RequestParam(required = false) Long teamId,
                        @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate validFrom,
                        RedirectAttributes redirect) {
        return attempt(redirect, "/organization/people", () -> {
            Person person = organization.createPerson(viewer, email, displayName, blankToNull(password), teamId, validFrom);
            return person.displayName() + " (" + person.email() + ") is added"
                    + (teamId != null ? " to the " + organization.team(viewer, teamId).name() + " team" : ", not in a team yet")
                    + (blankToNull(password) == null ? "; set a password before they can log in." : ".");
        });
    }

    @PostMapping("/people/{id}/details")
    String updateDetails(Viewer viewer, @PathVariable long id, @RequestParam String email, @RequestParam String displayName,
                         RedirectAttributes redirect) {
        return attempt(redirect, personPage(id), () -> {
            Person person = organization.updatePerson(viewer, id, email, displayName, null, null);
            return "Saved: " + person.displayName() + ", " + person.email() + ".";
        });
    }

    @PostMapping("/people/{id}/activate")
    String activate(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, personPage(id), () ->
                organization.updatePerson(viewer, id, null, null, true, null).displayName() + " is active again and can log in.");
    }

    @PostMapping("/people/{id}/deactivate")
    String deactivate(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        return attempt(redirect, personPage(id), () -> organization.updatePerson(viewer, id, null, null, false, null).displayName()
                + " is deactivated and can no longer log in. Their history stays.");
    }

    @PostMapping("/people/{id}/password")
    String setPassword(Viewer viewer, @PathVariable long id, @RequestParam String password, RedirectAttributes redirect) {
        return attempt(redirect, personPage(id), () ->
                organization.updatePerson(viewer, id, null, null, null, password).displayName() + "'s password is set.");
    }

    @PostMapping("/people/{id}/admin")
    String makeAdmin(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return attempt(redirect, back(back, personPage(id)), () ->
                organization.setAdmin(viewer, id, true).displayName() + " is now a company admin.");
    }

    /** The same, with the person chosen in a select (the Administrators & managers page). */
    @PostMapping("/admins")
    String makeAdminChosen(Viewer viewer, @RequestParam long personId, RedirectAttributes redirect) {
        return makeAdmin(viewer, personId, "/organization/roles", redirect);
    }

    @PostMapping("/people/{id}/admin/remove")
    String removeAdmin(Viewer viewer, @PathVariable long id, @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return attempt(redirect, back(back, personPage(id)), () ->
                organization.setAdmin(viewer, id, false).displayName() + " is no longer a company admin.");
    }

    // ---- memberships -------------------------------------------------------------------------------

    /** Puts a person in a team from a date; an open membership in another team ends that day (a move). */
    @PostMapping("/memberships")
    String addMembership(Viewer viewer, @RequestParam long personId, @RequestParam long teamId,
                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate validFrom,
                         @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return attempt(redirect, back(back, personPage(personId)), () -> {
            Person before = organization.person(viewer, personId);
            LocalDate from = validFrom != null ? validFrom : organization.today(viewer);
            Membership added = organization.addMembership(viewer, personId, teamId, from, null);
            boolean move = before.teamId() != null && !Objects.equals(before.teamId(), teamId);
            return added.personName() + (move ? " moves from the " + before.teamName() + " team to the " : " is in the ")
                    + added.teamName() + " team from " + added.validFrom() + ".";
        });
    }

    /** Ends a membership on a date (the first day not in the team). */
    @PostMapping("/memberships/{id}/end")
    String endMembership(Viewer viewer, @PathVariable long id,
                         @RequestParam(required = false) @DateTimeFormat(iso = ISO.DATE) LocalDate validTo,
                         @RequestParam(required = false) String back, RedirectAttributes redirect) {
        return attempt(redirect, back(back, "/organization/people"), () -> {
            Membership ended = organization.endMembership(viewer, id, validTo);
            return ended.personName() + "'s membership of the " + ended.teamName() + " team ends on " + ended.validTo() + ".";
        });
    }

    // ---- company -----------------------------------------------------------------------------------

    @PostMapping("/settings")
    String updateSettings(Viewer viewer, @RequestParam String name, @RequestParam(required = false) String timeZone,
                          @RequestParam(required = false) String currency,
                          @RequestParam(required = false) Integer fiscalYearStartMonth,
                          @RequestParam(required = false) Integer weekStartDay, RedirectAttributes redirect) {
        return attempt(redirect, "/organization/settings", () -> {
            organization.updateCompany(viewer, new CompanySettings(name, timeZone, currency, fiscalYearStartMonth, weekStartDay));
            return "The company settings are saved.";
        });
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static String attempt(RedirectAttributes redirect, String page, Supplier<String> action) {
        return attempt(redirect, page, page, action);
    }

    /** Runs the action; on success goes to {@code done} with its message, on a conflict or invalid input back to {@code page}. */
    private static String attempt(RedirectAttributes redirect, String done, String page, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
            return "redirect:" + done;
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + page;
        }
    }

    private String created(Team team) {
        return "The " + team.name() + " team is created in the " + team.departmentName() + " department.";
    }

    private String name(Viewer viewer, long personId) {
        return organization.person(viewer, personId).displayName();
    }

    private static String back(String back, String fallback) {
        return back != null && BACK.matcher(back).matches() ? back : fallback;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String departmentPage(long id) {
        return "/organization/departments/" + id;
    }

    private static String teamPage(long id) {
        return "/organization/teams/" + id;
    }

    private static String personPage(long id) {
        return "/organization/people/" + id;
    }
}

package dev.northstar.organization.api;

import dev.northstar.access.Viewer;
import dev.northstar.organization.Company;
import dev.northstar.organization.CompanySettings;
import dev.northstar.organization.Department;
import dev.northstar.organization.Membership;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.RoleHolders;
import dev.northstar.organization.Team;
import dev.northstar.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

/** The organization's JSON API. Access is decided by {@link OrganizationService} through the access policy. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
@Tag(name = "Organization", description = "Company settings, departments, teams, people, memberships and roles")
class OrganizationApi {

    private final OrganizationService organization;

    OrganizationApi(OrganizationService organization) {
        this.organization = organization;
    }

    // ---- company -----------------------------------------------------------------------------------

    @GetMapping("/company")
    @Operation(summary = "The caller's company and its settings")
    Company company(Viewer viewer) {
        return organization.company(viewer);
    }

    @PutMapping("/company")
    @Operation(summary = "Change the company's settings (company admins)")
    Company updateCompany(Viewer viewer, @RequestBody CompanySettings settings) {
        return organization.updateCompany(viewer, settings);
    }

    @GetMapping("/company/roles")
    @Operation(summary = "Administrators and managers: who administers the company and who manages which department and team")
    RoleHolders roles(Viewer viewer) {
        return organization.roleHolders(viewer);
    }

    @PutMapping("/company/admins/{personId}")
    @Operation(summary = "Make a person a company admin (company admins)")
    Person addAdmin(Viewer viewer, @PathVariable long personId) {
        return organization.setAdmin(viewer, personId, true);
    }

    @DeleteMapping("/company/admins/{personId}")
    @Operation(summary = "Take away a person's company admin role; the last admin cannot be removed")
    Person removeAdmin(Viewer viewer, @PathVariable long personId) {
        return organization.setAdmin(viewer, personId, false);
    }

    // ---- departments -------------------------------------------------------------------------------

    record NameRequest(String name) {
    }

    record DepartmentChange(String name, Boolean archived) {
    }

    @GetMapping("/departments")
    @Operation(summary = "The departments the caller may see")
    List<Department> departments(Viewer viewer) {
        return organization.departments(viewer);
    }

    @PostMapping("/departments")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a department (company admins)")
    Department createDepartment(Viewer viewer, @RequestBody NameRequest request) {
        return organization.createDepartment(viewer, request.name());
    }

    @GetMapping("/departments/{id}")
    Department department(Viewer viewer, @PathVariable long id) {
        return organization.department(viewer, id);
    }

    @PatchMapping("/departments/{id}")
    @Operation(summary = "Rename, archive or restore a department (company admins)")
    Department changeDepartment(Viewer viewer, @PathVariable long id, @RequestBody DepartmentChange change) {
        return organization.changeDepartment(viewer, id, change.name(), change.archived());
    }

    @DeleteMapping("/departments/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete an empty department; one with teams or history is refused (archive it instead)")
    void deleteDepartment(Viewer viewer, @PathVariable long id) {
        organization.deleteDepartment(viewer, id);
    }

    @PutMapping("/departments/{id}/managers/{personId}")
    Department addManager(Viewer viewer, @PathVariable long id, @PathVariable long personId) {
        return organization.setDepartmentManager(viewer, id, personId, true);
    }

    @DeleteMapping("/departments/{id}/managers/{personId}")
    Department removeManager(Viewer viewer, @PathVariable long id, @PathVariable long personId) {
        return organization.setDepartmentManager(viewer, id, personId, false);
    }

    // ---- teams -------------------------------------------------------------------------------------

    record TeamRequest(String name, Long departmentId) {
    }

    record TeamChange(String name, Long departmentId, Boolean archived) {
    }

    @GetMapping("/teams")
    @Operation(summary = "The teams the caller may see")
    List<Team> teams(Viewer viewer) {
        return organization.teams(viewer);
    }

    @PostMapping("/teams")
    @ResponseStatus(HttpStatus.CREATED)
    Team createTeam(Viewer viewer, @RequestBody TeamRequest request) {
        if (request.departmentId() == null) {
            throw new InvalidInputException("departmentId", "is required");
        }
        return organization.createTeam(viewer, request.departmentId(), request.name());
    }

    @GetMapping("/teams/{id}")
    Team team(Viewer viewer, @PathVariable long id) {
        return organization.team(viewer, id);
    }

    @PatchMapping("/teams/{id}")
    @Operation(summary = "Rename, move to another department, archive or restore a team (company admins)")
    Team changeTeam(Viewer viewer, @PathVariable long id, @RequestBody TeamChange change) {
        return organization.changeTeam(viewer, id, change.name(), change.departmentId(), change.archived());
    }

    @DeleteMapping("/teams/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a team that never had members; one with members or history is refused (archive it instead)")
    void deleteTeam(Viewer viewer, @PathVariable long id) {
        organization.deleteTeam(viewer, id);
    }

    @GetMapping("/teams/{id}/memberships")
    @Operation(summary = "Everyone who is or was in the team, with dates")
    List<Membership> teamMemberships(Viewer viewer, @PathVariable long id) {
        return organization.membershipsOfTeam(viewer, id);
    }

    @PutMapping("/teams/{id}/leads/{personId}")
    Team addLead(Viewer viewer, @PathVariable long id, @PathVariable long personId) {
        return organization.setTeamLead(viewer, id, personId, true);
    }

    @DeleteMapping("/teams/{id}/leads/{personId}")
    Team removeLead(Viewer viewer, @PathVariable long id, @PathVariable long personId) {
        return organization.setTeamLead(viewer, id, personId, false);
    }

    // ---- people ------------------------------------------------------------------------------------

    record PersonRequest(String email, String displayName, String password, Long teamId, LocalDate teamFrom) {
    }

    record PersonChange(String email, String displayName, Boolean active, String password) {
    }

    @GetMapping("/people")
    @Operation(summary = "The people the caller may see, with the team each is in today")
    List<Person> people(Viewer viewer) {
        return organization.people(viewer);
    }

    @PostMapping("/people")
    @ResponseStatus(HttpStatus.CREATED)
    Person createPerson(Viewer viewer, @RequestBody PersonRequest request) {
        return organization.createPerson(viewer, request.email(), request.displayName(), request.password(),
                request.teamId(), request.teamFrom());
    }

    @GetMapping("/people/{id}")
    Person person(Viewer viewer, @PathVariable long id) {
        return organization.person(viewer, id);
    }

    @PatchMapping("/people/{id}")
    @Operation(summary = "Change a person's e-mail, name, password or active flag (company admins)")
    Person changePerson(Viewer viewer, @PathVariable long id, @RequestBody PersonChange change) {
        return organization.updatePerson(viewer, id, change.email(), change.displayName(), change.active(), change.password());
    }

    // ---- memberships -------------------------------------------------------------------------------

    record MembershipRequest(Long personId, Long teamId, LocalDate validFrom, LocalDate validTo) {
    }

    record MembershipEnd(LocalDate validTo) {
    }

    @GetMapping("/memberships")
    @Operation(summary = "Membership history of a person (personId=) or a team (teamId=)")
    List<Membership> memberships(Viewer viewer, @RequestParam(required = false) Long personId,
                                 @RequestParam(required = false) Long teamId) {
        if (personId != null) {
            return organization.membershipsOfPerson(viewer, personId);
        }
        if (teamId != null) {
            return organization.membershipsOfTeam(viewer, teamId);
        }
        throw new InvalidInputException("personId", "or teamId is required");
    }

    @PostMapping("/memberships")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Put a person in a team from a date (a move ends their open membership that day); overlaps are refused")
    Membership addMembership(Viewer viewer, @RequestBody MembershipRequest request) {
        if (request.personId() == null) throw new InvalidInputException("personId", "is required");
        if (request.teamId() == null) throw new InvalidInputException("teamId", "is required");
        LocalDate from = request.validFrom() != null ? request.validFrom() : organization.today(viewer);
        return organization.addMembership(viewer, request.personId(), request.teamId(), from, request.validTo());
    }

    @PatchMapping("/memberships/{id}")
    @Operation(summary = "End a membership at a date (exclusive)")
    Membership endMembership(Viewer viewer, @PathVariable long id, @RequestBody MembershipEnd end) {
        return organization.endMembership(viewer, id, end.validTo());
    }
}

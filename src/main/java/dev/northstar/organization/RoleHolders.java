package dev.northstar.organization;

import java.util.List;

/** Seed 000's "Administrators" and "Managers": who administers and who manages which level. */
public record RoleHolders(List<PersonName> companyAdmins, List<DepartmentManager> departmentManagers, List<TeamLead> teamLeads) {

    public record DepartmentManager(long departmentId, String departmentName, long personId, String personName) {
    }

    public record TeamLead(long teamId, String teamName, String departmentName, long personId, String personName) {
    }
}

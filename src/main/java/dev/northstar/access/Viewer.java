package dev.northstar.access;

import java.util.Set;

/**
 * The person behind a request, with the facts the access policy decides on.
 *
 * @param teamId the team the person belongs to today, or null
 */
public record Viewer(long companyId, long personId, String displayName, String email, boolean admin,
                     Set<Long> managedDepartmentIds, Set<Long> ledTeamIds, Long teamId) {

    public Viewer {
        managedDepartmentIds = Set.copyOf(managedDepartmentIds);
        ledTeamIds = Set.copyOf(ledTeamIds);
    }

    public boolean isManager() {
        return !managedDepartmentIds.isEmpty();
    }

    public boolean isLead() {
        return !ledTeamIds.isEmpty();
    }

    /** A short description of the role, for pages and {@code /api/v1/me}. */
    public String roleName() {
        if (admin) return "Company admin";
        if (isManager()) return "Department manager";
        if (isLead()) return "Team lead";
        return "Team member";
    }
}

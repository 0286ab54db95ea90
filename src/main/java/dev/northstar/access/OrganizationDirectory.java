package dev.northstar.access;

import dev.northstar.shared.Scope;

import java.util.List;
import java.util.Optional;

/**
 * What the access policy needs to know about the organization. Implemented by the organization module,
 * so that access depends on nothing and organization may ask the policy.
 * Every lookup is within one company: another company's rows are never found.
 */
public interface OrganizationDirectory {

    Optional<Login> loginByEmail(String email);

    Optional<Viewer> viewer(long companyId, long personId);

    /** The company's active admins, as viewers: who is told about company-wide trouble (a failing connector). */
    List<Viewer> admins(long companyId);

    Optional<DepartmentRef> department(long companyId, long departmentId);

    Optional<TeamRef> team(long companyId, long teamId);

    Optional<PersonRef> person(long companyId, long personId);

    /** Looks a person up by e-mail address within the company (case-insensitive). */
    Optional<PersonRef> personByEmail(long companyId, String email);

    /** Everyone in the company, active or not, with where they are today: for bulk lookups by e-mail or name. */
    List<PersonEntry> everyone(long companyId);

    /** The active people of a scope by today's teams (everyone active for the company), read with the scope's filter. */
    List<PersonEntry> activeIn(long companyId, Scope scope);

    record Login(long companyId, long personId, String email, String passwordHash, boolean active) {
    }

    record DepartmentRef(long id, String name) {
    }

    record TeamRef(long id, String name, long departmentId, String departmentName) {
    }

    /** A person and where they are today; teamId and departmentId are null for someone in no team. */
    record PersonRef(long id, String name, Long teamId, Long departmentId) {
    }

    record PersonEntry(PersonRef ref, String email, boolean active) {
    }
}

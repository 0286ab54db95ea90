package dev.northstar.organization;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Component;

/**
 * A scope in words, for messages, without an access check (the caller decides what may be shown): "the company",
 * "the Sales department", "the Enterprise team", "Riley Rep"; "team 5" for one that is gone.
 */
@Component
public class ScopeNames {

    private final OrganizationDirectory directory;

    ScopeNames(OrganizationDirectory directory) {
        this.directory = directory;
    }

    public String of(long companyId, Scope scope) {
        if (scope instanceof Scope.Department d) {
            return directory.department(companyId, d.id()).map(ref -> "the " + ref.name() + " department").orElse("department " + d.id());
        }
        if (scope instanceof Scope.Team t) {
            return directory.team(companyId, t.id()).map(ref -> "the " + ref.name() + " team").orElse("team " + t.id());
        }
        if (scope instanceof Scope.Person p) {
            return directory.person(companyId, p.id()).map(OrganizationDirectory.PersonRef::name).orElse("person " + p.id());
        }
        return "the company";
    }
}

package dev.northstar.alerts.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Component;

/** Scopes in words and as the address of their metric pages, for rules and notifications. */
@Component
public class ScopeNames {

    private final OrganizationDirectory directory;

    ScopeNames(OrganizationDirectory directory) {
        this.directory = directory;
    }

    /** "the company", "the Sales department", "the Enterprise team", "Riley Rep"; the id if it is gone. */
    public String of(long companyId, Scope scope) {
        if (scope instanceof Scope.Department d) {
            return directory.department(companyId, d.id()).map(ref -> "the " + ref.name() + " department").orElse(scope.key());
        }
        if (scope instanceof Scope.Team t) {
            return directory.team(companyId, t.id()).map(ref -> "the " + ref.name() + " team").orElse(scope.key());
        }
        if (scope instanceof Scope.Person p) {
            return directory.person(companyId, p.id()).map(OrganizationDirectory.PersonRef::name).orElse(scope.key());
        }
        return "the company";
    }

    /** The metric's page for the scope, as the dashboards serve it. */
    static String metricPage(Scope scope, String metric) {
        String page;
        if (scope instanceof Scope.Department d) {
            page = "/departments/" + d.id();
        } else if (scope instanceof Scope.Team t) {
            page = "/teams/" + t.id();
        } else if (scope instanceof Scope.Person p) {
            page = "/people/" + p.id();
        } else {
            page = "/company";
        }
        return page + "/metrics/" + metric;
    }
}

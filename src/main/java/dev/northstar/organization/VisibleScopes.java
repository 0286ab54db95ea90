package dev.northstar.organization;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The company, departments and teams a viewer may look at, by key and name, for pickers (dashboards, TV links, alerts). */
@Component
public class VisibleScopes {

    /** A scope one may pick. */
    public record Choice(String scope, String name) {
    }

    private final OrganizationService organization;
    private final AccessPolicy policy;

    VisibleScopes(OrganizationService organization, AccessPolicy policy) {
        this.organization = organization;
        this.policy = policy;
    }

    /** The company, then the viewer's departments, then their teams (archived ones left out). */
    public List<Choice> of(Viewer viewer) {
        List<Choice> scopes = new ArrayList<>(List.of(new Choice("company", organization.company(viewer).name())));
        organization.departments(viewer).stream().filter(d -> !d.archived() && sees(viewer, new Scope.Department(d.id())))
                .forEach(d -> scopes.add(new Choice(new Scope.Department(d.id()).key(), d.name() + " department")));
        organization.teams(viewer).stream().filter(t -> !t.archived() && sees(viewer, new Scope.Team(t.id())))
                .forEach(t -> scopes.add(new Choice(new Scope.Team(t.id()).key(), t.name() + " team")));
        return scopes;
    }

    private boolean sees(Viewer viewer, Scope scope) {
        return policy.scope(viewer, scope, Action.VIEW).allowed();
    }
}

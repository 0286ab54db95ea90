package dev.northstar.catalog.internal;

import dev.northstar.catalog.KeyMetricLevel;
import dev.northstar.organization.ScopeNames;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Component;

/** A level in words, for messages: "the company", "the Sales department", "the Enterprise team". */
@Component
public class LevelNames {

    private final ScopeNames names;

    LevelNames(ScopeNames names) {
        this.names = names;
    }

    public String of(long companyId, KeyMetricLevel level) {
        Scope scope = level.departmentId() != null ? new Scope.Department(level.departmentId())
                : level.teamId() != null ? new Scope.Team(level.teamId()) : Scope.COMPANY;
        return names.of(companyId, scope);
    }
}

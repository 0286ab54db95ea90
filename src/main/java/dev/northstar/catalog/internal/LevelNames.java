package dev.northstar.catalog.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.catalog.KeyMetricLevel;
import org.springframework.stereotype.Component;

/** A level in words, for messages: "the company", "the Sales department", "the Enterprise team". */
@Component
public class LevelNames {

    private final OrganizationDirectory directory;

    LevelNames(OrganizationDirectory directory) {
        this.directory = directory;
    }

    public String of(long companyId, KeyMetricLevel level) {
        if (level.departmentId() != null) {
            return directory.department(companyId, level.departmentId()).map(d -> "the " + d.name() + " department")
                    .orElse("department " + level.departmentId());
        }
        if (level.teamId() != null) {
            return directory.team(companyId, level.teamId()).map(t -> "the " + t.name() + " team").orElse("team " + level.teamId());
        }
        return "the company";
    }
}

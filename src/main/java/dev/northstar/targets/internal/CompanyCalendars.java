package dev.northstar.targets.internal;

import dev.northstar.access.Viewer;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period;
import org.springframework.stereotype.Component;

/** Period labels read in the viewer's company's calendar: its time zone, fiscal year start and week start. */
@Component
public class CompanyCalendars {

    private final OrganizationService organization;

    CompanyCalendars(OrganizationService organization) {
        this.organization = organization;
    }

    public Period parse(Viewer viewer, String label) {
        if (label == null || label.isBlank()) {
            throw new InvalidInputException("period", "must be given, e.g. 2026-03, FY2026-Q1, FY2026, 2026-W07 or 2026-01-15..2026-02-14");
        }
        return organization.company(viewer).calendar().parse(label);
    }
}

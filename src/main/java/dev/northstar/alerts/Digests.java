package dev.northstar.alerts;

import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.WeeklyDigests;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Period;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** One's own weekly digest, as it would be e-mailed now; each person reads only their own. */
@Service
public class Digests {

    private final WeeklyDigests digests;
    private final OrganizationService organization;
    private final Clock clock;

    Digests(WeeklyDigests digests, OrganizationService organization, Clock clock) {
        this.digests = digests;
        this.organization = organization;
        this.clock = clock;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Digest mine(Viewer viewer) {
        Company company = organization.company(viewer);
        return digests.compose(viewer, company.calendar().period(Period.Grain.WEEK, organization.today(viewer)).label(), clock.instant());
    }
}

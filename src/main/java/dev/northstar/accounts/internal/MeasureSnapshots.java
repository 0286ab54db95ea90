package dev.northstar.accounts.internal;

import dev.northstar.ingest.RecordsIngested;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps today's system measures of every account ({@code account_measures}) for the portfolio: a company's are
 * recomputed a moment after records arrive (once for any number of loads in between), when its day changes, and
 * whenever the portfolio finds them from another day. Recomputing is one idempotent statement, so two instances
 * doing it at once give the same rows.
 */
@Component
public class MeasureSnapshots {

    private static final Logger log = LoggerFactory.getLogger(MeasureSnapshots.class);

    private final SystemValues system;
    private final OrganizationService organization;
    private final Clock clock;
    private final TransactionTemplate writing;
    private final Set<Long> stale = ConcurrentHashMap.newKeySet();

    MeasureSnapshots(SystemValues system, OrganizationService organization, Clock clock, PlatformTransactionManager transactions) {
        this.system = system;
        this.organization = organization;
        this.clock = clock;
        this.writing = new TransactionTemplate(transactions);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recordsLoaded(RecordsIngested event) {
        stale.add(event.companyId());
    }

    /** Asks for the company's measures to be recomputed soon (the portfolio found them from another day). */
    public void requestRefresh(long companyId) {
        stale.add(companyId);
    }

    @Scheduled(fixedDelayString = "${northstar.accounts.refresh-delay:2s}")
    void refreshStale() {
        for (Long companyId : List.copyOf(stale)) {
            stale.remove(companyId);
            refresh(companyId);
        }
    }

    /** Every company whose kept measures are from another day than its today (midnight passed in its time zone). */
    @Scheduled(fixedDelayString = "${northstar.accounts.day-check:10m}", initialDelayString = "${northstar.accounts.day-check-initial-delay:1m}")
    void refreshPastDays() {
        for (Company company : organization.companies()) {
            system.kept(company.id()).filter(kept -> !kept.day().equals(today(company))).ifPresent(kept -> refresh(company.id()));
        }
    }

    public void refresh(long companyId) {
        Company company = organization.companies().stream().filter(c -> c.id() == companyId).findFirst().orElse(null);
        if (company == null) {
            return;
        }
        try {
            writing.executeWithoutResult(status -> system.refresh(companyId, SystemValues.Day.of(company, today(company)), clock.instant()));
        } catch (RuntimeException e) {
            // Tried again at the next tick; meanwhile the portfolio computes today's measures for each request.
            stale.add(companyId);
            log.warn("Account measures of company {} not refreshed; trying again", companyId, e);
        }
    }

    private LocalDate today(Company company) {
        return LocalDate.now(clock.withZone(ZoneId.of(company.timeZone())));
    }
}

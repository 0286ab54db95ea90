package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.MetricDefinitionsChanged;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.RecordsCreated;
import dev.northstar.ingest.RecordsIngested;
import dev.northstar.organization.MembershipChanged;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When the rollups are brought up to date. New records: added by their load, in its transaction. Changed records and
 * definitions: right after their transaction commits (in the background, so the writer does not wait), and by a
 * sweep every few seconds for anything a crash or a busy worker left; the markers themselves are written with the
 * data, so nothing is lost in between. Reads never wait for it: cells that wait are read from the raw records
 * ({@code WaitingCells}). Memberships: the change marks every day of the person from its date on, in the change's own
 * transaction.
 */
@Component
class RollupTriggers {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RollupTriggers.class);

    private static final long BUSY_PAUSE_MS = 500;
    private final RollupWorker worker;
    private final JdbcClient jdbc;
    private final Set<Long> requested = ConcurrentHashMap.newKeySet();
    private final Set<Long> running = ConcurrentHashMap.newKeySet();

    /** How often a run tries again while the company's lock is taken (tests that hold the lock set 0). */
    private final int busyTries;

    RollupTriggers(RollupWorker worker, JdbcClient jdbc, @Value("${northstar.analytics.rollups.busy-tries:10}") int busyTries) {
        this.busyTries = busyTries;
        this.worker = worker;
        this.jdbc = jdbc;
    }

    /** A load's new records go into the rollups in the load's own transaction (see {@link RollupWorker#addCreated}). */
    @EventListener
    void recordsCreated(RecordsCreated event) {
        if (event.kind() == RecordKind.ACTIVITIES) {
            worker.addCreated(event.companyId(), Source.ACTIVITIES);
        } else if (event.kind() == RecordKind.DEALS) {
            worker.addCreated(event.companyId(), Source.DEALS);
        }
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void recordsIngested(RecordsIngested event) {
        if (event.kind() == RecordKind.ACTIVITIES || event.kind() == RecordKind.DEALS) {
            wake(event.companyId());
        }
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void definitionsChanged(MetricDefinitionsChanged event) {
        wake(event.companyId());
    }

    /** In the membership change's transaction: the team stamp of every later day of the person may change. */
    @EventListener
    void membershipChanged(MembershipChanged event) {
        jdbc.sql("insert into rollup_dirty (company_id, person_id, day, onwards) values (?, ?, ?, true)")
                .params(event.companyId(), event.personId(), event.fromDay()).update();
    }

    @Scheduled(fixedDelayString = "${northstar.analytics.rollups.sweep-delay:5s}", initialDelayString = "${northstar.analytics.rollups.sweep-delay:5s}")
    void sweep() {
        for (long companyId : worker.companiesWithWork()) {
            wake(companyId);
        }
    }

    /**
     * Rarely: definitions changed while no worker ran, or the company's zone or currency changed. Also soon after start,
     * so that a definition changed just before a crash is rebuilt then rather than ten minutes later (until then reads
     * are right, from the raw records, but verify reports the rollups as they are).
     */
    @Scheduled(fixedDelayString = "${northstar.analytics.rollups.definition-check-delay:10m}", initialDelayString = "${northstar.analytics.rollups.definition-check-initial-delay:20s}")
    void definitionCheck() {
        for (long companyId : worker.companiesWithMetrics()) {
            wake(companyId);
        }
    }

    /**
     * Brings a company's rollups up to date, one run per company at a time in this instance: a wake-up while a run is
     * on asks it for one more round instead of holding a thread and a connection waiting for the company's lock (a
     * large load commits hundreds of times). Another instance at the company makes the run skip; that one finishes it.
     */
    void wake(long companyId) {
        requested.add(companyId);
        if (!running.add(companyId)) {
            return; // the run on it will see the request
        }
        try {
            while (requested.remove(companyId)) {
                run(companyId);
            }
        } finally {
            running.remove(companyId);
        }
        if (requested.contains(companyId)) {
            wake(companyId); // asked for between the last round and the end of the run
        }
    }

    private void run(long companyId) {
        try {
            // A load adding its records holds the company's lock for moments: a few tries, so that a definition
            // change's rebuild does not wait for the next definition check. Another worker holding it sees the same work.
            for (int attempt = 0; !worker.catchUpUnlessBusy(companyId) && attempt < busyTries; attempt++) {
                Thread.sleep(BUSY_PAUSE_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // One company's failure must not stop the others'; its markers stay for the next sweep.
            log.warn("Rollups of company {} could not be brought up to date: {}", companyId, e.getMessage(), e);
        }
    }
}

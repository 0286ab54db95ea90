package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.Ingest.Mode;
import dev.northstar.ingest.Ingest.Rejections;
import dev.northstar.ingest.internal.EmailFromName;
import dev.northstar.ingest.internal.PersonImporter;
import dev.northstar.ingest.internal.RowRejected;
import dev.northstar.organization.OrganizationService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads a whole organization from rows of name, e-mail, team, department and manager (the fields of
 * {@link RecordKind#PEOPLE}): people, departments and teams are found by e-mail or name, or created; a manager
 * becomes lead of the row's team (by default "&lt;manager&gt;'s team"), and the person joins it from today, or moves
 * to it. Loading the same rows again changes nothing. For company admins.
 * <p>
 * All or nothing: one transaction for the whole load, in which each rejected row is undone on its own (a savepoint)
 * while the others go on. A dry run does everything and then rolls it back, so its counts are what a commit would do.
 */
@Service
public class PeopleImport {

    /** Changed people from which an import refreshes the planner's statistics; autovacuum soon notices fewer. */
    private static final long BULK = 100;

    /**
     * @param emailDomain for rows without an e-mail address: first.last@domain (lower case, accents stripped); null when
     *                    every row must have its own address
     */
    public record PeopleOptions(String emailDomain) {
    }

    private final AccessPolicy policy;
    private final OrganizationService organization;
    private final PlatformTransactionManager transactions;
    private final ApplicationEventPublisher events;

    PeopleImport(AccessPolicy policy, OrganizationService organization, PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.policy = policy;
        this.organization = organization;
        this.transactions = transactions;
        this.events = events;
    }

    /**
     * Runs in a transaction of its own, so call it outside one: a dry run rolls its transaction back. The rejected rows
     * reach {@code rejections} after that transaction has ended, so that a caller who records them in the database
     * keeps them even from a dry run.
     */
    public LoadSummary load(Viewer viewer, Iterator<? extends RawRecord> rows, PeopleOptions options, Mode mode, Rejections rejections) {
        policy.companyData(viewer, "import people").orRefuse();
        EmailFromName emails = EmailFromName.forDomain(options == null ? null : options.emailDomain());
        List<Rejected> rejected = new ArrayList<>();
        LoadSummary summary = new TransactionTemplate(transactions).execute(status -> {
            LoadSummary done = importAll(new PersonImporter(viewer, organization, transactions, emails), rows, rejected);
            if (mode == Mode.DRY_RUN) {
                status.setRollbackOnly();
            } else if (done.created() + done.updated() > 0) {
                if (done.created() + done.updated() >= BULK) {
                    organization.refreshStatistics();
                }
                events.publishEvent(new RecordsIngested(viewer.companyId(), RecordKind.PEOPLE, done.created(), done.updated()));
            }
            return done;
        });
        rejected.forEach(r -> rejections.reject(r.line(), r.label(), r.errors()));
        return summary;
    }

    private static LoadSummary importAll(PersonImporter importer, Iterator<? extends RawRecord> rows, List<Rejected> rejected) {
        Map<Outcome, Long> counts = new EnumMap<>(Outcome.class);
        long received = 0;
        while (rows.hasNext()) {
            RawRecord row = rows.next();
            received++;
            Outcome outcome;
            try {
                outcome = importer.importRow(row);
            } catch (RowRejected e) {
                outcome = Outcome.REJECTED;
                rejected.add(new Rejected(row.line(), label(row), List.of(e.error())));
            }
            counts.merge(outcome, 1L, Long::sum);
        }
        return new LoadSummary(received, counts.getOrDefault(Outcome.CREATED, 0L), counts.getOrDefault(Outcome.UPDATED, 0L),
                counts.getOrDefault(Outcome.UNCHANGED, 0L), counts.getOrDefault(Outcome.REJECTED, 0L));
    }

    /** Who the row is about, as the file names them. */
    private static String label(RawRecord row) {
        if (row.unreadable() != null) {
            return null;
        }
        return row.get("name") != null ? row.get("name") : row.get("email");
    }

    private record Rejected(long line, String label, List<FieldError> errors) {
    }
}

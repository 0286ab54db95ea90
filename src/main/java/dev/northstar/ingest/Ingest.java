package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.BatchResult.RecordResult;
import dev.northstar.ingest.internal.AccountKind;
import dev.northstar.ingest.internal.ActivityKind;
import dev.northstar.ingest.internal.DealKind;
import dev.northstar.ingest.internal.JsonRecord;
import dev.northstar.ingest.internal.RecordContext;
import dev.northstar.ingest.internal.RevenueKind;
import dev.northstar.ingest.internal.StagedKind;
import dev.northstar.ingest.internal.StagedLoad;
import dev.northstar.ingest.internal.StagedLoad.Counts;
import dev.northstar.ingest.internal.StagedLoad.Fate;
import dev.northstar.ingest.internal.ValueReader;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Every way in ends here: the API's JSON batches and NDJSON streams, file imports, the activity logger and webhooks.
 * Each record is read and checked on its own (field, value, reason); the valid ones are loaded set-based
 * (see {@link StagedLoad}) and upserted by their key, so sending the same records twice changes nothing.
 */
@Service
@Transactional
public class Ingest {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Ingest.class);

    public static final int MAX_BATCH = 10_000;

    public enum Mode {
        /** Reads, checks and stages everything, and counts what the upsert would create and update, writing nothing. */
        DRY_RUN,
        COMMIT
    }

    /**
     * What a load did: records received, and how many were created, updated, unchanged or rejected; {@code lookalikes}
     * counts rows that repeat an earlier one in everything but their key (skipped if asked, else loaded).
     */
    public record LoadSummary(long received, long created, long updated, long unchanged, long rejected, long lookalikes) {

        public LoadSummary(long received, long created, long updated, long unchanged, long rejected) {
            this(received, created, updated, unchanged, rejected, 0);
        }
    }

    public enum Lookalikes { IGNORE, COUNT, SKIP }

    /** How to load: how values are written, the source every record belongs to (null: their own), and what to do. */
    public record LoadOptions(ReadingRules rules, String source, Mode mode, Lookalikes lookalikes) {
    }

    /** Told about each rejected record as it is found, so that any number can be reported in constant memory. */
    @FunctionalInterface
    public interface Rejections {
        void reject(long line, String label, List<FieldError> errors);
    }

    private static final Map<RecordKind, StagedKind> KINDS = Map.of(
            RecordKind.ACTIVITIES, new ActivityKind(), RecordKind.DEALS, new DealKind(),
            RecordKind.ACCOUNTS, new AccountKind(), RecordKind.REVENUE, new RevenueKind());

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final ActivityTypes types;
    private final TeamActivityTypes teamTypes;
    private final PipelineStages stages;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Ingest(JdbcClient jdbc, DataSource dataSource, AccessPolicy policy, OrganizationDirectory directory, OrganizationService organization,
           ActivityTypes types, TeamActivityTypes teamTypes, PipelineStages stages, ApplicationEventPublisher events, Clock clock) {
        this.teamTypes = teamTypes;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.types = types;
        this.stages = stages;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A JSON batch (each element as Jackson parsed it) with an answer per record, in order. {@code source}, when
     * not null, overrides the records' own (webhooks, the logger).
     */
    public BatchResult batch(Viewer viewer, RecordKind kind, List<?> records, String source) {
        List<RecordResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            results.add(null);
        }
        List<String> labels = new ArrayList<>(records.size());
        StagedKind staged = staged(kind);
        StagedLoad load = prepare(viewer, staged);
        RecordContext context = context(viewer, ReadingRules.API, source);
        for (int i = 0; i < records.size(); i++) {
            JsonRecord record = new JsonRecord(i, records.get(i));
            labels.add(record.unreadable() == null ? staged.label(record) : null);
            List<FieldError> errors = read(staged, record, context, load);
            if (!errors.isEmpty()) {
                results.set(i, new RecordResult(i, labels.get(i), Outcome.REJECTED, null, List.copyOf(errors)));
            }
        }
        load.removeRepeats((line, first) -> results.set(line.intValue(), new RecordResult(line.intValue(), labels.get(line.intValue()),
                Outcome.REJECTED, null, List.of(staged.repeated("record", first)))));
        if (!viewer.admin()) { // admins may record for anyone: nothing to take over
            load.removeTakeovers(context::mayRecordFor, line -> results.set((int) line, new RecordResult((int) line, labels.get((int) line),
                    Outcome.REJECTED, null, List.of(takeover(staged)))));
        }
        List<Fate> fates = load.mergeWithFates(now());
        for (Fate fate : fates) {
            int index = (int) fate.line();
            results.set(index, new RecordResult(index, labels.get(index), fate.outcome(), fate.id(), List.of()));
        }
        BatchResult result = BatchResult.of(results);
        announce(viewer, kind, result.created(), result.updated());
        return result;
    }

    /**
     * Any number of records, read one at a time (an NDJSON stream, a file): rejections go to {@code rejections}
     * as they are found, the rest are loaded, or, in a dry run, loaded and undone.
     */
    public LoadSummary load(Viewer viewer, RecordKind kind, Iterator<? extends RawRecord> records, ReadingRules rules, String source,
                            Mode mode, Rejections rejections) {
        return load(viewer, kind, records, new LoadOptions(rules, source, mode, Lookalikes.IGNORE), rejections);
    }

    public LoadSummary load(Viewer viewer, RecordKind kind, Iterator<? extends RawRecord> records, LoadOptions options, Rejections rejections) {
        ReadingRules rules = options.rules();
        String source = options.source();
        Mode mode = options.mode();
        StagedKind staged = staged(kind);
        StagedLoad load = prepare(viewer, staged);
        RecordContext context = context(viewer, rules, source);
        long received = 0;
        long rejected = 0;
        long t0 = System.nanoTime();
        while (records.hasNext()) {
            RawRecord record = records.next();
            received++;
            List<FieldError> errors = read(staged, record, context, load);
            if (!errors.isEmpty()) {
                rejected++;
                rejections.reject(record.line(), record.unreadable() == null ? staged.label(record) : null, errors);
            }
        }
        long t1 = System.nanoTime();
        long[] repeats = {0};
        load.removeRepeats((line, first) -> {
            repeats[0]++;
            rejections.reject(line, null, List.of(staged.repeated("line", first)));
        });
        if (!viewer.admin()) {
            load.removeTakeovers(context::mayRecordFor, line -> {
                repeats[0]++;
                rejections.reject(line, null, List.of(takeover(staged)));
            });
        }
        long lookalikes = options.lookalikes() == Lookalikes.IGNORE ? 0 : load.lookalikes(options.lookalikes() == Lookalikes.SKIP);
        long t2 = System.nanoTime();
        Counts counts = mode == Mode.DRY_RUN ? load.wouldDo() : load.merge(now());
        if (mode == Mode.COMMIT && counts.created() > 0) {
            events.publishEvent(new RecordsCreated(viewer.companyId(), kind, counts.created())); // its listeners run here, in the load's transaction
        }
        log.debug("Load of {} {}: read and staged in {} ms, repeats and look-alikes in {} ms, {} in {} ms", received, kind.key(),
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, mode == Mode.DRY_RUN ? "counted" : "merged", (System.nanoTime() - t2) / 1_000_000);
        if (mode == Mode.COMMIT) {
            announce(viewer, kind, counts.created(), counts.updated());
        }
        return new LoadSummary(received, counts.created(), counts.updated(), counts.unchanged(), rejected + repeats[0], lookalikes);
    }

    private StagedKind staged(RecordKind kind) {
        StagedKind staged = KINDS.get(kind);
        if (staged == null) {
            throw new IllegalArgumentException(kind + " records are not loaded through staging");
        }
        return staged;
    }

    private StagedLoad prepare(Viewer viewer, StagedKind kind) {
        if (kind.kind() == RecordKind.REVENUE) {
            // Revenue belongs to no person, so it is company data: only admins send it.
            policy.companyData(viewer, "send recurring revenue").orRefuse();
        }
        return new StagedLoad(kind, viewer.companyId(), dataSource, jdbc);
    }

    private RecordContext context(Viewer viewer, ReadingRules rules, String source) {
        Company company = organization.company(viewer);
        return new RecordContext(viewer, policy, directory.everyone(viewer.companyId()), new ValueReader(rules, ZoneId.of(company.timeZone())),
                source, company.currency(), types.keys(viewer.companyId()), stages.stages(viewer.companyId()))
                .withLoggerRule((personId, type) -> teamTypes.loggerRefusal(viewer.companyId(), personId, type));
    }

    private static List<FieldError> read(StagedKind kind, RawRecord record, RecordContext context, StagedLoad load) {
        if (record.unreadable() != null) {
            return List.of(new FieldError("record", null, record.unreadable()));
        }
        List<FieldError> errors = new ArrayList<>(2);
        Object[] values = kind.read(record, context, errors);
        if (errors.isEmpty()) {
            load.add(record.line(), record.fingerprint(), values);
        }
        return errors;
    }

    private static FieldError takeover(StagedKind kind) {
        return new FieldError(kind.ownerField(), null, "this record already belongs to someone you cannot record for; "
                + "only they, their team lead or a company admin can change it");
    }

    private void announce(Viewer viewer, RecordKind kind, long created, long updated) {
        if (created + updated > 0) {
            events.publishEvent(new RecordsIngested(viewer.companyId(), kind, created, updated));
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}

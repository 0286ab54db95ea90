package dev.northstar.connectors.internal;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.connectors.ConnectorFailing;
import dev.northstar.connectors.ConnectorRecovered;
import dev.northstar.connectors.ConnectorRun;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.shared.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs one pull: reads the source and loads its records through {@link Ingest} in one transaction, so a pull that fails
 * on its third page loads nothing; then records the run, moves the cursor past what was loaded, counts failures in a
 * row, and tells the admins (an event) when they reach the connector's threshold and when it works again.
 */
@Component
public class Puller {

    private static final Logger log = LoggerFactory.getLogger(Puller.class);
    private static final int REJECTIONS_KEPT = 50;

    private final ConnectorStore store;
    private final SecretSeal secrets;
    private final Ingest ingest;
    private final OrganizationDirectory directory;
    private final BoundedHttp http;
    private final JsonMapper json;
    private final PullLimits limits;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Puller(ConnectorStore store, SecretSeal secrets, Ingest ingest, OrganizationDirectory directory, BoundedHttp http, JsonMapper json,
           PullLimits limits, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.ingest = ingest;
        this.directory = directory;
        this.http = http;
        this.json = json;
        this.limits = limits;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** What a pull did, before it is recorded. */
    private record Result(long[] counts, List<ConnectorRun.Rejection> rejections, String cursorAfter) {
    }

    /** Pulls now and records the run; a failed pull is a run with its reason, not an exception. Empty if the connector is gone. */
    public java.util.Optional<ConnectorRun> pull(long companyId, long connectorId, String startedBy) {
        var found = store.connector(companyId, connectorId);
        if (found.isEmpty()) {
            return java.util.Optional.empty();
        }
        StoredConnector connector = found.get();
        Instant started = clock.instant();
        Result result = null;
        String error = null;
        try {
            result = transactions.execute(status -> load(connector));
        } catch (PullFailed | InvalidInputException | AccessRefusedException e) {
            error = e.getMessage();
        } catch (DataAccessException e) {
            error = "the records could not be stored: " + e.getMostSpecificCause().getMessage();
            log.warn("Pull of connector {} ({}) could not store its records", connector.id(), connector.name(), e);
        } catch (RuntimeException e) {
            error = "unexpected error (" + e.getClass().getSimpleName() + "); the server log has the details";
            log.error("Pull of connector {} ({}) failed unexpectedly", connector.id(), connector.name(), e);
        }
        Result done = result;
        String failure = error;
        Instant finished = clock.instant();
        return java.util.Optional.ofNullable(transactions.execute(status -> record(connector, startedBy, started, finished, done, failure)));
    }

    private Result load(StoredConnector connector) {
        Viewer runAs = directory.viewer(connector.companyId(), connector.runAs()).filter(Viewer::admin)
                .orElseThrow(() -> new PullFailed("it runs as the admin who saved it last, who is no longer an active company admin: "
                        + "an admin saves the connector again to run it as themselves"));
        ConnectorSecrets sealed = secrets.open(connector.secretSealed());
        RecordKind kind = RecordKind.byKey(connector.recordKind()).orElseThrow();
        List<ConnectorRun.Rejection> rejections = new ArrayList<>();
        Set<Long> rejected = new HashSet<>();
        try (RecordSource source = source(connector, sealed)) {
            PulledRecords records = new PulledRecords(source, connector.settings().mapping(), connector.cursorField(), limits.maxRecords);
            Ingest.LoadSummary summary = ingest.load(runAs, kind, records,
                    new Ingest.LoadOptions(ReadingRules.API, connector.source(), Ingest.Mode.COMMIT, Ingest.Lookalikes.IGNORE),
                    (line, label, errors) -> {
                        rejected.add(line);
                        if (rejections.size() < REJECTIONS_KEPT) {
                            errors.forEach(e -> rejections.add(new ConnectorRun.Rejection(line, label, e.field(), e.value(), e.reason())));
                        }
                    });
            return new Result(new long[]{summary.received(), summary.created(), summary.updated(), summary.unchanged(), summary.rejected()},
                    rejections, records.cursorAfter(rejected));
        }
    }

    private RecordSource source(StoredConnector connector, ConnectorSecrets sealed) {
        var settings = connector.settings();
        return switch (connector.kind()) {
            case HTTP_JSON -> new HttpJsonSource(http, json, limits, settings, Addresses.withCursor(settings.url(), connector.cursor()),
                    sealed.headers());
            case CSV_URL -> new CsvUrlSource(http, URI.create(Addresses.withCursor(settings.url(), connector.cursor())), sealed.headers(),
                    settings.delimiter());
            case JDBC -> new JdbcSource(settings.jdbcUrl(), settings.username(), sealed.password(), settings.query(), connector.cursor(), limits);
        };
    }

    private ConnectorRun record(StoredConnector connector, String startedBy, Instant started, Instant finished, Result result, String error) {
        boolean ok = result != null;
        long[] counts = ok ? result.counts() : new long[5];
        List<ConnectorRun.Rejection> rejections = ok ? result.rejections() : List.of();
        String cursorAfter = ok ? result.cursorAfter() : null;
        long runId = store.insertRun(connector.companyId(), connector.id(), startedBy, started, finished, ok, counts, rejections, error, cursorAfter);
        int failuresBefore = store.finish(connector.companyId(), connector.id(), ok, cursorAfter);
        if (!ok && failuresBefore + 1 == connector.alertAfter()) {
            events.publishEvent(new ConnectorFailing(connector.companyId(), connector.id(), connector.name(), failuresBefore + 1, error));
        }
        if (ok && failuresBefore >= connector.alertAfter()) {
            events.publishEvent(new ConnectorRecovered(connector.companyId(), connector.id(), connector.name(), counts[0]));
        }
        return new ConnectorRun(runId, startedBy, started, finished, ok, counts[0], counts[1], counts[2], counts[3], counts[4], rejections,
                error, cursorAfter);
    }
}

package dev.northstar.connectors;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.connectors.internal.ConnectorSecrets;
import dev.northstar.connectors.internal.ConnectorStore;
import dev.northstar.connectors.internal.ConnectorStore.Due;
import dev.northstar.connectors.internal.ConnectorStore.Saved;
import dev.northstar.connectors.internal.DraftCheck;
import dev.northstar.connectors.internal.PullFailed;
import dev.northstar.connectors.internal.PullSchedule;
import dev.northstar.connectors.internal.SecretSeal;
import dev.northstar.connectors.internal.PullTask;
import dev.northstar.connectors.internal.StoredConnector;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.NotFoundException;
import org.springframework.context.annotation.Lazy;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Company admins set up connectors (C10): what to read, how to map it, when; each save (re)schedules its pull in the
 * same transaction (db-scheduler's table is written through the transaction's connection). Secrets are sealed and
 * never shown again; leaving them out of an edit keeps them.
 */
@Service
@Transactional
public class Connectors {

    private final ConnectorStore store;
    private final DraftCheck check;
    private final SecretSeal secrets;
    private final AccessPolicy policy;
    private final PullTask task;
    private final SchedulerClient scheduler;
    private final Clock clock;

    Connectors(ConnectorStore store, DraftCheck check, SecretSeal secrets, AccessPolicy policy, PullTask task, @Lazy SchedulerClient scheduler,
               Clock clock) {
        this.store = store;
        this.check = check;
        this.secrets = secrets;
        this.policy = policy;
        this.task = task;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    /**
     * What an admin asks for. On an edit, null secret headers or password keep the ones saved (an empty map or "" clears
     * them); a non-null cursor replaces the saved one ("" starts again from the beginning).
     */
    public record Draft(String name, String kind, String recordKind, String source, String schedule, ConnectorSettings settings,
                        Map<String, String> secretHeaders, String password, String cursorField, String cursor, Boolean enabled,
                        Integer alertAfter) {
    }

    @Transactional(readOnly = true)
    public List<Connector> list(Viewer viewer) {
        mayManage(viewer);
        Map<Long, ConnectorRun> latest = store.latestRuns(viewer.companyId());
        Map<Long, Due> due = store.due(PullTask.NAME, viewer.companyId());
        return store.connectors(viewer.companyId()).stream().map(c -> view(c, latest.get(c.id()), due.get(c.id()))).toList();
    }

    @Transactional(readOnly = true)
    public Connector get(Viewer viewer, long id) {
        StoredConnector connector = find(viewer, id);
        return view(connector, store.latestRuns(viewer.companyId()).get(id), store.due(PullTask.NAME, viewer.companyId(), id).orElse(null));
    }

    @Transactional(readOnly = true)
    public List<ConnectorRun> runs(Viewer viewer, long id, int limit) {
        find(viewer, id);
        return store.runs(viewer.companyId(), id, Math.max(1, Math.min(limit, 500)));
    }

    public Connector create(Viewer viewer, Draft draft) {
        mayManage(viewer);
        Saved saved = check.saved(draft, viewer.personId(), null, ConnectorSecrets.NONE, secrets::seal);
        long id;
        try {
            id = store.insert(viewer.companyId(), saved, blankToNull(draft.cursor()), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The company already has a connector named " + saved.name() + ": choose another name");
        }
        plan(viewer.companyId(), id, saved);
        return get(viewer, id);
    }

    public Connector update(Viewer viewer, long id, Draft draft) {
        StoredConnector before = find(viewer, id);
        Saved saved = check.saved(draft, viewer.personId(), before, open(before), secrets::seal);
        try {
            store.update(viewer.companyId(), id, saved);
        } catch (DuplicateKeyException e) {
            throw new ConflictException("The company already has a connector named " + saved.name() + ": choose another name");
        }
        if (draft.cursor() != null) {
            store.setCursor(viewer.companyId(), id, blankToNull(draft.cursor()));
        }
        plan(viewer.companyId(), id, saved);
        return get(viewer, id);
    }

    public void delete(Viewer viewer, long id) {
        find(viewer, id);
        store.delete(viewer.companyId(), id);
        cancel(viewer.companyId(), id);
    }

    /** Refuses anyone who may not set up connectors (before a blank form is shown). */
    public void mayManage(Viewer viewer) {
        policy.companyData(viewer, "set up connectors").orRefuse();
    }

    /** Asks for a pull now, which whichever instance polls first runs; refused while one is running. */
    public Connector runNow(Viewer viewer, long id) {
        StoredConnector connector = find(viewer, id);
        Due due = store.due(PullTask.NAME, viewer.companyId(), id).orElse(null);
        if (due != null && due.running()) {
            throw new ConflictException("A pull of " + connector.name() + " is running now; its result will show here when it ends");
        }
        try {
            scheduler.schedule(PullTask.instance(viewer.companyId(), id, "hand"), clock.instant(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException e) {
            throw new ConflictException("A pull of " + connector.name() + " is running now; its result will show here when it ends");
        }
        return get(viewer, id);
    }

    private void plan(long companyId, long id, Saved saved) {
        if (!saved.enabled()) {
            cancel(companyId, id);
            return;
        }
        Due due = store.due(PullTask.NAME, companyId, id).orElse(null);
        if (due != null && due.running()) {
            return; // the running pull plans its next from the saved schedule when it ends
        }
        Instant next = PullSchedule.parse(saved.schedule()).next(clock.instant(), task.zone(companyId));
        try {
            scheduler.schedule(PullTask.instance(companyId, id, "schedule"), next, SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // picked since we looked: that pull plans its next from the saved schedule when it ends
        }
    }

    private void cancel(long companyId, long id) {
        Due due = store.due(PullTask.NAME, companyId, id).orElse(null);
        if (due != null && !due.running()) {
            try {
                scheduler.cancel(TaskInstanceId.of(PullTask.NAME, key(companyId, id)));
            } catch (TaskInstanceCurrentlyExecutingException e) {
                // picked since we looked: that pull finds the connector paused or gone when it ends, and stops
            }
        }
    }

    private StoredConnector find(Viewer viewer, long id) {
        mayManage(viewer);
        return store.connector(viewer.companyId(), id).orElseThrow(() -> new NotFoundException("Connector", id));
    }

    private ConnectorSecrets open(StoredConnector connector) {
        try {
            return secrets.open(connector.secretSealed());
        } catch (PullFailed e) {
            return ConnectorSecrets.NONE; // sealed with another key: the edit must enter them again
        }
    }

    private Connector view(StoredConnector c, ConnectorRun lastRun, Due next) {
        ConnectorSecrets sealed = open(c);
        return new Connector(c.id(), c.name(), c.kind(), c.recordKind(), c.source(), c.schedule(), c.settings(),
                sealed.headers().keySet().stream().sorted().toList(), sealed.password() != null && !sealed.password().isEmpty(),
                c.cursorField(), c.cursor(), c.enabled(), c.alertAfter(), c.consecutiveFailures(), lastRun,
                c.enabled() && next != null ? next.at() : null, next != null && next.running());
    }

    private static String key(long companyId, long id) {
        return companyId + ":" + id;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}

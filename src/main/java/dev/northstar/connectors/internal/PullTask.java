package dev.northstar.connectors.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.northstar.connectors.ConnectorRun;
import dev.northstar.organization.OrganizationService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.event.EventListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Each enabled connector is one db-scheduler execution, "connector-pull" / "companyId:connectorId", which one
 * instance at a time picks, runs and reschedules: at the schedule's next time after a success; after a failure at
 * the sooner of that and a backoff (30 s, 2 min, 8 min, ... times four each time). Its data says what started it.
 */
@Configuration
public class PullTask {

    public static final String NAME = "connector-pull";

    private final ConnectorStore store;
    private final OrganizationService organization;
    private final Duration retry;
    private final Clock clock;

    PullTask(ConnectorStore store, OrganizationService organization, @Value("${northstar.connectors.retry:30s}") Duration retry, Clock clock) {
        this.store = store;
        this.organization = organization;
        this.retry = retry;
        this.clock = clock;
    }

    @Bean
    CustomTask<String> connectorPull(@Lazy Puller puller) {
        return Tasks.custom(NAME, String.class)
                .onDeadExecutionRevive() // an instance that died mid-pull: the pull runs again (nothing of it was loaded)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofMinutes(5)))
                .execute((instance, context) -> {
                    long[] ids = ids(instance.getId());
                    Optional<ConnectorRun> run = puller.pull(ids[0], ids[1], instance.getData() == null ? "schedule" : instance.getData());
                    Optional<Planned> next = run.flatMap(r -> next(ids[0], ids[1], r.ok()));
                    return (CompletionHandler<String>) (complete, operations) -> {
                        if (next.isEmpty()) {
                            operations.remove();
                        } else {
                            operations.reschedule(complete, next.get().at(), next.get().startedBy());
                        }
                    };
                });
    }

    /** The next pull of a connector: when, and as what. */
    public record Planned(Instant at, String startedBy) {
    }

    /** After a pull: the next one, or nothing if the connector is gone or paused. */
    public Optional<Planned> next(long companyId, long connectorId, boolean ok) {
        return store.connector(companyId, connectorId).filter(StoredConnector::enabled).map(c -> {
            Instant now = clock.instant();
            Instant scheduled = PullSchedule.parse(c.schedule()).next(now, zone(companyId));
            if (ok || c.consecutiveFailures() == 0) {
                return new Planned(scheduled, "schedule");
            }
            Duration backoff = retry.multipliedBy((long) Math.pow(4, Math.min(10, c.consecutiveFailures() - 1)));
            Instant retryAt = now.plus(backoff);
            return retryAt.isBefore(scheduled) ? new Planned(retryAt, "retry") : new Planned(scheduled, "schedule");
        });
    }

    public ZoneId zone(long companyId) {
        return organization.timeZone(companyId);
    }

    public static TaskInstance<String> instance(long companyId, long connectorId, String startedBy) {
        return new TaskInstance<>(NAME, companyId + ":" + connectorId, startedBy);
    }

    static long[] ids(String instance) {
        int colon = instance.indexOf(':');
        return new long[]{Long.parseLong(instance.substring(0, colon)), Long.parseLong(instance.substring(colon + 1))};
    }

    /** At start: every enabled connector has its pull scheduled (a database restored from a backup may lack it). */
    @EventListener(ApplicationReadyEvent.class)
    void scheduleMissing(ApplicationReadyEvent ready) {
        SchedulerClient scheduler = ready.getApplicationContext().getBean(SchedulerClient.class);
        for (StoredConnector connector : store.enabledEverywhere()) {
            Instant at = PullSchedule.parse(connector.schedule()).next(clock.instant(), zone(connector.companyId()));
            scheduler.scheduleIfNotExists(instance(connector.companyId(), connector.id(), "schedule"), at);
        }
    }
}

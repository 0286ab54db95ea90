package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.Deals;
import dev.northstar.ingest.Deals.Win;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.RecordsIngested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Async;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Server-sent events for the pages people keep open (Home, the scope pages, the TV): "changed" when loads wrote
 * activities or deals, at most once per tick and company, so that the page fetches its numbers again; and "won" when a
 * deal was won, with who won what, so that the page celebrates. A win is told only to those who may see its owner.
 * Wins are found from the deals' stage history, right after each load on this instance and at every tick for the
 * loads of other instances. A stream that is no longer valid (a revoked TV link) is ended at the next heartbeat.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** A page reconnects by itself when its stream ends (EventSource does). */
    private static final Duration STREAM = Duration.ofMinutes(30);
    /** A win older than this is history being loaded, not news. */
    private static final Duration NEWS = Duration.ofHours(24);
    /** At most the latest this many wins are celebrated per look: a bulk load of today's wins must not flood the screens. */
    private static final int WINS_PER_LOOK = 5;
    /** How often an idle stream hears from the server (proxies close silent connections) and is checked still valid. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(25);

    /** One open page: who looks at it, its kind ("page", "tv:12"), whose wins are news to it, whether it may go on. */
    private record Subscriber(Viewer viewer, String tag, Predicate<PersonRef> hearsOfWinsBy, BooleanSupplier stillValid,
                              SseEmitter emitter) {
    }

    private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** The last stage change looked at, per company with subscribers. */
    private final Map<Long, Long> watermarks = new ConcurrentHashMap<>();
    /** Companies whose loads the open pages have not heard of yet. */
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    private final Deals deals;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final Clock clock;
    private volatile Instant lastHeartbeat = Instant.EPOCH;
    private volatile boolean closed;

    LiveUpdates(Deals deals, AccessPolicy policy, OrganizationDirectory directory, Clock clock) {
        this.deals = deals;
        this.policy = policy;
        this.directory = directory;
        this.clock = clock;
    }

    /** A page's stream of the viewer's company's changes and of the wins of the people the viewer may see. */
    public SseEmitter subscribe(Viewer viewer) {
        return subscribe(viewer, "page", owner -> policy.person(viewer, owner, Action.VIEW).allowed(), () -> true);
    }

    /**
     * A stream of the viewer's company's changes and of the wins of the owners {@code hearsOfWinsBy} accepts, ended once
     * {@code stillValid} says no (checked at each heartbeat) or {@link #end} names its tag.
     */
    public SseEmitter subscribe(Viewer viewer, String tag, Predicate<PersonRef> hearsOfWinsBy, BooleanSupplier stillValid) {
        SseEmitter emitter = new SseEmitter(STREAM.toMillis());
        if (closed) {
            emitter.complete(); // shutting down: the page reconnects to another instance
            return emitter;
        }
        Subscriber subscriber = new Subscriber(viewer, tag, hearsOfWinsBy, stillValid, emitter);
        synchronized (lockOf(viewer.companyId())) {
            watermarks.computeIfAbsent(viewer.companyId(), deals::lastChange);
            subscribers.computeIfAbsent(viewer.companyId(), id -> new CopyOnWriteArraySet<>()).add(subscriber);
        }
        emitter.onCompletion(() -> unsubscribe(subscriber));
        emitter.onTimeout(emitter::complete);
        emitter.onError(e -> unsubscribe(subscriber));
        send(subscriber, SseEmitter.event().comment("connected"));
        return emitter;
    }

    /** Ends the streams of a tag (a revoked TV link's). */
    public void end(String tag) {
        subscribers.values().forEach(watching -> watching.stream().filter(s -> s.tag().equals(tag)).forEach(s -> s.emitter().complete()));
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void recordsIngested(RecordsIngested event) {
        if ((event.kind() != RecordKind.ACTIVITIES && event.kind() != RecordKind.DEALS) || !subscribers.containsKey(event.companyId())) {
            return;
        }
        changed.add(event.companyId()); // told at the next tick: a load's many batches make one refresh
        if (event.kind() == RecordKind.DEALS) {
            lookForWins(event.companyId());
        }
    }

    /** Tells of the loads since the last tick, looks for other instances' wins, and now and then beats the heart. */
    @Scheduled(fixedDelayString = "${northstar.live.tick:2s}")
    void tick() {
        boolean heartbeat = clock.instant().isAfter(lastHeartbeat.plus(HEARTBEAT));
        for (Map.Entry<Long, Set<Subscriber>> company : subscribers.entrySet()) {
            if (changed.remove(company.getKey())) {
                company.getValue().forEach(s -> send(s, SseEmitter.event().name("changed").data("loaded")));
            }
            lookForWins(company.getKey());
            if (heartbeat) {
                company.getValue().forEach(s -> {
                    if (s.stillValid().getAsBoolean()) {
                        send(s, SseEmitter.event().comment("still here"));
                    } else {
                        s.emitter().complete();
                    }
                });
            }
        }
        if (heartbeat) {
            lastHeartbeat = clock.instant();
        }
    }

    /**
     * Tells of the wins since the last look, one company at a time. Stage changes are numbered as they are inserted;
     * one committed after a later-numbered one was looked at goes uncelebrated, which is acceptable for a cheer (the
     * numbers still count it).
     */
    private void lookForWins(long companyId) {
        synchronized (lockOf(companyId)) {
            Long after = watermarks.get(companyId);
            if (after == null) {
                return;
            }
            long upTo = deals.lastChange(companyId);
            if (upTo <= after) {
                return;
            }
            List<Win> wins = deals.winsAfter(companyId, after, upTo, clock.instant().minus(NEWS), WINS_PER_LOOK);
            watermarks.put(companyId, upTo);
            Set<Subscriber> watching = subscribers.getOrDefault(companyId, Set.of());
            for (Win win : wins) {
                PersonRef owner = directory.person(companyId, win.ownerId()).orElse(null);
                if (owner == null) {
                    continue;
                }
                String deal = win.name() == null ? "a deal" : win.name();
                String amount = win.amount() == null ? "" : ": " + Numbers.money(win.amount(), win.currency());
                Map<String, Object> told = Map.of("owner", win.ownerName(), "deal", deal, "text", win.ownerName() + " won " + deal + amount + "!");
                watching.stream().filter(s -> s.hearsOfWinsBy().test(owner)).forEach(s -> send(s, SseEmitter.event().name("won").data(told)));
            }
        }
    }

    /**
     * Ends every stream when the application stops, before the web server's graceful shutdown, which would otherwise
     * wait its whole timeout for streams that never end by themselves; the pages reconnect to the next instance.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        closed = true;
        subscribers.values().forEach(watching -> watching.forEach(s -> s.emitter().complete()));
        subscribers.clear();
    }

    private void send(Subscriber subscriber, SseEmitter.SseEventBuilder event) {
        try {
            subscriber.emitter().send(event);
        } catch (IOException | IllegalStateException e) {
            // The page went away; the container completes the stream and the completion callback forgets it.
            log.debug("A live stream of company {} is gone: {}", subscriber.viewer().companyId(), e.getMessage());
            unsubscribe(subscriber);
        }
    }

    /** Forgets a stream; a company nobody watches any more is forgotten too, so a later first page starts from now. */
    private void unsubscribe(Subscriber subscriber) {
        long companyId = subscriber.viewer().companyId();
        synchronized (lockOf(companyId)) {
            Set<Subscriber> watching = subscribers.get(companyId);
            if (watching != null) {
                watching.remove(subscriber);
                if (watching.isEmpty()) {
                    subscribers.remove(companyId);
                    watermarks.remove(companyId);
                    changed.remove(companyId);
                }
            }
        }
    }

    private Object lockOf(long companyId) {
        return locks.computeIfAbsent(companyId, id -> new Object());
    }
}

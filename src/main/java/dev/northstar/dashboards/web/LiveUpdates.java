package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.LongPredicate;

/**
 * Server-sent events for the pages people keep open (Home, the scope pages, the TV): "changed" when a load wrote
 * activities or deals, so that the page fetches its numbers again, and "won" when a deal was won, with who won what, so
 * that the page celebrates. A win is told only to those who may see its owner. Wins are found from the deals' stage
 * history, after each load on this instance and every few seconds for the loads of other instances.
 */
@Component
public class LiveUpdates {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** A page reconnects by itself when its stream ends (EventSource does). */
    private static final Duration STREAM = Duration.ofMinutes(30);
    /** A win older than this is history being loaded, not news. */
    private static final Duration NEWS = Duration.ofHours(24);
    /** At most this many wins celebrated per look: a bulk load of today's wins must not flood the screens. */
    private static final int WINS_PER_LOOK = 5;

    /** One open page: who looks at it, whose wins are news to it (by owner), and its stream. */
    private record Subscriber(Viewer viewer, LongPredicate hearsOfWinsBy, SseEmitter emitter) {
    }

    private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** The last stage change looked at, per company with subscribers. */
    private final Map<Long, Long> watermarks = new ConcurrentHashMap<>();
    private final Deals deals;
    private final AccessPolicy policy;
    private final Clock clock;

    LiveUpdates(Deals deals, AccessPolicy policy, Clock clock) {
        this.deals = deals;
        this.policy = policy;
        this.clock = clock;
    }

    /** A stream of the viewer's company's changes and the wins of the people the viewer may see. */
    public SseEmitter subscribe(Viewer viewer) {
        return subscribe(viewer, owner -> policy.person(viewer, owner, Action.VIEW).allowed());
    }

    /** A stream of the viewer's company's changes and the wins of the owners {@code hearsOfWinsBy} accepts. */
    public SseEmitter subscribe(Viewer viewer, LongPredicate hearsOfWinsBy) {
        SseEmitter emitter = new SseEmitter(STREAM.toMillis());
        Subscriber subscriber = new Subscriber(viewer, hearsOfWinsBy, emitter);
        watermarks.computeIfAbsent(viewer.companyId(), deals::lastChange);
        subscribers.computeIfAbsent(viewer.companyId(), id -> new CopyOnWriteArraySet<>()).add(subscriber);
        Runnable gone = () -> unsubscribe(subscriber);
        emitter.onCompletion(gone);
        emitter.onTimeout(gone);
        emitter.onError(e -> gone.run());
        send(subscriber, SseEmitter.event().comment("connected"));
        return emitter;
    }

    @Async
    @TransactionalEventListener(fallbackExecution = true)
    void recordsIngested(RecordsIngested event) {
        if (event.kind() != RecordKind.ACTIVITIES && event.kind() != RecordKind.DEALS) {
            return;
        }
        Set<Subscriber> watching = subscribers.get(event.companyId());
        if (watching == null || watching.isEmpty()) {
            return;
        }
        watching.forEach(s -> send(s, SseEmitter.event().name("changed").data(event.kind().name())));
        if (event.kind() == RecordKind.DEALS) {
            lookForWins(event.companyId());
        }
    }

    /** Wins loaded through other instances, and a comment that keeps idle streams open through proxies. */
    @Scheduled(fixedDelayString = "${northstar.live.poll-delay:5s}")
    void poll() {
        for (Map.Entry<Long, Set<Subscriber>> company : subscribers.entrySet()) {
            if (!company.getValue().isEmpty()) {
                lookForWins(company.getKey());
                company.getValue().forEach(s -> send(s, SseEmitter.event().comment("still here")));
            }
        }
    }

    /**
     * Tells of the wins since the last look. Stage changes are numbered as they are inserted; one committed after a
     * later-numbered one was looked at goes uncelebrated, which is acceptable for a cheer (the numbers still count it).
     */
    private synchronized void lookForWins(long companyId) {
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
        if (wins.isEmpty()) {
            return;
        }
        Set<Subscriber> watching = subscribers.getOrDefault(companyId, Set.of());
        for (Win win : wins) {
            String deal = win.name() == null ? "a deal" : win.name();
            String amount = win.amount() == null ? "" : ": " + Numbers.money(win.amount(), win.currency());
            Map<String, Object> told = Map.of("owner", win.ownerName(), "deal", deal, "text", win.ownerName() + " won " + deal + amount + "!");
            watching.stream()
                    .filter(s -> s.hearsOfWinsBy().test(win.ownerId()))
                    .forEach(s -> send(s, SseEmitter.event().name("won").data(told)));
        }
    }

    /**
     * Ends every stream when the application stops, before the web server's graceful shutdown, which would otherwise
     * wait its whole timeout for streams that never end by themselves; the pages reconnect to the next instance.
     */
    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
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

    private void unsubscribe(Subscriber subscriber) {
        Set<Subscriber> watching = subscribers.get(subscriber.viewer().companyId());
        if (watching != null) {
            watching.remove(subscriber);
        }
    }
}

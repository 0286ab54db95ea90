package dev.northstar.access.internal;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: after {@value #FREE_FAILURES} failures for one e-mail address, or
 * {@value #FREE_FAILURES_PER_ADDRESS} from one client address (many people may share an office's address),
 * further attempts are refused for a time that doubles with each failure, up to 15 minutes. A success clears the key; failures are forgotten 15 minutes after the last one.
 */
@Component
public class FailureThrottle {

    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    private static final Duration MAX_WAIT = Duration.ofMinutes(15);
    private static final int MAX_KEYS = 100_000;

    private record Failures(int count, Instant last) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    FailureThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the key must still wait before its next attempt is even checked; zero if it need not. */
    public Duration waitFor(String key) {
        Failures f = failures.get(key);
        int free = key.startsWith("email:") ? FREE_FAILURES : FREE_FAILURES_PER_ADDRESS;
        if (f == null || f.count() < free) {
            return Duration.ZERO;
        }
        Duration penalty = Duration.ofSeconds(1L << Math.min(f.count() - free, 20));
        Instant until = f.last().plus(penalty.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : penalty);
        Duration left = Duration.between(clock.instant(), until);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void failed(String key) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(f -> f.last().isBefore(now.minus(MAX_WAIT)));
        }
        failures.merge(key, new Failures(1, now), (old, one) -> old.last().isBefore(now.minus(MAX_WAIT))
                ? one : new Failures(old.count() + 1, now));
    }

    public void succeeded(String key) {
        failures.remove(key);
    }
}

package dev.northstar.analytics.internal;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Wake-ups of a company's rollups during a large load: never two runs at once, and none lost. */
class RollupTriggersTest {

    /** Counts runs and how many overlap; each run takes a moment, as a batch does. */
    static final class CountingWorker extends RollupWorker {
        final AtomicInteger runs = new AtomicInteger();
        final AtomicInteger atOnce = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile long lastRunStarted;

        CountingWorker() {
            super(null, null, null, Clock.systemUTC());
        }

        /** Answers "busy" this many times before it runs. */
        final AtomicInteger busyFor = new AtomicInteger();

        @Override
        public boolean catchUpUnlessBusy(long companyId) {
            if (busyFor.getAndDecrement() > 0) {
                return false;
            }
            lastRunStarted = System.nanoTime();
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            runs.incrementAndGet();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                atOnce.decrementAndGet();
            }
            return true;
        }
    }

    /**
     * A load that is adding its records holds the company's lock for moments: a wake-up (a definition changed) tries
     * again rather than leaving the rebuild to the next definition check, ten minutes later.
     */
    @Test
    void aWakeUpWhileTheLockIsTakenTriesAgain() {
        CountingWorker worker = new CountingWorker();
        worker.busyFor.set(2);
        new RollupTriggers(worker, null, 10).wake(7);
        assertThat(worker.runs.get()).as("ran once the lock was free").isEqualTo(1);
        assertThat(worker.busyFor.get()).as("asked three times").isEqualTo(-1);
    }

    @Test
    void wakeUpsWhileARunIsOnBecomeOneMoreRoundNotAWaitingThread() throws Exception {
        CountingWorker worker = new CountingWorker();
        RollupTriggers triggers = new RollupTriggers(worker, null, 10);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicLong lastAsked = new java.util.concurrent.atomic.AtomicLong();
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            done.add(pool.submit(() -> {
                start.await();
                lastAsked.accumulateAndGet(System.nanoTime(), Math::max);
                triggers.wake(7);
                return null;
            }));
        }
        start.countDown();
        for (var f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertThat(worker.mostAtOnce.get()).as("runs at once").isEqualTo(1);
        assertThat(worker.runs.get()).as("rounds for 200 wake-ups").isBetween(1, 199);
        // No wake-up is lost: a round started after the last one asked, so it saw that one's records.
        assertThat(worker.lastRunStarted).isGreaterThan(lastAsked.get());
        triggers.wake(7);
        assertThat(worker.runs.get()).as("a later wake-up runs again").isGreaterThan(1);
    }
}

package dev.northstar.shared;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A read-only transaction reads a value once; a transaction that writes, and code outside one, read every time. */
class ReadOnceTest {

    private final AtomicInteger reads = new AtomicInteger();

    @AfterEach
    void leaveNoTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            end();
        }
    }

    @Test
    void aReadOnlyTransactionReadsEachKeyOnce() {
        begin(true);
        assertThat(read("company", 1L)).isEqualTo(1);
        assertThat(read("company", 1L)).as("the same key: the value read first").isEqualTo(1);
        assertThat(read("company", 2L)).as("another key reads").isEqualTo(2);
        end();

        begin(true);
        assertThat(read("company", 1L)).as("the next transaction reads anew").isEqualTo(3);
    }

    @Test
    void aTransactionThatWritesReadsEveryTime() {
        begin(false);
        read("company", 1L);
        read("company", 1L);
        assertThat(reads).hasValue(2);
    }

    @Test
    void outsideATransactionEveryCallReads() {
        read("company", 1L);
        read("company", 1L);
        assertThat(reads).hasValue(2);
    }

    private int read(String what, long id) {
        return ReadOnce.in(List.of(what, id), reads::incrementAndGet);
    }

    private static void begin(boolean readOnly) {
        TransactionSynchronizationManager.initSynchronization();
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(readOnly);
    }

    /** What the transaction manager does at the end: the synchronizations hear of it, then are cleared. */
    private static void end() {
        List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
        synchronizations.forEach(s -> s.afterCompletion(TransactionSynchronization.STATUS_COMMITTED));
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.setCurrentTransactionReadOnly(false);
    }
}

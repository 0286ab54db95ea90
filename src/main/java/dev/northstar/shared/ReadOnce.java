package dev.northstar.shared;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads that a read-only transaction makes once: the company's settings, its metric definitions, a team's department.
 * Answering one dashboard question asks for them from several modules (the policy, the catalog, targets, the
 * evaluator), and each ask was a round trip. Within a read-only transaction nothing this application does changes
 * them, and at repeatable read the database would answer the same; outside one, or in a transaction that writes,
 * every call reads.
 */
public final class ReadOnce {

    private static final Object RESOURCE = ReadOnce.class;

    private ReadOnce() {
    }

    /**
     * The value read under this key earlier in the current read-only transaction, else {@code read}'s (kept for the
     * rest of the transaction). Keys name what is read and its arguments, e.g. {@code List.of("company", companyId)};
     * values should be immutable, since every caller in the transaction shares them.
     */
    @SuppressWarnings("unchecked")
    public static <T> T in(List<Object> key, Supplier<T> read) {
        if (!TransactionSynchronizationManager.isSynchronizationActive() || !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
            return read.get();
        }
        Map<List<Object>, Object> reads = (Map<List<Object>, Object>) TransactionSynchronizationManager.getResource(RESOURCE);
        if (reads == null) {
            Map<List<Object>, Object> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(RESOURCE, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(RESOURCE);
                }
            });
            reads = fresh;
        }
        if (reads.containsKey(key)) {
            return (T) reads.get(key);
        }
        T value = read.get();
        reads.put(key, value);
        return value;
    }
}

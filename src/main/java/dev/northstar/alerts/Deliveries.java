package dev.northstar.alerts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.DeliveryStore;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Set;

/** The delivery log: every e-mail and webhook post of the company, with each attempt; for company admins. */
@Service
@Transactional(readOnly = true)
public class Deliveries {

    public static final int LONGEST_LIST = 500;
    public static final List<String> STATES = List.of("pending", "sent", "gave_up");
    public static final List<String> CHANNELS = List.of("email", "webhook");

    private final DeliveryStore store;
    private final AccessPolicy policy;

    Deliveries(DeliveryStore store, AccessPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Newest first; {@code state} and {@code channel} may be null or blank for any. */
    public List<Delivery> log(Viewer viewer, String state, String channel, int limit) {
        policy.companyData(viewer, "read the delivery log").orRefuse();
        if (limit < 1 || limit > LONGEST_LIST) {
            throw new InvalidInputException("limit", "must be 1 to " + LONGEST_LIST);
        }
        return store.log(viewer.companyId(), oneOf("state", state, STATES), oneOf("channel", channel, CHANNELS), limit);
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Set.copyOf(allowed).contains(value)) {
            throw new InvalidInputException(field, "must be one of " + String.join(", ", allowed) + ", not " + value);
        }
        return value;
    }
}

package dev.northstar.ingest.demo;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something a person did. {@code quantity} is the length in minutes for calls and null otherwise;
 * {@code accountRef} and {@code dealRef} name a generated account and deal, when the activity was about one.
 */
public record GeneratedActivity(String externalId, String type, long personId, String personEmail,
                                OffsetDateTime occurredAt, Integer quantity, String accountRef, String dealRef) {

    /** The activity as a record of the activities API ({@code POST /api/v1/activities}), for benchmarks. */
    public Map<String, Object> toApiRecord(String source) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("externalId", externalId);
        record.put("source", source);
        record.put("type", type);
        record.put("personEmail", personEmail);
        record.put("occurredAt", occurredAt.toString());
        if (quantity != null) record.put("quantity", quantity);
        if (accountRef != null) record.put("accountRef", accountRef);
        if (dealRef != null) record.put("dealRef", dealRef);
        return record;
    }
}

package dev.northstar.ingest.internal;

import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.RawRecord;
import dev.northstar.ingest.RecordKind;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** Activities, upserted by (source, external id). */
public final class ActivityKind extends StagedKind {

    @Override
    public RecordKind kind() {
        return RecordKind.ACTIVITIES;
    }

    @Override
    String ownerColumn() {
        return "person_id";
    }

    @Override
    public String ownerField() {
        return "person";
    }

    @Override
    String table() {
        return "activity";
    }

    @Override
    List<Column> keys() {
        return List.of(new Column("source", "text"), new Column("external_id", "text"));
    }

    @Override
    List<Column> values() {
        return List.of(new Column("type", "text"), new Column("person_id", "bigint"), new Column("occurred_at", "timestamptz"),
                new Column("quantity", "numeric"), new Column("account_ref", "text"), new Column("deal_ref", "text"));
    }

    @Override
    List<String> cellColumns() {
        return List.of("person_id", "occurred_at");
    }

    /** An activity counts on the company's day at its occurred time. */
    @Override
    List<String> cells(String alias, String zone) {
        return List.of("(" + alias + ".person_id, (" + alias + ".occurred_at at time zone " + zone + ")::date)");
    }

    @Override
    public Object[] read(RawRecord record, RecordContext context, List<FieldError> errors) {
        String source = context.source(record.get("source"), errors);
        String externalId = required(record, "externalId", "the id of this activity in the system it comes from", errors);
        String type = required(record, "type", "e.g. call, email, meeting", errors);
        if (type != null && !context.isActivityType(type)) {
            errors.add(new FieldError("type", type, "is not an activity type of this company; known: " + context.activityTypes()));
        }
        PersonRef person = person(record, context, errors);
        OffsetDateTime occurredAt = instant(record, "occurredAt", context.values(), errors);
        if (occurredAt == null && record.get("occurredAt") == null) {
            errors.add(new FieldError("occurredAt", null, "is required, e.g. 2026-05-04T09:30:00Z"));
        }
        BigDecimal quantity = amount(record, "quantity", context.values(), 4, errors);
        String accountRef = optional(record, "accountRef", errors);
        String dealRef = optional(record, "dealRef", errors);
        if (person != null && type != null && context.isActivityType(type)) {
            context.loggerRefusal(source, person.id(), type).ifPresent(reason -> errors.add(new FieldError("type", type, reason)));
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Object[]{source, externalId, type, person.id(), occurredAt, quantity, accountRef, dealRef};
    }

    /** Who did it: {@code person} (e-mail, name or id), or the API's {@code personEmail} or {@code personId}. */
    static PersonRef person(RawRecord record, RecordContext context, List<FieldError> errors) {
        for (String field : List.of("person", "personEmail", "personId")) {
            String value = record.get(field);
            if (value != null) {
                if (field.equals("personId") && !value.strip().chars().allMatch(Character::isDigit)) {
                    errors.add(new FieldError(field, value, "must be a number"));
                    return null;
                }
                return context.person(field, value, errors);
            }
        }
        errors.add(new FieldError("person", null, "is required (or personEmail or personId): who did it"));
        return null;
    }
}

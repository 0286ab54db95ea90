package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.BatchResult.RecordResult;
import dev.northstar.organization.OrganizationService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Activities in: each record is checked on its own and gets its own answer (created, updated, unchanged or
 * rejected with the field and reason); valid records are upserted by (source, external id) in one transaction.
 */
@Service
@Transactional
public class ActivityIngest {

    public static final int MAX_BATCH = 10_000;
    static final String DEFAULT_SOURCE = "api";

    /** A valid activity, ready to store. */
    record Activity(String source, String externalId, String type, long personId, OffsetDateTime occurredAt,
                    BigDecimal quantity, String accountRef, String dealRef) {
    }

    private final JdbcClient jdbc;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final ActivityTypes types;
    private final TeamActivityTypes teamTypes;

    ActivityIngest(JdbcClient jdbc, AccessPolicy policy, OrganizationDirectory directory, OrganizationService organization,
                   ActivityTypes types, TeamActivityTypes teamTypes) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.types = types;
        this.teamTypes = teamTypes;
    }

    /** Checks and stores a batch of activities, each a JSON object as parsed into a map. */
    public BatchResult ingest(Viewer viewer, List<?> records) {
        Set<String> knownTypes = types.keys(viewer.companyId());
        ZoneId zone = ZoneId.of(organization.company(viewer).timeZone());
        Map<String, Integer> seen = new HashMap<>();
        List<RecordResult> results = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            List<FieldError> errors = new ArrayList<>();
            Object raw = records.get(i);
            if (!(raw instanceof Map<?, ?> record)) {
                results.add(new RecordResult(i, null, Outcome.REJECTED, null, List.of(new FieldError("record", "must be a JSON object"))));
                continue;
            }
            Activity activity = parse(viewer, record, knownTypes, zone, errors);
            if (activity != null) {
                checkTeamTypes(viewer, activity, errors);
            }
            String externalId = text(record.get("externalId"));
            if (activity != null) {
                Integer earlier = seen.putIfAbsent(activity.source() + "\u0000" + activity.externalId(), i);
                if (earlier != null) {
                    errors.add(new FieldError("externalId", "repeats record " + earlier + " of this batch (same source and external id)"));
                }
            }
            if (!errors.isEmpty() || activity == null) {
                results.add(new RecordResult(i, externalId, Outcome.REJECTED, null, List.copyOf(errors)));
                continue;
            }
            results.add(store(viewer.companyId(), i, activity));
        }
        return BatchResult.of(results);
    }

    private Activity parse(Viewer viewer, Map<?, ?> record, Set<String> knownTypes, ZoneId zone, List<FieldError> errors) {
        String externalId = text(record.get("externalId"));
        if (externalId == null || externalId.isBlank()) {
            errors.add(new FieldError("externalId", "is required: the id of this activity in the system it comes from"));
        } else if (externalId.length() > 200) {
            errors.add(new FieldError("externalId", "must be at most 200 characters"));
        }
        String source = Optional.ofNullable(text(record.get("source"))).filter(s -> !s.isBlank()).orElse(DEFAULT_SOURCE);
        if (source.length() > 100) {
            errors.add(new FieldError("source", "must be at most 100 characters"));
        }
        String type = text(record.get("type"));
        if (type == null || type.isBlank()) {
            errors.add(new FieldError("type", "is required, e.g. call, email, meeting"));
        } else if (!knownTypes.contains(type)) {
            errors.add(new FieldError("type", "'" + type + "' is not an activity type of this company; known: " + new java.util.TreeSet<>(knownTypes)));
        }
        PersonRef person = person(viewer, record, errors);
        if (person != null) {
            var decision = policy.recordFor(viewer, person);
            if (!decision.allowed()) {
                errors.add(new FieldError(record.get("personId") != null ? "personId" : "personEmail", decision.reason()));
            }
        }
        OffsetDateTime occurredAt = instant(record.get("occurredAt"), zone, errors);
        BigDecimal quantity = null;
        Object rawQuantity = record.get("quantity");
        if (rawQuantity != null) {
            try {
                quantity = new BigDecimal(rawQuantity.toString());
                if (quantity.signum() < 0) {
                    errors.add(new FieldError("quantity", "must not be negative, got " + quantity));
                } else if (quantity.scale() > 4 || quantity.precision() - quantity.scale() > 14) {
                    errors.add(new FieldError("quantity", "has too many digits (at most 14 before and 4 after the point)"));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("quantity", "must be a number, got '" + rawQuantity + "'"));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Activity(source, externalId.strip(), type, person.id(), occurredAt, quantity,
                text(record.get("accountRef")), text(record.get("dealRef")));
    }

    private PersonRef person(Viewer viewer, Map<?, ?> record, List<FieldError> errors) {
        Object id = record.get("personId");
        String email = text(record.get("personEmail"));
        if (id == null && (email == null || email.isBlank())) {
            errors.add(new FieldError("personId", "is required (or personEmail): who did it"));
            return null;
        }
        if (id != null) {
            long personId;
            try {
                personId = Long.parseLong(id.toString());
            } catch (NumberFormatException e) {
                errors.add(new FieldError("personId", "must be a number, got '" + id + "'"));
                return null;
            }
            return directory.person(viewer.companyId(), personId).orElseGet(() -> {
                errors.add(new FieldError("personId", "no person " + personId + " in this company"));
                return null;
            });
        }
        return directory.personByEmail(viewer.companyId(), email.strip()).orElseGet(() -> {
            errors.add(new FieldError("personEmail", "no person with the e-mail address " + email.strip() + " in this company"));
            return null;
        });
    }

    /**
     * Hook of the activity logger: a person logs by hand only the types their team logs (chosen by company
     * admins, see {@link TeamActivityTypes}). Only for source "logger": the choice says what a team tracks by
     * hand, while other sources (a CRM, a dialer, a file) report what happened in their systems. Refusing those
     * would lose real activity and break an integration whenever an admin narrows a team's list.
     */
    private void checkTeamTypes(Viewer viewer, Activity activity, List<FieldError> errors) {
        if (TeamActivityTypes.LOGGER_SOURCE.equals(activity.source())) {
            teamTypes.loggerRefusal(viewer.companyId(), activity.personId(), activity.type())
                    .ifPresent(reason -> errors.add(new FieldError("type", reason)));
        }
    }

    /** An instant with an offset, or a local date-time or date, read in the company's time zone. */
    static OffsetDateTime instant(Object raw, ZoneId zone, List<FieldError> errors) {
        String value = text(raw);
        if (value == null || value.isBlank()) {
            errors.add(new FieldError("occurredAt", "is required, e.g. 2026-05-04T09:30:00Z"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value);
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toOffsetDateTime();
                } catch (DateTimeParseException notADate) {
                    errors.add(new FieldError("occurredAt", "'" + value + "' is not a date and time; use ISO 8601, e.g. 2026-05-04T09:30:00Z"));
                    return null;
                }
            }
        }
    }

    /** The upsert's answer; no row at all means the stored activity already had these values. */
    private record Written(long id, boolean created) {
    }

    /** A stored activity, as the API shows it. */
    public record StoredActivity(long id, String source, String externalId, String type, long personId, Instant occurredAt,
                                 BigDecimal quantity, String accountRef, String dealRef) {
    }

    private RecordResult store(long companyId, int index, Activity a) {
        var written = jdbc.sql("""
                        insert into activity (company_id, source, external_id, type, person_id, occurred_at, quantity, account_ref, deal_ref)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (company_id, source, external_id) do update set
                            type = excluded.type, person_id = excluded.person_id, occurred_at = excluded.occurred_at,
                            quantity = excluded.quantity, account_ref = excluded.account_ref, deal_ref = excluded.deal_ref,
                            updated_at = now()
                        where (activity.type, activity.person_id, activity.occurred_at, activity.quantity, activity.account_ref, activity.deal_ref)
                              is distinct from
                              (excluded.type, excluded.person_id, excluded.occurred_at, excluded.quantity, excluded.account_ref, excluded.deal_ref)
                        returning id, xmax = 0""")
                .params(companyId, a.source(), a.externalId(), a.type(), a.personId(), a.occurredAt(), a.quantity(), a.accountRef(), a.dealRef())
                .query((rs, n) -> new Written(rs.getLong(1), rs.getBoolean(2))).optional();
        if (written.isPresent()) {
            return new RecordResult(index, a.externalId(), written.get().created() ? Outcome.CREATED : Outcome.UPDATED, written.get().id(), List.of());
        }
        long id = jdbc.sql("select id from activity where company_id = ? and source = ? and external_id = ?")
                .params(companyId, a.source(), a.externalId()).query(Long.class).single();
        return new RecordResult(index, a.externalId(), Outcome.UNCHANGED, id, List.of());
    }

    /** The activities of one person in [from, to), newest first, at most {@code limit}. */
    @Transactional(readOnly = true)
    public List<StoredActivity> activitiesOf(Viewer viewer, long personId, Instant from, Instant to, int limit) {
        policy.person(viewer, personId, AccessPolicy.Action.VIEW).orRefuse();
        return jdbc.sql("""
                        select id, source, external_id, type, person_id, occurred_at, quantity, account_ref, deal_ref from activity
                        where company_id = ? and person_id = ? and occurred_at >= ? and occurred_at < ?
                        order by occurred_at desc, id desc limit ?""")
                .params(viewer.companyId(), personId, from.atOffset(java.time.ZoneOffset.UTC), to.atOffset(java.time.ZoneOffset.UTC), limit)
                .query((rs, n) -> new StoredActivity(rs.getLong("id"), rs.getString("source"), rs.getString("external_id"),
                        rs.getString("type"), rs.getLong("person_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                        rs.getBigDecimal("quantity"), rs.getString("account_ref"), rs.getString("deal_ref")))
                .list();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}

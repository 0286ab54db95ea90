package dev.northstar.ingest;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityIngest.StoredActivity;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.BatchResult.Outcome;
import dev.northstar.ingest.BatchResult.RecordResult;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.shared.NotFoundException;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The activity logger (C6, seed 000): a person logs what they did; a team lead also for the members of the
 * teams they lead, a company admin for anyone ({@link AccessPolicy#recordFor} decides). An entry goes through
 * {@link ActivityIngest} like any record from outside, with source {@value TeamActivityTypes#LOGGER_SOURCE} and a
 * new external id, so its checks and access are exactly those of the API; the only addition is that a team logs
 * the types its company admins chose for it.
 */
@Service
public class ActivityLogger {

    /** How many of a person's activities the logger shows below its form. */
    public static final int RECENT = 10;

    /** What was typed into the form, as typed: the ingest checks it. Blank optional fields mean absent. */
    public record Entry(long personId, String type, String occurredAt, String quantity, String accountRef, String dealRef) {
    }

    /** The answer: logged, with a summary such as "call for Anna Smith at 14:05", or refused with field errors. */
    public record Result(boolean logged, String summary, List<FieldError> errors) {
    }

    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final ActivityIngest ingest;
    private final TeamActivityTypes teamTypes;
    private final OrganizationService organization;
    private final OrganizationDirectory directory;
    private final AccessPolicy policy;
    private final Clock clock;

    ActivityLogger(ActivityIngest ingest, TeamActivityTypes teamTypes, OrganizationService organization,
                   OrganizationDirectory directory, AccessPolicy policy, Clock clock) {
        this.ingest = ingest;
        this.teamTypes = teamTypes;
        this.organization = organization;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    /** The people the viewer may log for: themselves first, then the others by name. */
    public List<Person> people(Viewer viewer) {
        return organization.people(viewer).stream()
                .filter(p -> policy.recordFor(viewer, new PersonRef(p.id(), p.displayName(), p.teamId(), p.departmentId())).allowed())
                .sorted(Comparator.comparing((Person p) -> p.id() != viewer.personId()).thenComparing(p -> p.displayName().toLowerCase()))
                .toList();
    }

    /** The types this person logs (those of their team), if the viewer may log for them. */
    public List<ActivityType> types(Viewer viewer, long personId) {
        PersonRef person = directory.person(viewer.companyId(), personId).orElseThrow(() -> new NotFoundException("Person", personId));
        policy.recordFor(viewer, person).orRefuse();
        return teamTypes.allowed(viewer.companyId(), person.teamId());
    }

    /** Now in the company's time zone, to the minute: what the form's "when" starts with. */
    public LocalDateTime now(Viewer viewer) {
        return LocalDateTime.now(clock.withZone(zone(viewer))).truncatedTo(ChronoUnit.MINUTES);
    }

    public ZoneId zone(Viewer viewer) {
        return ZoneId.of(organization.company(viewer).timeZone());
    }

    /** The person's latest activities, from any source, newest first. */
    public List<StoredActivity> recent(Viewer viewer, long personId) {
        return ingest.activitiesOf(viewer, personId, Instant.EPOCH, FAR_FUTURE, RECENT);
    }

    public Result log(Viewer viewer, Entry entry) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("source", TeamActivityTypes.LOGGER_SOURCE);
        record.put("externalId", UUID.randomUUID().toString());
        record.put("personId", entry.personId());
        putUnlessBlank(record, "type", entry.type());
        putUnlessBlank(record, "occurredAt", entry.occurredAt());
        putUnlessBlank(record, "quantity", entry.quantity());
        putUnlessBlank(record, "accountRef", entry.accountRef());
        putUnlessBlank(record, "dealRef", entry.dealRef());
        RecordResult result = ingest.ingest(viewer, List.of(record)).results().get(0);
        if (result.outcome() == Outcome.REJECTED) {
            return new Result(false, null, result.errors());
        }
        return new Result(true, summary(viewer, entry), List.of());
    }

    /** "call for Anna Smith at 14:05", with the date when it was not today. */
    private String summary(Viewer viewer, Entry entry) {
        String type = types(viewer, entry.personId()).stream().filter(t -> t.key().equals(entry.type())).findFirst()
                .map(t -> t.builtIn() ? t.name().toLowerCase() : t.name()).orElse(entry.type());
        String person = directory.person(viewer.companyId(), entry.personId()).map(PersonRef::name).orElseThrow();
        String when;
        try {
            LocalDateTime at = LocalDateTime.parse(entry.occurredAt().strip());
            when = (at.toLocalDate().equals(now(viewer).toLocalDate()) ? "" : "on " + at.toLocalDate() + " ")
                    + "at " + at.toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        } catch (DateTimeParseException notFromTheForm) { // the form sends a local date-time; anything else as sent
            when = "at " + entry.occurredAt().strip();
        }
        return type + " for " + person + " " + when;
    }

    private static void putUnlessBlank(Map<String, Object> record, String key, String value) {
        if (value != null && !value.isBlank()) {
            record.put(key, value.strip());
        }
    }
}

package dev.northstar.ingest.internal;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Decision;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.PipelineStages.Stage;
import dev.northstar.ingest.TeamActivityTypes;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What reading the records of one load needs to know, looked up once for the whole load rather than once a record:
 * the people (by id, e-mail and name) and whether the viewer may record for each, the activity types, the
 * pipeline stages, the company's currency, and how values are written.
 */
public final class RecordContext {

    /** Says why a person may not log a type by hand, if they may not. */
    @FunctionalInterface
    public interface LoggerRule {
        java.util.Optional<String> refusal(long personId, String type);
    }

    private static final PersonEntry AMBIGUOUS = new PersonEntry(new PersonRef(-1, "", null, null), "", false);

    private final Viewer viewer;
    private final AccessPolicy policy;
    private final ValueReader values;
    private final String source;
    private final String currency;
    private final Set<String> activityTypes;
    private final List<Stage> stages;
    private final Map<Long, PersonEntry> byId = new HashMap<>();
    private final Map<String, PersonEntry> byEmail = new HashMap<>();
    private final Map<String, PersonEntry> byName = new HashMap<>();
    private final Map<Long, Decision> decisions = new HashMap<>();
    private LoggerRule loggerRule = (person, type) -> java.util.Optional.empty();

    public RecordContext(Viewer viewer, AccessPolicy policy, List<PersonEntry> people, ValueReader values, String source,
                         String currency, Set<String> activityTypes, List<Stage> stages) {
        this.viewer = viewer;
        this.policy = policy;
        this.values = values;
        this.source = source;
        this.currency = currency;
        this.activityTypes = activityTypes;
        this.stages = stages;
        for (PersonEntry person : people) {
            byId.put(person.ref().id(), person);
            byEmail.put(person.email().toLowerCase(Locale.ROOT), person);
            byName.merge(person.ref().name().strip().toLowerCase(Locale.ROOT), person, (a, b) -> AMBIGUOUS);
        }
    }

    public RecordContext withLoggerRule(LoggerRule rule) {
        this.loggerRule = rule;
        return this;
    }

    /**
     * A person logs by hand only the types their team logs (chosen by company admins). Only for the logger's
     * source: the choice says what a team tracks by hand, while other sources (a CRM, a dialer, a file) report what
     * happened in their systems; refusing those would lose real activity whenever an admin narrows a team's list.
     */
    public java.util.Optional<String> loggerRefusal(String source, long personId, String type) {
        return TeamActivityTypes.LOGGER_SOURCE.equals(source) ? loggerRule.refusal(personId, type) : java.util.Optional.empty();
    }

    /** Company admins may write records that belong to nobody (an account without owner). */
    public boolean viewerIsAdmin() {
        return viewer.admin();
    }

    public ValueReader values() {
        return values;
    }

    public String currency() {
        return currency;
    }

    /** The source a record belongs to: the one the load forces (file import, webhook), else its own, else "api". */
    public String source(String own, List<FieldError> errors) {
        if (source != null) {
            return source;
        }
        String chosen = own == null ? "api" : own.strip();
        if (chosen.length() > 100) {
            errors.add(new FieldError("source", own, "must be at most 100 characters"));
        } else if (chosen.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("source", chosen.replace('\u0000', '\uFFFD'), "must not contain the NUL character"));
        }
        return chosen;
    }

    public boolean isActivityType(String key) {
        return activityTypes.contains(key);
    }

    public Set<String> activityTypes() {
        return new TreeSet<>(activityTypes);
    }

    public Stage stage(String text) {
        return stages.stream().filter(s -> s.isNamed(text)).findFirst().orElse(null);
    }

    public List<String> stageNames() {
        return stages.stream().map(Stage::name).toList();
    }

    /** Whether the viewer may record for the person with this id (someone who already owns a record). */
    public boolean mayRecordFor(long personId) {
        PersonEntry person = byId.get(personId);
        return person != null && decisions.computeIfAbsent(personId, id -> policy.recordFor(viewer, person.ref())).allowed();
    }

    /**
     * The person a field names: by id (digits), e-mail address (with @) or full name; null with an error when
     * unknown, ambiguous, or when the viewer may not record for them.
     */
    public PersonRef person(String field, String text, List<FieldError> errors) {
        String wanted = text.strip();
        PersonEntry found;
        if (wanted.indexOf('@') > 0) {
            found = byEmail.get(wanted.toLowerCase(Locale.ROOT));
        } else if (!wanted.isEmpty() && wanted.chars().allMatch(Character::isDigit) && wanted.length() < 19) {
            found = byId.get(Long.parseLong(wanted));
        } else {
            found = byName.get(wanted.toLowerCase(Locale.ROOT));
        }
        if (found == AMBIGUOUS) {
            errors.add(new FieldError(field, text, "more than one person is called '" + wanted + "'; use the e-mail address"));
            return null;
        }
        if (found == null) {
            errors.add(new FieldError(field, text, "no person '" + wanted + "' in this company (give an e-mail address, full name or id)"));
            return null;
        }
        Decision decision = decisions.computeIfAbsent(found.ref().id(), id -> policy.recordFor(viewer, found.ref()));
        if (!decision.allowed()) {
            errors.add(new FieldError(field, text, decision.reason()));
            return null;
        }
        return found.ref();
    }
}

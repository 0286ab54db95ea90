package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityIngest;
import dev.northstar.ingest.ActivityIngest.StoredActivity;
import dev.northstar.ingest.ActivityTypes;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import dev.northstar.ingest.internal.IdempotentRequests;
import dev.northstar.ingest.internal.IdempotentRequests.Answer;
import dev.northstar.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Activities", description = "What people do: calls, e-mails, meetings and the company's own activity types")
class ActivitiesApi {

    private final ActivityIngest ingest;
    private final ActivityTypes types;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    ActivitiesApi(ActivityIngest ingest, ActivityTypes types, IdempotentRequests idempotent, JsonMapper json) {
        this.ingest = ingest;
        this.types = types;
        this.idempotent = idempotent;
        this.json = json;
    }

    @PostMapping(path = "/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of up to 10,000 activities",
            description = "A JSON array of activities, or {\"records\": [...]}. Each has externalId, type, personId or personEmail, "
                    + "occurredAt (ISO 8601; without an offset it is read in the company's time zone), and optionally source "
                    + "(default 'api'), quantity, accountRef, dealRef. Records are upserted by (source, externalId): sending the "
                    + "same batch twice changes nothing. The answer says per record: CREATED, UPDATED, UNCHANGED, or REJECTED "
                    + "with the field and reason. With an Idempotency-Key header, a retry returns the first answer.")
    ResponseEntity<String> send(Viewer viewer, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody String body) {
        Answer answer = idempotent.once(viewer, key, body, () -> new Answer(200, write(ingest.ingest(viewer, records(body)))));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    @GetMapping("/activities")
    @Operation(summary = "A person's activities in [from, to), newest first (at most 1,000)")
    List<StoredActivity> activities(Viewer viewer, @RequestParam long personId,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to) {
        return ingest.activitiesOf(viewer, personId, from != null ? from : Instant.EPOCH,
                to != null ? to : Instant.parse("9999-01-01T00:00:00Z"), 1_000);
    }

    @GetMapping("/activity-types")
    @Operation(summary = "The built-in and the company's own activity types")
    List<ActivityType> types(Viewer viewer) {
        return types.all(viewer);
    }

    record TypeRequest(String key, String name) {
    }

    @PostMapping("/activity-types")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a custom activity type, e.g. demo_held (company admins)")
    ActivityType addType(Viewer viewer, @RequestBody TypeRequest request) {
        return types.create(viewer, request.key(), request.name());
    }

    private List<?> records(String body) {
        Object parsed;
        try {
            parsed = json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new InvalidInputException("body", "is not valid JSON: " + e.getOriginalMessage());
        }
        if (parsed instanceof Map<?, ?> wrapper && wrapper.get("records") instanceof List<?> list) {
            parsed = list;
        }
        if (!(parsed instanceof List<?> records)) {
            throw new InvalidInputException("body", "must be a JSON array of activities, or an object with a 'records' array");
        }
        if (records.size() > ActivityIngest.MAX_BATCH) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "A batch holds at most " + ActivityIngest.MAX_BATCH + " records; this one has " + records.size() + ". Split it.");
        }
        return records;
    }

    private String write(Object value) {
        return json.writeValueAsString(value);
    }
}

package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.ActivityIngest;
import dev.northstar.ingest.ActivityIngest.StoredActivity;
import dev.northstar.ingest.ActivityTypes;
import dev.northstar.ingest.ActivityTypes.ActivityType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Activities", description = "What people do: calls, e-mails, meetings and the company's own activity types")
class ActivitiesApi {

    private final ActivityIngest ingest;
    private final ActivityTypes types;

    ActivitiesApi(ActivityIngest ingest, ActivityTypes types) {
        this.ingest = ingest;
        this.types = types;
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
}

package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.TeamActivityTypes;
import dev.northstar.ingest.TeamActivityTypes.TeamTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Which activity types a team logs with the activity logger. Access is decided by {@link TeamActivityTypes}. */
@RestController
@RequestMapping(path = "/api/v1/teams/{id}/activity-types", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Activities")
class TeamActivityTypesApi {

    private final TeamActivityTypes teamTypes;

    TeamActivityTypesApi(TeamActivityTypes teamTypes) {
        this.teamTypes = teamTypes;
    }

    @GetMapping
    @Operation(summary = "The activity types a team logs with the activity logger",
            description = "everyType is true while no choice was made: the team then logs every type of the company, also ones added later.")
    TeamTypes get(Viewer viewer, @PathVariable long id) {
        return teamTypes.of(viewer, id);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Choose the activity types a team logs with the activity logger (company admins)",
            description = "A JSON array of type keys, e.g. [\"call\", \"meeting\"]; [] means every type, also ones added later. "
                    + "Records sent through the API from other sources are not limited by this choice.")
    TeamTypes choose(Viewer viewer, @PathVariable long id, @RequestBody List<String> keys) {
        return teamTypes.choose(viewer, id, keys);
    }
}

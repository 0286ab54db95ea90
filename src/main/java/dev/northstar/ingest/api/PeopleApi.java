package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.PeopleImport;
import dev.northstar.ingest.PeopleImport.PeopleOptions;
import dev.northstar.ingest.internal.JsonRecord;
import dev.northstar.ingest.internal.ListedRejections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A whole organization in one request. {@code /people/batch}, because {@code /people} itself (one person at a time,
 * and the list) belongs to the organization's API.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "People in", description = "Import people with their departments, teams and managers")
class PeopleApi {

    private static final String FOR_MORE = "split it into several batches";

    private final PeopleImport people;
    private final JsonMapper json;

    PeopleApi(PeopleImport people, JsonMapper json) {
        this.people = people;
        this.json = json;
    }

    @PostMapping(path = "/people/batch", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import people (company admins)", description = "A JSON array of people, or {\"records\": [...]}; at most 10,000. "
            + "Each has name, and optionally email, team, department and manager (e-mail address or full name). A person is found by "
            + "e-mail address, or created without a password (they cannot log in until an admin sets one); departments and teams are "
            + "found by name or created, a team in the row's department. The manager becomes lead of the row's team, which is "
            + "\"<manager>'s team\" when no team is given, and the person joins the team from today, or moves to it. All or nothing: "
            + "the answer has the counts and the rejected records (by 0-based index, with field, value and reason); the others are imported.")
    PeopleAnswer batch(Viewer viewer,
                       @Parameter(description = "Makes first.last@domain for people and managers without an e-mail address; "
                               + "without it, every person needs an address and every manager must exist")
                       @RequestParam(required = false) String emailDomain,
                       @Parameter(description = "Check and count everything, then undo it")
                       @RequestParam(defaultValue = "false") boolean dryRun,
                       HttpServletRequest request) throws IOException {
        List<?> records = JsonBatches.read(request.getInputStream(), json, FOR_MORE);
        ListedRejections rejections = new ListedRejections(1_000);
        LoadSummary summary = people.load(viewer, IntStream.range(0, records.size()).mapToObj(i -> new JsonRecord(i, records.get(i))).iterator(),
                new PeopleOptions(emailDomain), dryRun ? Ingest.Mode.DRY_RUN : Ingest.Mode.COMMIT, rejections);
        return new PeopleAnswer(dryRun, summary.received(), summary.created(), summary.updated(), summary.unchanged(), summary.rejected(),
                rejections.listed().stream().map(r -> new Rejection((int) r.line(), r.externalId(), r.errors())).toList(),
                rejections.notListed());
    }

    /** {@code dryRun}: nothing was kept, the counts are what an import would do. */
    record PeopleAnswer(boolean dryRun, long received, long created, long updated, long unchanged, long rejected,
                        List<Rejection> rejections, long rejectionsNotListed) {
    }

    /** A rejected record, by its 0-based index in the batch, with whom it names. */
    record Rejection(int index, String person, List<FieldError> errors) {
    }
}

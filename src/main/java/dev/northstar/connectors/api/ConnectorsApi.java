package dev.northstar.connectors.api;

import dev.northstar.access.Viewer;
import dev.northstar.connectors.Connector;
import dev.northstar.connectors.ConnectorRun;
import dev.northstar.connectors.Connectors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/api/v1/connectors", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Connectors", description = "Scheduled pulls from an HTTP JSON API, a CSV file at an address or a PostgreSQL query (company admins)")
class ConnectorsApi {

    private static final String DRAFT = "kind: http_json, csv_url or jdbc; recordKind: activities, deals, accounts or revenue; schedule: "
            + "five-field cron (minute hour day month weekday, in the company's time zone) or @hourly/@daily/@weekly/@monthly; settings by "
            + "kind: url ({cursor} in it is replaced by the cursor), recordsPointer (JSON pointer to the records' array), pagination "
            + "none|page|cursor with pageParam, or nextPointer and nextParam; delimiter (CSV); jdbcUrl, username, query ({cursor} bound as "
            + "a text parameter) for jdbc; mapping: record field to a JSON pointer or column. secretHeaders and password are sealed and "
            + "never shown again; leave them out of an edit to keep them. source: the records' source (default from the name), so "
            + "records are upserted by (source, externalId). cursorField: the mapped field whose greatest loaded value becomes the cursor. "
            + "alertAfter: failed pulls in a row before the admins are told (default 3).";

    private final Connectors connectors;

    ConnectorsApi(Connectors connectors) {
        this.connectors = connectors;
    }

    @GetMapping
    @Operation(summary = "Every connector with its state, last run and next run")
    List<Connector> list(Viewer viewer) {
        return connectors.list(viewer);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One connector")
    Connector get(Viewer viewer, @PathVariable long id) {
        return connectors.get(viewer, id);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a connector; its first pull is at the schedule's next time (or Run now)", description = DRAFT)
    Connector create(Viewer viewer, @RequestBody Connectors.Draft draft) {
        return connectors.create(viewer, draft);
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a connector (every field; secrets left out are kept; cursor \"\" starts again from the beginning)", description = DRAFT)
    Connector update(Viewer viewer, @PathVariable long id, @RequestBody Connectors.Draft draft) {
        return connectors.update(viewer, id, draft);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a connector and its runs; the records it loaded stay")
    void delete(Viewer viewer, @PathVariable long id) {
        connectors.delete(viewer, id);
    }

    @PostMapping("/{id}/run")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Pull now (within the scheduler's polling interval); 409 while a pull is running")
    Connector run(Viewer viewer, @PathVariable long id) {
        return connectors.runNow(viewer, id);
    }

    @GetMapping("/{id}/runs")
    @Operation(summary = "The connector's pulls, newest first: counts, the first rejected records, or why it failed")
    List<ConnectorRun> runs(Viewer viewer, @PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return connectors.runs(viewer, id, limit);
    }
}

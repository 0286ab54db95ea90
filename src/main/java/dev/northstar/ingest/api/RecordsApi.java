package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.Ingest;
import dev.northstar.ingest.Ingest.LoadSummary;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.internal.IdempotentRequests;
import dev.northstar.ingest.internal.IdempotentRequests.Answer;
import dev.northstar.ingest.internal.NdjsonRecords;
import dev.northstar.ingest.internal.ListedRejections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.List;

/**
 * Records in: the same two ways for every kind. A JSON batch (up to 10,000 records) gets an answer per record;
 * an NDJSON stream (any number, one record a line, read as it arrives) gets the counts and the rejected lines.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Records in", description = "Activities, deals, accounts and recurring revenue: JSON batches and NDJSON streams")
class RecordsApi {

    static final String NDJSON = "application/x-ndjson";
    private static final String FOR_MORE = "split it, or send NDJSON (application/x-ndjson)";
    private static final String BATCH = "A JSON array of records, or {\"records\": [...]}; at most 10,000. Records are upserted by their key, "
            + "so sending the same batch twice changes nothing. The answer says per record (by its 0-based index): CREATED, UPDATED, "
            + "UNCHANGED, or REJECTED with field, value and reason; valid records are stored even when others are rejected. "
            + "With an Idempotency-Key header, a retry returns the first answer. For more records, send NDJSON (application/x-ndjson) "
            + "to the same path: one record a line, any number, all in one transaction; the answer has the counts and the rejected lines.";

    private final Ingest ingest;
    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    RecordsApi(Ingest ingest, IdempotentRequests idempotent, JsonMapper json) {
        this.ingest = ingest;
        this.idempotent = idempotent;
        this.json = json;
    }

    @PostMapping(path = "/activities", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of activities", description = "Each has externalId, type, person (e-mail or full name) or personEmail "
            + "or personId, occurredAt (ISO 8601; without an offset it is read in the company's time zone), and optionally source "
            + "(default 'api'), quantity, accountRef, dealRef. Key: (source, externalId). " + BATCH)
    ResponseEntity<String> activities(Viewer viewer, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                      HttpServletRequest request) throws IOException {
        return batch(viewer, RecordKind.ACTIVITIES, key, request);
    }

    @PostMapping(path = "/deals", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of deals", description = "Each has externalId, owner (e-mail or full name), stage (key or name of a "
            + "pipeline stage), and optionally source, name, accountRef, amount, currency (default: the company's), createdOn, "
            + "expectedCloseOn, closedOn (required for won and lost deals), stageChangedAt (default: the closing day, or now). "
            + "A deal arriving in another stage than its last one gets the change appended to its stage history. Key: (source, externalId). " + BATCH)
    ResponseEntity<String> deals(Viewer viewer, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 HttpServletRequest request) throws IOException {
        return batch(viewer, RecordKind.DEALS, key, request);
    }

    @PostMapping(path = "/accounts", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of accounts", description = "Each has externalId, and optionally source, name (default: the external id), "
            + "owner (e-mail or full name; required unless you are a company admin), segment, industry, parentRef (the parent's "
            + "externalId in the same source). Key: (source, externalId). " + BATCH)
    ResponseEntity<String> accounts(Viewer viewer, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                    HttpServletRequest request) throws IOException {
        return batch(viewer, RecordKind.ACCOUNTS, key, request);
    }

    @PostMapping(path = "/revenue", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Send a batch of monthly recurring revenue lines (company admins)", description = "Each has accountRef, month "
            + "(2026-03 or any day in it), mrr, and optionally source and currency. Key: (source, accountRef, month). " + BATCH)
    ResponseEntity<String> revenue(Viewer viewer, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   HttpServletRequest request) throws IOException {
        return batch(viewer, RecordKind.REVENUE, key, request);
    }

    /** One operation on the four paths: the path names the kind, and a stream reads the same for every kind. */
    @PostMapping(path = {"/activities", "/deals", "/accounts", "/revenue"}, consumes = NDJSON)
    @Operation(summary = "Stream activities, deals, accounts or recurring revenue (company admins) as NDJSON",
            description = "One record a line, in the format of the JSON batch for the same path; any number, in one transaction.")
    StreamAnswer stream(Viewer viewer, HttpServletRequest request) throws IOException {
        String path = request.getRequestURI();
        RecordKind kind = RecordKind.byKey(path.substring(path.lastIndexOf('/') + 1)).orElseThrow();
        return stream(viewer, kind, request);
    }

    /** The answer to a stream: counts, and the first rejected lines (all of them are counted). */
    record StreamAnswer(long received, long created, long updated, long unchanged, long rejected,
                        List<ListedRejections.Rejection> rejections, long rejectionsNotListed) {
    }

    private ResponseEntity<String> batch(Viewer viewer, RecordKind kind, String key, HttpServletRequest request) throws IOException {
        String body = JsonBatches.body(request.getInputStream(), FOR_MORE);
        Answer answer = idempotent.once(viewer, key, request.getRequestURI() + "\n" + body,
                () -> new Answer(200, json.writeValueAsString(ingest.batch(viewer, kind, JsonBatches.records(body, json, FOR_MORE), null))));
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    private StreamAnswer stream(Viewer viewer, RecordKind kind, HttpServletRequest request) throws IOException {
        ListedRejections rejections = new ListedRejections(1_000);
        LoadSummary summary = ingest.load(viewer, kind, new NdjsonRecords(request.getInputStream(), json), ReadingRules.API, null,
                Ingest.Mode.COMMIT, rejections);
        return new StreamAnswer(summary.received(), summary.created(), summary.updated(), summary.unchanged(), summary.rejected(),
                rejections.listed(), rejections.notListed());
    }
}

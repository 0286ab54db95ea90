package dev.northstar.ingest.api;

import dev.northstar.ingest.Ingest;
import dev.northstar.shared.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Reads the body of a JSON batch: a JSON array of records or {"records": [...]}, within limits on bytes and records. */
final class JsonBatches {

    /** A JSON batch of 10,000 records is far below this; the limit keeps one request from filling the memory. */
    static final int MAX_BATCH_BYTES = 32 << 20;

    private JsonBatches() {
    }

    /** {@code forMore} tells the caller what to do with more than fits, e.g. "split it, or send NDJSON". */
    static List<?> read(InputStream in, JsonMapper json, String forMore) throws IOException {
        return records(body(in, forMore), json, forMore);
    }

    static String body(InputStream in, String forMore) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BATCH_BYTES + 1);
        if (bytes.length > MAX_BATCH_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                    "A JSON batch may be at most " + (MAX_BATCH_BYTES >> 20) + " MB: " + forMore + ".");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static List<?> records(String body, JsonMapper json, String forMore) {
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
            throw new InvalidInputException("body", "must be a JSON array of records, or an object with a 'records' array");
        }
        if (records.size() > Ingest.MAX_BATCH) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "A batch holds at most " + Ingest.MAX_BATCH
                    + " records; this one has " + records.size() + ": " + forMore + ".");
        }
        return records;
    }
}

package dev.northstar.connectors.internal;

import dev.northstar.connectors.ConnectorSettings;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records from a JSON API: the array at {@code recordsPointer} of each answer, page after page ("page": numbered pages
 * until an empty one; "cursor": the next page's token read from each answer, until there is none).
 */
class HttpJsonSource implements RecordSource {

    private final BoundedHttp http;
    private final JsonMapper json;
    private final PullLimits limits;
    private final ConnectorSettings settings;
    private final String url;
    private final Map<String, String> headers;
    private Iterator<JsonNode> page = List.<JsonNode>of().iterator();
    private int pages;
    private String next;
    private boolean last;

    HttpJsonSource(BoundedHttp http, JsonMapper json, PullLimits limits, ConnectorSettings settings, String url, Map<String, String> headers) {
        this.http = http;
        this.json = json;
        this.limits = limits;
        this.settings = settings;
        this.url = url;
        this.headers = headers;
    }

    @Override
    public SourceRecord next() {
        while (!page.hasNext()) {
            if (last) {
                return null;
            }
            page = fetch();
        }
        JsonNode record = page.next();
        if (!record.isObject()) {
            return new JsonSourceRecord(json.createObjectNode().put("(record)", "a JSON " + record.getNodeType().name().toLowerCase() + ", not an object"));
        }
        return new JsonSourceRecord(record);
    }

    private Iterator<JsonNode> fetch() {
        if (++pages > limits.maxPages) {
            throw new PullFailed("more than " + limits.maxPages + " pages (northstar.connectors.max-pages); ask for larger pages or pull more often");
        }
        String pagination = settings.pagination() == null ? "none" : settings.pagination();
        URI address = switch (pagination) {
            case "page" -> Addresses.withParameter(url, settings.pageParam(), Integer.toString(pages));
            case "cursor" -> next == null ? URI.create(url) : Addresses.withParameter(url, settings.nextParam(), next);
            default -> URI.create(url);
        };
        JsonNode root;
        try {
            root = json.readTree(http.get(address, headers, "application/json"));
        } catch (JacksonException e) {
            throw new PullFailed("the answer from " + address.getHost() + " (page " + pages + ") is not JSON: " + e.getOriginalMessage());
        }
        String pointer = settings.recordsPointer() == null ? "" : settings.recordsPointer();
        JsonNode records = pointer.isEmpty() ? root : root.at(pointer);
        if (!records.isArray()) {
            throw new PullFailed("no array of records at " + (pointer.isEmpty() ? "the top" : pointer) + " of the answer (page " + pages
                    + "): found " + (records.isMissingNode() ? "nothing" : "a JSON " + records.getNodeType().name().toLowerCase()));
        }
        switch (pagination) {
            case "page" -> last = records.isEmpty();
            case "cursor" -> {
                JsonNode token = root.at(settings.nextPointer());
                String following = token.isValueNode() && !token.isNull() ? token.asString() : null;
                if (following != null && following.equals(next)) {
                    throw new PullFailed("the answer's next-page cursor (" + settings.nextPointer() + ") repeats the last one: " + following);
                }
                next = following == null || following.isBlank() ? null : following;
                last = next == null;
            }
            default -> last = true;
        }
        return records.values().iterator();
    }

    /** A JSON object's fields: a path starting with "/" is a JSON pointer, anything else a top-level field. */
    private record JsonSourceRecord(JsonNode node) implements SourceRecord {

        @Override
        public Collection<String> names() {
            return node.propertyNames();
        }

        @Override
        public String value(String path) {
            JsonNode value = path.startsWith("/") ? node.at(path) : node.get(path);
            if (value == null || value.isMissingNode() || value.isNull()) {
                return null;
            }
            return value.isValueNode() ? value.asString() : Objects.toString(value);
        }
    }
}

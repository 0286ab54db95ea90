package dev.northstar.connectors.internal;

import dev.northstar.connectors.ConnectorKind;
import dev.northstar.connectors.ConnectorSettings;
import dev.northstar.connectors.Connectors.Draft;
import dev.northstar.connectors.internal.ConnectorStore.Saved;
import dev.northstar.ingest.RecordKind;
import dev.northstar.shared.InvalidInputException;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Reads an admin's draft into what is saved, refusing the first wrong field with what it must be. */
@Component
public class DraftCheck {

    private static final List<String> KINDS = List.of("activities", "deals", "accounts", "revenue");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\x20-\\x7e\\t]+");
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final PullLimits limits;

    DraftCheck(PullLimits limits) {
        this.limits = limits;
    }

    /**
     * @param before the connector being edited, or null for a new one
     * @param kept   its secrets, kept where the draft leaves them out
     */
    public Saved saved(Draft draft, long savedBy, StoredConnector before, ConnectorSecrets kept, Function<ConnectorSecrets, String> seal) {
        String name = required(draft.name(), "name", 100);
        ConnectorKind kind = ConnectorKind.of(draft.kind());
        String recordKind = draft.recordKind() == null ? "" : draft.recordKind().strip().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(recordKind)) {
            throw new InvalidInputException("recordKind", "must be one of " + String.join(", ", KINDS));
        }
        String source = before != null && (draft.source() == null || draft.source().isBlank()) ? before.source()
                : draft.source() == null || draft.source().isBlank() ? slug(name) : draft.source().strip();
        if (source.length() > 100) {
            throw new InvalidInputException("source", "must be at most 100 characters");
        }
        String schedule = draft.schedule() == null ? null : draft.schedule().strip();
        PullSchedule.parse(schedule);
        ConnectorSettings settings = settings(kind, draft.settings(), RecordKind.byKey(recordKind).orElseThrow());
        // Kept secrets go only where they went before: a changed host must be given them again, or an admin could
        // point the connector at their own server and read the saved header or password there.
        boolean sameHost = before != null && before.kind() == kind && host(before.settings()).equals(host(settings));
        Map<String, String> headers = draft.secretHeaders() == null ? (sameHost ? kept.headers() : Map.of()) : headers(draft.secretHeaders());
        String password = draft.password() == null ? (sameHost ? kept.password() : null) : draft.password();
        if (kind == ConnectorKind.JDBC && (password == null || password.isEmpty())) {
            throw new InvalidInputException("password", "is required to log in to the database"
                    + (before != null ? " (a new database host must be given it again)" : ""));
        }
        int alertAfter = draft.alertAfter() == null ? before == null ? 3 : before.alertAfter() : draft.alertAfter();
        if (alertAfter < 1 || alertAfter > 100) {
            throw new InvalidInputException("alertAfter", "must be between 1 and 100 failed pulls in a row");
        }
        String cursorField = draft.cursorField() == null || draft.cursorField().isBlank() ? null : draft.cursorField().strip();
        if (cursorField != null && cursorField.length() > 100) {
            throw new InvalidInputException("cursorField", "must be at most 100 characters");
        }
        boolean enabled = draft.enabled() == null ? before == null || before.enabled() : draft.enabled();
        ConnectorSecrets secrets = new ConnectorSecrets(kind == ConnectorKind.JDBC ? Map.of() : headers, kind == ConnectorKind.JDBC ? password : null);
        return new Saved(name, kind, recordKind, source, schedule, settings, seal.apply(secrets), cursorField, enabled, alertAfter, savedBy);
    }

    private ConnectorSettings settings(ConnectorKind kind, ConnectorSettings asked, RecordKind records) {
        if (asked == null) {
            throw new InvalidInputException("settings", "are required: " + switch (kind) {
                case HTTP_JSON -> "url, and recordsPointer, pagination and mapping as needed";
                case CSV_URL -> "url, and delimiter and mapping as needed";
                case JDBC -> "jdbcUrl, username and query";
            });
        }
        Map<String, String> mapping = mapping(asked.mapping(), records, kind);
        return switch (kind) {
            case HTTP_JSON -> {
                String url = asked.url() == null ? null : asked.url().strip();
                limits.checkHost(Addresses.checked(url, "settings.url").getHost(), "settings.url");
                String pointer = asked.recordsPointer() == null ? "" : asked.recordsPointer().strip();
                if (!pointer.isEmpty() && !pointer.startsWith("/")) {
                    throw new InvalidInputException("settings.recordsPointer", "must be a JSON pointer such as /data/items (or empty: the answer is the array)");
                }
                String pagination = asked.pagination() == null || asked.pagination().isBlank() ? "none" : asked.pagination().strip();
                String pageParam = null;
                String nextPointer = null;
                String nextParam = null;
                switch (pagination) {
                    case "none" -> {
                    }
                    case "page" -> pageParam = orDefault(asked.pageParam(), "page");
                    case "cursor" -> {
                        nextPointer = asked.nextPointer() == null ? "" : asked.nextPointer().strip();
                        if (!nextPointer.startsWith("/")) {
                            throw new InvalidInputException("settings.nextPointer", "must be a JSON pointer to the next page's cursor in each answer, such as /meta/next");
                        }
                        nextParam = orDefault(asked.nextParam(), "cursor");
                    }
                    default -> throw new InvalidInputException("settings.pagination", "must be none, page or cursor");
                }
                yield new ConnectorSettings(url, pointer, pagination, pageParam, nextPointer, nextParam, null, null, null, null, mapping);
            }
            case CSV_URL -> {
                String url = asked.url() == null ? null : asked.url().strip();
                limits.checkHost(Addresses.checked(url, "settings.url").getHost(), "settings.url");
                String delimiter = asked.delimiter() == null || asked.delimiter().isEmpty() ? "," : asked.delimiter();
                if (!(delimiter.length() == 1 || "\\t".equals(delimiter)) || "\"".equals(delimiter)) {
                    throw new InvalidInputException("settings.delimiter", "must be one character, such as , or ; (\\t for a tab)");
                }
                yield new ConnectorSettings(url, null, null, null, null, null, delimiter, null, null, null, mapping);
            }
            case JDBC -> {
                String jdbcUrl = asked.jdbcUrl() == null ? null : asked.jdbcUrl().strip();
                limits.checkHost(JdbcSource.host(jdbcUrl), "settings.jdbcUrl");
                String username = required(asked.username(), "settings.username", 100);
                String query = required(asked.query(), "settings.query", 20_000);
                String first = query.toLowerCase(Locale.ROOT).split("\\s+", 2)[0];
                if (query.replaceAll(";\\s*$", "").contains(";")) {
                    throw new InvalidInputException("settings.query", "must be one statement (no ';' inside it)");
                }
                if (!first.equals("select") && !first.equals("with")) {
                    throw new InvalidInputException("settings.query", "must be one select (or with ... select); the session is read-only either way");
                }
                yield new ConnectorSettings(null, null, null, null, null, null, null, jdbcUrl, username, query, mapping);
            }
        };
    }

    /** Scheme, host and port the connector reads from. */
    private static String host(ConnectorSettings settings) {
        if (settings.jdbcUrl() != null) {
            String rest = settings.jdbcUrl().substring("jdbc:postgresql://".length());
            return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        }
        java.net.URI uri = java.net.URI.create(Addresses.withCursor(settings.url(), ""));
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    private static Map<String, String> mapping(Map<String, String> asked, RecordKind records, ConnectorKind kind) {
        Set<String> fields = records.fields().stream().map(RecordKind.Field::key).collect(Collectors.toSet());
        fields.add("source");
        Map<String, String> mapping = new LinkedHashMap<>();
        asked.forEach((field, path) -> {
            if (!fields.contains(field)) {
                throw new InvalidInputException("settings.mapping." + field, "is not a field of " + records.key() + "; its fields are "
                        + records.fields().stream().map(RecordKind.Field::key).collect(Collectors.joining(", ")));
            }
            if (path == null || path.isBlank()) {
                throw new InvalidInputException("settings.mapping." + field, "must say where the field is: "
                        + (kind == ConnectorKind.HTTP_JSON ? "a field name or a JSON pointer such as /owner/email" : "a column name"));
            }
            mapping.put(field, path.strip());
        });
        return mapping;
    }

    private static Map<String, String> headers(Map<String, String> asked) {
        Map<String, String> headers = new LinkedHashMap<>();
        asked.forEach((name, value) -> {
            String header = name == null ? "" : name.strip();
            if (!HEADER_NAME.matcher(header).matches() || RESTRICTED.contains(header.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException("secretHeaders", "'" + header + "' is not a header a connector may send");
            }
            if (value == null || value.isBlank() || !HEADER_VALUE.matcher(value).matches()) {
                throw new InvalidInputException("secretHeaders." + header, "must be one line of printable ASCII text");
            }
            headers.put(header, value.strip());
        });
        return headers;
    }

    private static String required(String text, String field, int max) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > max) {
            throw new InvalidInputException(field, "is required, at most " + max + " characters");
        }
        return value;
    }

    private static String orDefault(String text, String fallback) {
        return text == null || text.isBlank() ? fallback : text.strip();
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "connector" : slug.length() > 80 ? slug.substring(0, 80) : slug;
    }
}

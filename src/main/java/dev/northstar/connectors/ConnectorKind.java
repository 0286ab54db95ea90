package dev.northstar.connectors;

import dev.northstar.shared.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Where a connector reads from. */
public enum ConnectorKind {
    HTTP_JSON("http_json", "HTTP JSON API"),
    CSV_URL("csv_url", "CSV file at an address"),
    JDBC("jdbc", "PostgreSQL query");

    private final String key;
    private final String label;

    ConnectorKind(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public static ConnectorKind of(String key) {
        String asked = key == null ? "" : key.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.key.equals(asked)).findFirst()
                .orElseThrow(() -> new InvalidInputException("kind", "must be one of http_json, csv_url, jdbc"));
    }
}

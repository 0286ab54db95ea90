package dev.northstar.connectors;

import java.util.Map;

/**
 * What a connector reads, by kind; fields another kind does not use stay null.
 *
 * @param url            HTTP JSON and CSV: the address; {@code {cursor}} in it is replaced by the cursor (URL-encoded, empty at first)
 * @param recordsPointer HTTP JSON: a JSON pointer to the array of records in each answer ("" or null: the answer is the array)
 * @param pagination     HTTP JSON: "none", "page" (adds {@code pageParam}=1, 2, ... until a page has no records) or
 *                       "cursor" (adds {@code nextParam} with the value at {@code nextPointer} in the last answer, until there is none)
 * @param delimiter      CSV: the column separator (default ",")
 * @param jdbcUrl        JDBC: {@code jdbc:postgresql://host:port/database}
 * @param username       JDBC: the user to log in as (its password is a secret)
 * @param query          JDBC: one select; {@code {cursor}} in it is bound as a text parameter (null at first)
 * @param mapping        record field (externalId, person, occurredAt, ...) to where it is in each source record: a JSON
 *                       pointer (HTTP JSON), a column (CSV, JDBC); fields not mapped are read under their own name
 */
public record ConnectorSettings(String url, String recordsPointer, String pagination, String pageParam, String nextPointer,
                                String nextParam, String delimiter, String jdbcUrl, String username, String query,
                                Map<String, String> mapping) {

    public ConnectorSettings {
        // in the order the admin wrote it, as the form shows it back
        mapping = mapping == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mapping));
    }
}

package dev.northstar.connectors.internal;

import java.util.Map;

/**
 * What a connector keeps sealed: HTTP headers that carry credentials (Authorization, API keys) and a database password.
 * Sealed together as one JSON text; shown again only as the header names and whether a password is set.
 */
public record ConnectorSecrets(Map<String, String> headers, String password) {

    public static final ConnectorSecrets NONE = new ConnectorSecrets(Map.of(), null);

    public ConnectorSecrets {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}

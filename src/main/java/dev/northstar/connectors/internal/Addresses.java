package dev.northstar.connectors.internal;

import dev.northstar.shared.InvalidInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The addresses connectors read: checked when saved, with the cursor and page parameters filled in when pulled. */
final class Addresses {

    private Addresses() {
    }

    /** An absolute http(s) address with a host and no login in it ({@code {cursor}} may stand anywhere in it). */
    static URI checked(String url, String field) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException(field, "is required: the address to read from");
        }
        try {
            URI uri = new URI(withCursor(url.strip(), ""));
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new InvalidInputException(field, "must be an http or https address with a host, such as https://crm.example.com/api/deals");
            }
            if (uri.getUserInfo() != null) {
                throw new InvalidInputException(field, "must not carry a user name or password: put an Authorization header in the secret headers");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "is not an address: " + e.getReason());
        }
    }

    /** The address with {@code {cursor}} replaced by the cursor, URL-encoded (empty before the first pull). */
    static String withCursor(String url, String cursor) {
        return url.replace("{cursor}", cursor == null ? "" : URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    static URI withParameter(String url, String name, String value) {
        return URI.create(url + (url.contains("?") ? "&" : "?") + URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}

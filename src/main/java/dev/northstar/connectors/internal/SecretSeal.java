package dev.northstar.connectors.internal;

import dev.northstar.access.SecretBox;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** A connector's secrets, sealed as one JSON text with the server's key ({@link SecretBox}), and opened again. */
@Component
public class SecretSeal {

    private final SecretBox box;
    private final JsonMapper json;

    SecretSeal(SecretBox box, JsonMapper json) {
        this.box = box;
        this.json = json;
    }

    /** The sealed text, or null when there is nothing secret. */
    public String seal(ConnectorSecrets secrets) {
        boolean none = secrets.headers().isEmpty() && (secrets.password() == null || secrets.password().isEmpty());
        return none ? null : box.seal(json.writeValueAsString(secrets));
    }

    /** The secrets; {@link PullFailed} if they were sealed with another key (the admin must enter them again). */
    public ConnectorSecrets open(String sealed) {
        if (sealed == null) {
            return ConnectorSecrets.NONE;
        }
        try {
            return json.readValue(box.open(sealed), ConnectorSecrets.class);
        } catch (RuntimeException e) {
            throw new PullFailed("its secrets cannot be read with this server's key (northstar.secrets.key): enter them again");
        }
    }
}

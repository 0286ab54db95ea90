package dev.northstar.alerts.internal;

import dev.northstar.shared.PublicHosts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Keeps chat-channel addresses on the public internet ({@link PublicHosts}): checked when a channel is added and again
 * before each post. A server of one's own whose chat runs inside sets {@code northstar.delivery.allow-private-addresses=true}.
 */
@Component
public class PublicAddresses {

    private final boolean privateAllowed;

    PublicAddresses(@Value("${northstar.delivery.allow-private-addresses:false}") boolean privateAllowed) {
        this.privateAllowed = privateAllowed;
    }

    /** Refuses the address (InvalidInputException on url) if any address its host has is not public, unless allowed. */
    public void check(URI url) {
        if (!privateAllowed) {
            PublicHosts.refuseLocal(url.getHost(), "url", "northstar.delivery.allow-private-addresses");
        }
    }
}

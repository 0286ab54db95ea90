package dev.northstar.alerts.internal;

import dev.northstar.shared.InvalidInputException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Keeps chat-channel addresses on the public internet: a company admin of a shared server must not be able to make it
 * post to (and read the first line of the answer of) its own machine, its cloud's metadata service or the private
 * network behind it. Checked when a channel is added and again before each post (its name may come to point
 * elsewhere); the HTTP client resolves the name once more, so a name that changes its answer within that moment (DNS
 * rebinding) is not stopped here. A server of one's own whose chat runs inside sets
 * {@code northstar.delivery.allow-private-addresses=true}.
 */
@Component
public class PublicAddresses {

    private final boolean privateAllowed;

    PublicAddresses(@Value("${northstar.delivery.allow-private-addresses:false}") boolean privateAllowed) {
        this.privateAllowed = privateAllowed;
    }

    /** Refuses the address (InvalidInputException on url) if any address its host has is not public, unless allowed. */
    public void check(URI url) {
        if (privateAllowed) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new InvalidInputException("url", "names a host that cannot be found: " + url.getHost());
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isMulticastAddress() || uniqueLocal(address) || sharedOrTranslated(address)) {
                throw new InvalidInputException("url", "points at a local or private address (" + address.getHostAddress() + "); a server"
                        + " whose chat runs inside its own network allows this with northstar.delivery.allow-private-addresses=true");
            }
        }
    }

    /**
     * Carrier-grade NAT space (100.64.0.0/10, where some clouds keep their metadata service), and IPv6 forms that carry
     * an IPv4 address (NAT64 64:ff9b::/96, IPv4-compatible ::a.b.c.d), which could reach a private one.
     */
    private static boolean sharedOrTranslated(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        return nat64 || compatible;
    }

    /** IPv6 unique local addresses (fc00::/7), which Java does not count as site-local. */
    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}

package dev.northstar.shared;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Keeps addresses an admin types (a chat channel, a connector's source) on the public internet: a company admin of a
 * shared server must not be able to make it reach, and read the answers of, its own machine, its cloud's metadata
 * service or the private network behind it. The caller checks again just before each use (a name may come to point
 * elsewhere); the client resolves the name once more, so a name that changes its answer within that moment (DNS
 * rebinding) is not stopped here. Servers whose systems run inside their own network switch this off with a setting.
 */
public final class PublicHosts {

    private PublicHosts() {
    }

    /**
     * Refuses the host (InvalidInputException on {@code field}) if any address it has is not public.
     *
     * @param allowWith the setting that allows private addresses, named in the refusal
     */
    public static void refuseLocal(String host, String field, String allowWith) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new InvalidInputException(field, "names a host that cannot be found: " + host);
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                    || address.isMulticastAddress() || uniqueLocal(address) || sharedOrTranslated(address)) {
                throw new InvalidInputException(field, "points at a local or private address (" + address.getHostAddress() + "); a server"
                        + " whose systems run inside its own network allows this with " + allowWith + "=true");
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

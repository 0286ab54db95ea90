package dev.northstar.connectors.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * The bounds on one pull, so that a source that hangs, trickles or sends gigabytes cannot hold a scheduler thread, a
 * database transaction or the heap: each answer (HTTP) or query (JDBC) within {@code timeout}, each answer at most
 * {@code maxBytes}, at most {@code maxPages} pages and {@code maxRecords} records a pull. Addresses on this machine
 * or a private network are refused unless {@code northstar.connectors.allow-private-addresses=true} (a server inside
 * the company's own network, pulling from its own systems).
 */
@Component
public class PullLimits {

    final Duration timeout;
    final long maxBytes;
    final int maxPages;
    final long maxRecords;
    final boolean privateAddressesAllowed;

    PullLimits(@Value("${northstar.connectors.timeout:30s}") Duration timeout,
               @Value("${northstar.connectors.max-bytes:50MB}") DataSize maxBytes,
               @Value("${northstar.connectors.max-pages:1000}") int maxPages,
               @Value("${northstar.connectors.max-records:1000000}") long maxRecords,
               @Value("${northstar.connectors.allow-private-addresses:false}") boolean privateAddressesAllowed) {
        this.timeout = timeout;
        this.maxBytes = maxBytes.toBytes();
        this.maxPages = maxPages;
        this.maxRecords = maxRecords;
        this.privateAddressesAllowed = privateAddressesAllowed;
    }

    String size() {
        return maxBytes % (1024 * 1024) == 0 ? maxBytes / (1024 * 1024) + " MB" : maxBytes + " bytes";
    }

    String seconds() {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Refuses a host on this machine or a private network, unless allowed. */
    void checkHost(String host, String field) {
        if (!privateAddressesAllowed) {
            dev.northstar.shared.PublicHosts.refuseLocal(host, field, "northstar.connectors.allow-private-addresses");
        }
    }
}

package dev.northstar.connectors.internal;

/** A pull that cannot go on; the message says why in words for the connector page ("HTTP 500: ...", "no answer within 30 s"). */
public class PullFailed extends RuntimeException {

    public PullFailed(String message) {
        super(message);
    }

    public PullFailed(String message, Throwable cause) {
        super(message, cause);
    }
}

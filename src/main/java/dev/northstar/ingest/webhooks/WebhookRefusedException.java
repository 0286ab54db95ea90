package dev.northstar.ingest.webhooks;

/**
 * A webhook request that is not let in. Its detail is all the sender learns: an unknown source and a wrong signature
 * read alike, so that nobody can find out which source names exist by trying them.
 */
public class WebhookRefusedException extends RuntimeException {

    /** Why, as counted in {@code northstar.webhooks.refused} (tag {@code reason}), with the status and what the sender is told. */
    public enum Reason {
        MISSING_SIGNATURE(401, "missing signature: send the X-Northstar-Timestamp and X-Northstar-Signature headers"),
        UNKNOWN_SOURCE(401, "invalid signature"),
        INVALID_SIGNATURE(401, "invalid signature"),
        STALE_TIMESTAMP(401, "timestamp too old: X-Northstar-Timestamp must be the current time in unix seconds, give or take 5 minutes"),
        CREATOR_NOT_ADMIN(403, "this webhook acts as the company admin who created it, who is no longer an active company admin; "
                + "a company admin must create a new webhook source");

        private final int status;
        private final String detail;

        Reason(int status, String detail) {
            this.status = status;
            this.detail = detail;
        }

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    WebhookRefusedException(Reason reason) {
        super(reason.detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public int status() {
        return reason.status;
    }
}

package dev.northstar.access;

/** The policy's answer: allowed, or refused with a reason in words that the person can act on. */
public record Decision(boolean allowed, String reason) {

    static final Decision ALLOW = new Decision(true, null);

    static Decision refuse(String reason, Object... args) {
        return new Decision(false, reason.formatted(args));
    }

    /** Throws {@link AccessRefusedException} unless allowed. */
    public void orRefuse() {
        if (!allowed) {
            throw new AccessRefusedException(reason);
        }
    }
}

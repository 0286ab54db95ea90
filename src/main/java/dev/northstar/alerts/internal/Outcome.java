package dev.northstar.alerts.internal;

/**
 * How one attempt went: through, or not and whether trying again could help (a server down or busy: yes; an address
 * that does not exist: no).
 */
record Outcome(boolean ok, boolean retryable, String detail) {

    Outcome {
        detail = detail == null || detail.isBlank() ? "no reason given" : detail; // kept in the log, which needs one
    }

    static Outcome sent(String detail) {
        return new Outcome(true, false, detail);
    }

    static Outcome failed(String detail) {
        return new Outcome(false, true, detail);
    }

    static Outcome refused(String detail) {
        return new Outcome(false, false, detail);
    }
}

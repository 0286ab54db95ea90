package dev.northstar.shared;

/** A field of the input is wrong; the message is the field and the reason, e.g. "validTo must be after validFrom (2026-03-01)". */
public class InvalidInputException extends RuntimeException {

    private final String field;
    private final String reason;

    public InvalidInputException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** The reason alone, for messages that name the field their own way. */
    public String reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}

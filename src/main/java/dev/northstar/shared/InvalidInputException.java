package dev.northstar.shared;

/** A field of the input is wrong; the message is the field and the reason, e.g. "validTo must be after validFrom (2026-03-01)". */
public class InvalidInputException extends RuntimeException {

    private final String field;

    public InvalidInputException(String field, String reason) {
        super(field + " " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}

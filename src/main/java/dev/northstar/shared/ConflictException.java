package dev.northstar.shared;

/** The request is well formed but the current state forbids it; the message says what to do instead. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}

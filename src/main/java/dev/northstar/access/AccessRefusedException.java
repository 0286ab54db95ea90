package dev.northstar.access;

/** Becomes 403: a JSON problem for the API, a page that explains why for people. */
public class AccessRefusedException extends RuntimeException {

    public AccessRefusedException(String reason) {
        super(reason);
    }
}

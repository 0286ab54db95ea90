package dev.northstar.shared;

/** The thing asked for does not exist in the caller's company (another company's rows are never found). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, long id) {
        super(what + " " + id + " does not exist");
    }

    /** For things known by name rather than by number, such as webhook sources. */
    public NotFoundException(String what, String name) {
        super(what + " '" + name + "' does not exist");
    }
}

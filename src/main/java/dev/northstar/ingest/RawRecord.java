package dev.northstar.ingest;

/**
 * One incoming record before it is read: a JSON object, an NDJSON line or a row of a file, whose fields are
 * looked up by the keys of {@link RecordKind#fields()}. {@code line} locates it for error messages: the index in
 * a JSON batch, the line of an NDJSON stream or of a file.
 */
public interface RawRecord {

    long line();

    /** The field's text, or null when absent or empty. */
    String get(String field);

    /**
     * For rows of a file: a hash of every cell but the external id, so that rows repeating another row under a new
     * id can be found ("look-alikes"); null where the whole record is not at hand.
     */
    default String fingerprint() {
        return null;
    }

    /** Set when the record as a whole is unreadable (e.g. not a JSON object): the reason. */
    default String unreadable() {
        return null;
    }
}

package dev.northstar.connectors.internal;

import java.util.Collection;

/** One record as its source has it: its own field names, and the text at a path (a JSON pointer, a column). */
interface SourceRecord {

    Collection<String> names();

    /** The text at {@code path}, or null when there is nothing there. */
    String value(String path);
}

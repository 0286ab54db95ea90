package dev.northstar.connectors.internal;

/** Records read one at a time from where a connector points, fetching further pages as needed; failures are {@link PullFailed}. */
interface RecordSource extends AutoCloseable {

    /** The next record, or null when there are no more. */
    SourceRecord next();

    @Override
    default void close() {
    }
}

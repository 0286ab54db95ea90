package dev.northstar.ingest.internal;

import dev.northstar.ingest.BatchResult.FieldError;
import dev.northstar.ingest.Ingest;

import java.util.ArrayList;
import java.util.List;

/** Keeps the first {@code limit} rejections of a load and counts the rest, so that memory stays bounded. */
public final class ListedRejections implements Ingest.Rejections {

    public record Rejection(long line, String externalId, List<FieldError> errors) {
    }

    private final int limit;
    private final List<Rejection> listed = new ArrayList<>();
    private long notListed;

    public ListedRejections(int limit) {
        this.limit = limit;
    }

    @Override
    public void reject(long line, String label, List<FieldError> errors) {
        if (listed.size() < limit) {
            listed.add(new Rejection(line, label, errors));
        } else {
            notListed++;
        }
    }

    public List<Rejection> listed() {
        return listed;
    }

    public long notListed() {
        return notListed;
    }
}

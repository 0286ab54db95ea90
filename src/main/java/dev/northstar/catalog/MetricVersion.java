package dev.northstar.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * One change to a metric definition: who made it and when, and the whole definition before and after it, in the form
 * the API shows (null before a creation and after a deletion).
 */
public record MetricVersion(int version, Change change, Instant changedAt, Long changedById, String changedByName,
                            Map<String, Object> before, Map<String, Object> after) {

    public enum Change { CREATED, UPDATED, DELETED }
}

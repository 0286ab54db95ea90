package dev.northstar.catalog;

import java.util.List;

/**
 * Published inside the transaction that creates, updates or deletes metric definitions (a save, an import, the
 * library, a delete): what was computed from the old definitions (the rollups) is out of date for these keys.
 */
public record MetricDefinitionsChanged(long companyId, List<String> keys) {
}

package dev.northstar.ingest;

/**
 * Published inside a load's transaction, right after it inserted new records: whatever keeps sums of records (the
 * rollups) adds them before the load commits, so that they are current when it does. The new records' ids are in
 * the temporary table {@code ingest_created (id)} until the transaction ends. Records a load changed or could not
 * insert plainly (a race with another load) are not in it: their cells are marked in {@code rollup_dirty} instead.
 */
public record RecordsCreated(long companyId, RecordKind kind, long created) {
}

package dev.northstar.ingest;

/** Published when a load wrote something, so that whatever is computed from these records can catch up. */
public record RecordsIngested(long companyId, RecordKind kind, long created, long updated) {
}

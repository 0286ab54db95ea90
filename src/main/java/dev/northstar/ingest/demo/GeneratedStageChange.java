package dev.northstar.ingest.demo;

import java.time.OffsetDateTime;

/** A deal entering a stage. */
public record GeneratedStageChange(String dealRef, String stage, String outcome, OffsetDateTime changedAt) {
}

package dev.northstar.analytics;

import dev.northstar.shared.Scope;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded value of a manual metric: for a scope and the days {@code periodStart} (inclusive) to
 * {@code periodEnd} (exclusive), by whom and when. Edits append; the latest one for a period is its value.
 */
public record ManualValue(String metricKey, Scope scope, LocalDate periodStart, LocalDate periodEnd, BigDecimal value,
                          Long recordedBy, Instant recordedAt) {
}

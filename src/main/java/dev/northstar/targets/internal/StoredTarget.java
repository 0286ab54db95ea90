package dev.northstar.targets.internal;

import dev.northstar.shared.Period;

import java.math.BigDecimal;

/** A target as set for one scope and period. */
public record StoredTarget(String scope, Period period, BigDecimal value) {

    /** The same days: 2026-03 and 2026-03-01..2026-03-31 are one period. */
    boolean covers(Period other) {
        return period.start().equals(other.start()) && period.end().equals(other.end());
    }

    boolean inside(Period other) {
        return !period.start().isBefore(other.start()) && !period.end().isAfter(other.end()) && !covers(other);
    }

    boolean encloses(Period other) {
        return !period.start().isAfter(other.start()) && !period.end().isBefore(other.end()) && !covers(other);
    }
}

package dev.northstar.targets;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One change to a target, newest first in a history.
 *
 * @param period   the label the period was named by in the change
 * @param change   SET (there was none), EDITED or REMOVED
 * @param oldValue null when there was none
 * @param newValue null when removed
 */
public record TargetChange(String period, Change change, BigDecimal oldValue, BigDecimal newValue, long changedById,
                           String changedBy, Instant changedAt) {

    public enum Change { SET, EDITED, REMOVED }

    public static TargetChange of(String period, BigDecimal oldValue, BigDecimal newValue, long changedById, String changedBy,
                                  Instant changedAt) {
        Change change = newValue == null ? Change.REMOVED : oldValue == null ? Change.SET : Change.EDITED;
        return new TargetChange(period, change, oldValue, newValue, changedById, changedBy, changedAt);
    }
}

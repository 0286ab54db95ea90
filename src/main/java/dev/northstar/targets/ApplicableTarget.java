package dev.northstar.targets;

import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Period;

import java.math.BigDecimal;
import java.util.List;

/**
 * The target that applies to a metric, scope and period, and how it was found (see docs/targets.md).
 *
 * @param value       the target, or null when none applies
 * @param source      how it was found
 * @param fromPeriods the labels of the periods it comes from: the period itself (SET), the smaller periods summed
 *                    (SUM_OF_SMALLER), the enclosing period (PRORATED_FROM), none (NONE)
 * @param found       the same in one word: SET, SUM_OF_SMALLER, PRORATED_FROM:{label} or NONE
 * @param warnings    lower levels' targets that do not add up to a level's, where this scope is either level
 */
public record ApplicableTarget(String metric, String scope, Period period, Unit unit, BigDecimal value, Source source,
                               List<String> fromPeriods, String found, List<TargetMismatch> warnings) {

    public enum Source { SET, SUM_OF_SMALLER, PRORATED_FROM, NONE }

    public ApplicableTarget {
        fromPeriods = List.copyOf(fromPeriods);
        warnings = List.copyOf(warnings);
    }
}

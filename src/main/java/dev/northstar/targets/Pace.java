package dev.northstar.targets;

import java.math.BigDecimal;

/**
 * Where a value stands in its period. Null fields are not known: no target, no data, a period not begun, or a
 * measure that only additive units have.
 *
 * @param elapsedShare    the share of the period gone by at the end of today, 0 to 1
 * @param expectedByToday where the value should be by today: the target times the elapsed share for counts and money,
 *                        the target itself for percents, ratios and durations
 * @param projectedEnd    the value at the end of the period if it keeps its run rate (counts and money only)
 * @param gapToTarget     how far the value is from meeting the period's target, positive while not met:
 *                        target - value when higher is better, value - target when lower is better
 * @param percentOfPace   the value as a percent of expectedByToday
 * @param status          the value against its pace, with a word and an icon
 */
public record Pace(BigDecimal elapsedShare, BigDecimal expectedByToday, BigDecimal projectedEnd, BigDecimal gapToTarget,
                   BigDecimal percentOfPace, Status status) {
}

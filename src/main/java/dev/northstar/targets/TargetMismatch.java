package dev.northstar.targets;

import dev.northstar.catalog.MetricDefinition.Unit;

import java.math.BigDecimal;
import java.util.List;

/**
 * A level whose own target is not the sum of the targets of the level below: the company and its departments, a
 * department and its teams, a team and its people. Only counts and money are compared, and only targets set for the
 * period or summed from smaller ones: prorated targets are compared where they were set.
 *
 * @param level        the upper level: COMPANY (against its departments), DEPARTMENT (its teams), TEAM (its people)
 * @param scope        the upper level's scope, e.g. department:12
 * @param name         its name, e.g. Sales
 * @param unit         the metric's unit, to show the sums in
 * @param expectedSum  the upper level's target, which the lower targets should add up to
 * @param actualSum    what the lower targets add up to
 * @param withoutTarget the lower scopes that have no target for the period, e.g. [team:7]
 */
public record TargetMismatch(Level level, String scope, String name, Unit unit, BigDecimal expectedSum, BigDecimal actualSum,
                             List<String> withoutTarget) {

    public enum Level { COMPANY, DEPARTMENT, TEAM }

    public TargetMismatch {
        withoutTarget = List.copyOf(withoutTarget);
    }
}

package dev.northstar.targets.internal;

import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Period;
import dev.northstar.targets.TargetMismatch;
import dev.northstar.targets.TargetMismatch.Level;
import dev.northstar.targets.internal.WhichTarget.Found;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares each level's target with the sum of its children's for one metric and period. A level is warned about only
 * when it has an exact target (set or summed) and at least one child has one too: a level whose children have no
 * targets yet is not wrong, just not broken down.
 */
public final class MismatchCheck {

    private MismatchCheck() {
    }

    /** An upper level and the scopes right below it: a department and its teams, say. */
    public record Group(Level level, String scope, String name, List<String> children) {
    }

    public static List<TargetMismatch> check(List<Group> groups, Map<String, List<StoredTarget>> targetsByScope, Period period, Unit unit) {
        List<TargetMismatch> mismatches = new ArrayList<>();
        for (Group group : groups) {
            Found own = exact(targetsByScope, group.scope(), period);
            if (own == null) {
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            List<String> without = new ArrayList<>();
            for (String child : group.children()) {
                Found target = exact(targetsByScope, child, period);
                if (target == null) {
                    without.add(child);
                } else {
                    sum = sum.add(target.value());
                }
            }
            if (without.size() < group.children().size() && sum.compareTo(own.value()) != 0) {
                mismatches.add(new TargetMismatch(group.level(), group.scope(), group.name(), unit, own.value(), sum, without));
            }
        }
        return mismatches;
    }

    private static Found exact(Map<String, List<StoredTarget>> targetsByScope, String scope, Period period) {
        Found found = WhichTarget.find(targetsByScope.getOrDefault(scope, List.of()), period, true);
        return found.exact() ? found : null;
    }
}

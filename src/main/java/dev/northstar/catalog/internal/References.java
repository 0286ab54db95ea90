package dev.northstar.catalog.internal;

import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricDefinition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which other metrics a definition's formula refers to, and the field that names each: a ratio's numerator and
 * denominator, a derived expression's keys, a cumulative metric's base, the metric an attainment or a target is of. The KPI tree's parent is not one of them:
 * it places a metric in the tree and does not feed its value.
 */
public final class References {

    private References() {
    }

    /** Each referred key with the field naming it (a derived expression that cannot be read refers to nothing). */
    public static Map<String, String> of(Formula formula) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (formula instanceof Formula.Ratio ratio) {
            putIfSet(keys, ratio.numerator(), "formula.numerator");
            putIfSet(keys, ratio.denominator(), "formula.denominator");
        } else if (formula instanceof Formula.Derived derived) {
            DerivedExpressions.read(derived.expression()).keys().forEach(key -> keys.put(key, "formula.expression"));
        } else if (formula instanceof Formula.Cumulative cumulative) {
            putIfSet(keys, cumulative.base(), "formula.base");
        } else if (formula instanceof Formula.Attainment attainment) {
            putIfSet(keys, attainment.metric(), "formula.metric");
        } else if (formula instanceof Formula.Target target) {
            putIfSet(keys, target.metric(), "formula.metric");
        }
        return keys;
    }

    /** The metrics among {@code all} that refer to {@code key}, by formula or as their KPI-tree parent, in key order. */
    public static List<String> referrers(String key, Map<String, MetricDefinition> all) {
        return all.values().stream()
                .filter(d -> !d.key().equals(key) && (of(d.formula()).containsKey(key) || key.equals(d.parentKey())))
                .map(MetricDefinition::key).sorted().toList();
    }

    /**
     * A way from {@code start} back to itself through the formulas of {@code all}, as the keys along it beginning and
     * ending with {@code start} ("a -> b -> a"), or an empty list when there is none.
     */
    static List<String> cycleThrough(String start, Map<String, MetricDefinition> all) {
        List<String> path = new ArrayList<>(List.of(start));
        return search(start, start, all, path, new LinkedHashSet<>()) ? path : List.of();
    }

    /** The chain of KPI-tree parents from {@code start} when it comes back to {@code start}, or an empty list. */
    static List<String> parentCycle(String start, Map<String, MetricDefinition> all) {
        List<String> path = new ArrayList<>(List.of(start));
        Set<String> seen = new LinkedHashSet<>(path);
        for (MetricDefinition at = all.get(start); at != null && at.parentKey() != null; at = all.get(at.parentKey())) {
            path.add(at.parentKey());
            if (at.parentKey().equals(start)) {
                return path;
            }
            if (!seen.add(at.parentKey())) {
                return List.of(); // a loop that does not pass through start is another metric's problem
            }
        }
        return List.of();
    }

    private static boolean search(String start, String at, Map<String, MetricDefinition> all, List<String> path, Set<String> visited) {
        MetricDefinition definition = all.get(at);
        if (definition == null || !visited.add(at)) {
            return false;
        }
        for (String next : of(definition.formula()).keySet()) {
            path.add(next);
            if (next.equals(start) || search(start, next, all, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    private static void putIfSet(Map<String, String> keys, String key, String field) {
        if (key != null && !key.isBlank()) {
            keys.putIfAbsent(key, field);
        }
    }
}

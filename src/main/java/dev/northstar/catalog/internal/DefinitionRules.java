package dev.northstar.catalog.internal;

import dev.northstar.catalog.DefinitionProblem;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Everything a definition must satisfy before it is saved, checked for a batch of changed definitions against the
 * company's whole catalog as it would be afterwards ({@code all}: the stored definitions with the batch's in their
 * place), so that references and cycles are judged on the result. Every problem is reported, not just the first.
 */
public final class DefinitionRules {

    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,59}");
    /**
     * Keys a metric cannot have: paths of the metrics API ({@code /api/v1/metrics/export} would hide the metric), and
     * EvalEx's constants, which a derived formula would read instead of the metric.
     */
    static final Set<String> RESERVED = Set.of("export", "import", "library", "e", "pi", "true", "false", "null");
    private static final Set<Period.Grain> TO_DATE_GRAINS = Set.of(Period.Grain.WEEK, Period.Grain.MONTH, Period.Grain.QUARTER, Period.Grain.YEAR);
    private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9_]{0,39}"); // PipelineStages' stage keys
    static final int MAX_DAYS = 3660;

    private DefinitionRules() {
    }

    /**
     * @param ownerExists whether a person id belongs to the company
     */
    public static List<DefinitionProblem> check(List<MetricDefinition> changed, Map<String, MetricDefinition> all, LongPredicate ownerExists) {
        List<DefinitionProblem> problems = new ArrayList<>();
        Set<Set<String>> cycles = new HashSet<>();
        for (MetricDefinition definition : changed) {
            Problems p = new Problems(definition.key(), problems);
            checkFields(definition, all, ownerExists, p);
            if (definition.formula() == null) {
                p.add("formula", "is required");
                continue;
            }
            checkFormula(definition.formula(), p);
            boolean known = checkReferences(definition, all, p);
            List<String> cycle = known ? References.cycleThrough(definition.key(), all) : List.of();
            if (!cycle.isEmpty() && cycles.add(Set.copyOf(cycle))) {
                p.add(References.of(definition.formula()).get(cycle.get(1)), "makes a cycle: " + String.join(" -> ", cycle));
            }
        }
        return problems;
    }

    private static void checkFields(MetricDefinition d, Map<String, MetricDefinition> all, LongPredicate ownerExists, Problems p) {
        if (d.key() == null || !KEY.matcher(d.key()).matches()) {
            p.add("key", d.key() == null ? "is required" : "is '" + d.key()
                    + "': a key is a lower-case letter followed by up to 59 lower-case letters, digits and underscores");
        } else if (RESERVED.contains(d.key())) {
            p.add("key", "'" + d.key() + "' is reserved; choose another key");
        }
        required(d.name(), "name", 200, p);
        limit(d.description(), "description", 2000, p);
        limit(d.reviewMeeting(), "reviewMeeting", 200, p);
        limit(d.actionWhenWorse(), "actionWhenWorse", 500, p);
        if (d.kind() == null) p.add("kind", "is required: primary (a result) or secondary (an activity that drives results)");
        if (d.unit() == null) p.add("unit", "is required: one of " + EnumWords.all(MetricDefinition.Unit.class));
        if (d.direction() == null) p.add("direction", "is required: higher_is_better or lower_is_better");
        if (d.decimals() < 0 || d.decimals() > 6) p.add("decimals", "is " + d.decimals() + "; it is 0 to 6");
        if (d.ownerId() != null && !ownerExists.test(d.ownerId())) {
            p.add("owner", "is person " + d.ownerId() + ", who is not a person of this company");
        }
        if (d.parentKey() != null) {
            List<String> parentCycle = References.parentCycle(d.key(), all);
            if (d.parentKey().equals(d.key())) {
                p.add("parent", "is the metric itself; a KPI tree's parent is another metric");
            } else if (!all.containsKey(d.parentKey())) {
                p.add("parent", "is '" + d.parentKey() + "', which is not a metric of this company");
            } else if (!parentCycle.isEmpty()) {
                p.add("parent", "makes a cycle in the KPI tree: " + String.join(" -> ", parentCycle));
            }
        }
    }

    private static void checkFormula(Formula formula, Problems p) {
        if (formula instanceof Formula.Aggregate aggregate) {
            AggregateRules.check(aggregate, p);
        } else if (formula instanceof Formula.Ratio ratio) {
            if (ratio.numerator() == null) p.add("formula.numerator", "is required: the key of the metric divided");
            if (ratio.denominator() == null) p.add("formula.denominator", "is required: the key of the metric divided by");
        } else if (formula instanceof Formula.Derived derived) {
            String problem = DerivedExpressions.read(derived.expression()).problem();
            if (problem != null) p.add("formula.expression", problem);
        } else if (formula instanceof Formula.Cumulative cumulative) {
            checkCumulative(cumulative, p);
        } else if (formula instanceof Formula.StageConversion conversion) {
            checkStageConversion(conversion, p);
        } else if (formula instanceof Formula.Attainment attainment) {
            if (attainment.metric() == null) p.add("formula.metric", "is required: the key of the metric measured against its target");
        } else if (formula instanceof Formula.Target target) {
            if (target.metric() == null) p.add("formula.metric", "is required: the key of the metric whose target this is");
        } else if (formula instanceof Formula.Retention retention && retention.measure() == null) {
            p.add("formula.measure", "is required: one of " + EnumWords.all(Formula.Retention.Measure.class));
        }
    }

    private static void checkCumulative(Formula.Cumulative cumulative, Problems p) {
        if (cumulative.base() == null) p.add("formula.base", "is required: the key of the metric to accumulate");
        if (cumulative.window() == null) {
            p.add("formula.window", "is required: period_to_date (with toDateOf) or rolling (with days)");
        } else if (cumulative.window() == Formula.Cumulative.Window.PERIOD_TO_DATE) {
            if (cumulative.toDateOf() == null || !TO_DATE_GRAINS.contains(cumulative.toDateOf())) {
                p.add("formula.toDateOf", (cumulative.toDateOf() == null ? "is required" : "is " + EnumWords.of(cumulative.toDateOf()))
                        + " for period_to_date; use week, month, quarter or year");
            }
            if (cumulative.days() != null) p.add("formula.days", "is for rolling windows; leave it out for period_to_date");
        } else {
            if (cumulative.days() == null || cumulative.days() < 1 || cumulative.days() > MAX_DAYS) {
                p.add("formula.days", (cumulative.days() == null ? "is required" : "is " + cumulative.days())
                        + " for a rolling window; it is 1 to " + MAX_DAYS);
            }
            if (cumulative.toDateOf() != null) p.add("formula.toDateOf", "is for period_to_date; leave it out for a rolling window");
        }
    }

    private static void checkStageConversion(Formula.StageConversion conversion, Problems p) {
        stage(conversion.from(), "formula.from", p);
        stage(conversion.to(), "formula.to", p);
        if (conversion.from() != null && conversion.from().equals(conversion.to())) {
            p.add("formula.to", "is the same stage as formula.from; a conversion goes from one stage to another");
        }
        if (conversion.withinDays() != null && (conversion.withinDays() < 1 || conversion.withinDays() > MAX_DAYS)) {
            p.add("formula.withinDays", "is " + conversion.withinDays() + "; it is 1 to " + MAX_DAYS + ", or left out for no limit");
        }
    }

    /** Whether every metric the formula refers to exists (only then is looking for a cycle meaningful). */
    private static boolean checkReferences(MetricDefinition d, Map<String, MetricDefinition> all, Problems p) {
        boolean known = true;
        for (var reference : References.of(d.formula()).entrySet()) {
            if (!reference.getKey().equals(d.key()) && !all.containsKey(reference.getKey())) {
                p.add(reference.getValue(), "refers to '" + reference.getKey() + "', which is not a metric of this company");
                known = false;
            }
        }
        return known;
    }

    private static void stage(String stage, String field, Problems p) {
        if (stage == null) {
            p.add(field, "is required: the key of a pipeline stage");
        } else if (!STAGE.matcher(stage).matches()) {
            p.add(field, "is '" + stage + "', which is not a pipeline stage key (lower-case letters, digits and underscores)");
        }
    }

    private static void required(String text, String field, int max, Problems p) {
        if (text == null || text.isBlank()) {
            p.add(field, "is required");
        }
        limit(text, field, max, p);
    }

    private static void limit(String text, String field, int max, Problems p) {
        if (text != null && text.length() > max) {
            p.add(field, "is " + text.length() + " characters long; at most " + max);
        }
    }
}

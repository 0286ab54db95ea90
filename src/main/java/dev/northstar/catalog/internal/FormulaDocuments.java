package dev.northstar.catalog.internal;

import dev.northstar.catalog.Formula;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Attainment;
import dev.northstar.catalog.Formula.Cumulative;
import dev.northstar.catalog.Formula.Derived;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.Manual;
import dev.northstar.catalog.Formula.Ratio;
import dev.northstar.catalog.Formula.Retention;
import dev.northstar.catalog.Formula.StageConversion;
import dev.northstar.catalog.Formula.Target;
import dev.northstar.shared.Period;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * A formula as a small JSON/YAML object, the same in the database (jsonb), the API and the YAML file: {@code type}
 * names the formula type and the other fields are the record's, enum values in lower case, empty and default fields
 * left out. For example {@code {type: aggregate, source: deals, function: sum, field: amount, time: closed,
 * filters: [{field: outcome, values: [won]}]}} or {@code {type: ratio, numerator: deals_won, denominator: deals_closed}} or {@code {type: attainment, metric: closed_won_revenue}}.
 */
public final class FormulaDocuments {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "aggregate", fields("source", "function", "field", "filters", "time"),
            "ratio", fields("numerator", "denominator"),
            "derived", fields("expression"),
            "cumulative", fields("base", "window", "toDateOf", "days"),
            "stage_conversion", fields("from", "to", "withinDays"),
            "retention", fields("measure"),
            "manual", fields(),
            "attainment", fields("metric"),
            "target", fields("metric"));
    private static final Set<String> FILTER_FIELDS = Set.of("field", "values", "negate");
    private static final String TYPES = "aggregate, ratio, derived, cumulative, stage_conversion, retention, manual, attainment, target";

    private FormulaDocuments() {
    }

    public static Map<String, Object> write(Formula formula) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (formula instanceof Aggregate aggregate) {
            document.put("type", "aggregate");
            document.put("source", EnumWords.of(aggregate.source()));
            document.put("function", EnumWords.of(aggregate.function()));
            putIfSet(document, "field", aggregate.field());
            document.put("time", EnumWords.of(aggregate.time()));
            if (aggregate.filters() != null && !aggregate.filters().isEmpty()) {
                document.put("filters", aggregate.filters().stream().map(FormulaDocuments::write).toList());
            }
        } else if (formula instanceof Ratio ratio) {
            document.put("type", "ratio");
            document.put("numerator", ratio.numerator());
            document.put("denominator", ratio.denominator());
        } else if (formula instanceof Derived derived) {
            document.put("type", "derived");
            document.put("expression", derived.expression());
        } else if (formula instanceof Cumulative cumulative) {
            document.put("type", "cumulative");
            document.put("base", cumulative.base());
            document.put("window", EnumWords.of(cumulative.window()));
            putIfSet(document, "toDateOf", EnumWords.of(cumulative.toDateOf()));
            putIfSet(document, "days", cumulative.days());
        } else if (formula instanceof StageConversion conversion) {
            document.put("type", "stage_conversion");
            document.put("from", conversion.from());
            document.put("to", conversion.to());
            putIfSet(document, "withinDays", conversion.withinDays());
        } else if (formula instanceof Retention retention) {
            document.put("type", "retention");
            document.put("measure", EnumWords.of(retention.measure()));
        } else if (formula instanceof Manual) {
            document.put("type", "manual");
        } else if (formula instanceof Attainment attainment) {
            document.put("type", "attainment");
            document.put("metric", attainment.metric());
        } else if (formula instanceof Target target) {
            document.put("type", "target");
            document.put("metric", target.metric());
        }
        return document;
    }

    /** The formula in {@code value}, or null when it cannot be read (every reason recorded with the reader). */
    static Formula read(Object value, String path, DocumentReader reader) {
        if (!(value instanceof Map<?, ?> map)) {
            reader.problem(path, value == null ? "is required" : "must be an object with a type (" + TYPES + ")");
            return null;
        }
        Object type = map.get("type");
        Set<String> allowed = type == null ? null : FIELDS.get(String.valueOf(type));
        if (allowed == null) {
            reader.problem(path + ".type", type == null ? "is required: one of " + TYPES : "is '" + type + "', which is not one of " + TYPES);
            return null;
        }
        Set<String> withType = new LinkedHashSet<>(List.of("type"));
        withType.addAll(allowed);
        Map<String, Object> f = reader.object(value, path, withType);
        return switch (String.valueOf(type)) {
            case "aggregate" -> new Aggregate(
                    reader.choice(f, "source", path + ".source", Formula.Source.class),
                    reader.choice(f, "function", path + ".function", Formula.Function.class),
                    reader.text(f, "field", path + ".field"),
                    filters(reader.list(f, "filters", path + ".filters"), path + ".filters", reader),
                    reader.choice(f, "time", path + ".time", Formula.TimeField.class));
            case "ratio" -> new Ratio(reader.text(f, "numerator", path + ".numerator"), reader.text(f, "denominator", path + ".denominator"));
            case "derived" -> new Derived(reader.text(f, "expression", path + ".expression"));
            case "cumulative" -> new Cumulative(
                    reader.text(f, "base", path + ".base"),
                    reader.choice(f, "window", path + ".window", Cumulative.Window.class),
                    reader.choice(f, "toDateOf", path + ".toDateOf", Period.Grain.class),
                    reader.integer(f, "days", path + ".days"));
            case "stage_conversion" -> new StageConversion(reader.text(f, "from", path + ".from"), reader.text(f, "to", path + ".to"),
                    reader.integer(f, "withinDays", path + ".withinDays"));
            case "retention" -> new Retention(reader.choice(f, "measure", path + ".measure", Retention.Measure.class));
            case "attainment" -> new Attainment(reader.text(f, "metric", path + ".metric"));
            case "target" -> new Target(reader.text(f, "metric", path + ".metric"));
            default -> new Manual();
        };
    }

    private static Map<String, Object> write(Filter filter) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("field", filter.field());
        document.put("values", filter.values());
        if (filter.negate()) {
            document.put("negate", true);
        }
        return document;
    }

    private static List<Filter> filters(List<Object> values, String path, DocumentReader reader) {
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String at = path + "[" + i + "]";
            Map<String, Object> f = reader.object(values.get(i), at, FILTER_FIELDS);
            if (f == null) {
                continue;
            }
            List<String> texts = new ArrayList<>();
            List<Object> listed = reader.list(f, "values", at + ".values");
            for (int v = 0; v < listed.size(); v++) {
                texts.add(reader.text(Map.of("value", listed.get(v) == null ? "" : listed.get(v)), "value", at + ".values[" + v + "]"));
            }
            Boolean negate = reader.bool(f, "negate", at + ".negate");
            filters.add(new Filter(reader.text(f, "field", at + ".field"), texts, Boolean.TRUE.equals(negate)));
        }
        return filters;
    }

    private static void putIfSet(Map<String, Object> document, String name, Object value) {
        if (value != null) {
            document.put(name, value);
        }
    }

    private static Set<String> fields(String... names) {
        return new LinkedHashSet<>(List.of(names));
    }
}

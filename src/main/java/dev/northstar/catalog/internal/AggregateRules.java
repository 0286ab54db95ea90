package dev.northstar.catalog.internal;

import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * What an aggregate may name for each source: the fields its functions take, the fields it filters on and the time
 * fields that put a record in a period, exactly as {@link dev.northstar.catalog.Formula}'s javadoc fixes them for the
 * evaluator. A definition naming anything else would be saved but could never be computed.
 */
final class AggregateRules {

    private record SourceFields(Set<TimeField> times, Set<String> measures, Set<String> filters) {

        /** COUNT_DISTINCT counts distinct values of any filter field, or of the person or the account. */
        Set<String> distinct() {
            Set<String> fields = new LinkedHashSet<>(filters);
            fields.add("person");
            fields.add("account");
            return fields;
        }
    }

    private static final Map<Source, SourceFields> SOURCES = Map.of(
            Source.ACTIVITIES, new SourceFields(Set.of(TimeField.OCCURRED), ordered("quantity"),
                    ordered("type", "source", "accountRef", "dealRef")),
            Source.DEALS, new SourceFields(Set.of(TimeField.CREATED, TimeField.CLOSED, TimeField.OPEN_AT_END),
                    ordered("amount", "weightedAmount", "cycleDays"),
                    ordered("stage", "outcome", "currency", "source", "segment", "industry", "hasAmount", "hasExpectedClose")),
            Source.REVENUE, new SourceFields(Set.of(TimeField.MONTH), ordered("mrr"), ordered("source", "accountRef", "segment", "industry")));

    /** Filters whose values are a yes or no. */
    private static final Set<String> YES_OR_NO = Set.of("hasAmount", "hasExpectedClose");
    /** A deal's outcome as the ingest stores it (PipelineStages.Outcome). */
    private static final Set<String> OUTCOMES = ordered("open", "won", "lost");

    private AggregateRules() {
    }

    static void check(Aggregate aggregate, Problems problems) {
        if (aggregate.source() == null) {
            problems.add("formula.source", "is required: one of " + EnumWords.all(Source.class));
            return; // every other rule depends on the source
        }
        SourceFields source = SOURCES.get(aggregate.source());
        String named = EnumWords.of(aggregate.source());
        checkFunction(aggregate, source, named, problems);
        if (aggregate.time() == null) {
            problems.add("formula.time", "is required for " + named + ": " + listed(source.times()));
        } else if (!source.times().contains(aggregate.time())) {
            problems.add("formula.time", "is " + EnumWords.of(aggregate.time()) + ", which " + named + " do not have; use " + listed(source.times()));
        }
        List<Filter> filters = aggregate.filters() == null ? List.of() : aggregate.filters();
        for (int i = 0; i < filters.size(); i++) {
            checkFilter(filters.get(i), "formula.filters[" + i + "]", source, named, problems);
        }
    }

    private static void checkFunction(Aggregate aggregate, SourceFields source, String named, Problems problems) {
        Function function = aggregate.function();
        String field = aggregate.field();
        if (function == null) {
            problems.add("formula.function", "is required: one of " + EnumWords.all(Function.class));
        } else if (function == Function.COUNT) {
            if (field != null) {
                problems.add("formula.field", "must be left out for count, which counts records; to count distinct values of '"
                        + field + "' use count_distinct");
            }
        } else {
            Set<String> allowed = function == Function.COUNT_DISTINCT ? source.distinct() : source.measures();
            if (field == null || field.isBlank()) {
                problems.add("formula.field", "is required for " + EnumWords.of(function) + " of " + named + ": one of " + String.join(", ", allowed));
            } else if (!allowed.contains(field)) {
                problems.add("formula.field", "is '" + field + "', which " + EnumWords.of(function) + " of " + named
                        + " cannot take; use one of " + String.join(", ", allowed));
            }
        }
    }

    private static void checkFilter(Filter filter, String at, SourceFields source, String named, Problems problems) {
        if (filter.field() == null || !source.filters().contains(filter.field())) {
            problems.add(at + ".field", (filter.field() == null ? "is required" : "is '" + filter.field() + "', which " + named
                    + " cannot be filtered on") + "; use one of " + String.join(", ", source.filters()));
            return;
        }
        List<String> values = filter.values() == null ? List.of() : filter.values();
        if (values.isEmpty()) {
            problems.add(at + ".values", "must list at least one value");
        }
        for (int v = 0; v < values.size(); v++) {
            String value = values.get(v);
            String where = at + ".values[" + v + "]";
            if (value == null || value.isBlank()) {
                problems.add(where, "is empty");
            } else if (YES_OR_NO.contains(filter.field()) && !value.equals("true") && !value.equals("false")) {
                problems.add(where, "is '" + value + "'; " + filter.field() + " is 'true' or 'false'");
            } else if (filter.field().equals("outcome") && !OUTCOMES.contains(value)) {
                problems.add(where, "is '" + value + "'; a deal's outcome is " + String.join(", ", OUTCOMES));
            }
        }
    }

    private static String listed(Set<TimeField> times) {
        return String.join(", ", times.stream().sorted().map(EnumWords::of).toList());
    }

    private static Set<String> ordered(String... values) {
        return new LinkedHashSet<>(List.of(values));
    }
}

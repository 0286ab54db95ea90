package dev.northstar.dashboards.web;

import dev.northstar.catalog.Formula;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Filter;
import dev.northstar.catalog.Formula.TimeField;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * A metric's formula in words, for the people who read the number rather than define it ("The sum of amount over deals
 * closed in the period, whose outcome is won"). Other metrics are named by {@code names} (their display names).
 */
final class FormulaWords {

    private FormulaWords() {
    }

    static String of(Formula formula, UnaryOperator<String> names) {
        if (formula instanceof Aggregate aggregate) {
            return aggregate(aggregate);
        }
        if (formula instanceof Formula.Ratio ratio) {
            return names.apply(ratio.numerator()) + " divided by " + names.apply(ratio.denominator())
                    + ", each summed over the scope first (never an average of ratios).";
        }
        if (formula instanceof Formula.Derived derived) {
            return "Computed from other metrics as " + derived.expression() + ".";
        }
        if (formula instanceof Formula.Cumulative cumulative) {
            String window = cumulative.window() == Formula.Cumulative.Window.ROLLING
                    ? "over the " + cumulative.days() + " days ending with the period"
                    : "from the start of its " + word(cumulative.toDateOf()) + " to the end of the period";
            return names.apply(cumulative.base()) + ", " + window + ".";
        }
        if (formula instanceof Formula.StageConversion conversion) {
            return "Of the deals that entered " + conversion.from() + " in the period, the share that reached " + conversion.to()
                    + (conversion.withinDays() == null ? "" : " within " + conversion.withinDays() + " days") + ".";
        }
        if (formula instanceof Formula.Retention retention) {
            return "From recurring revenue lines: " + retention.measure().name().replace('_', ' ') + ".";
        }
        if (formula instanceof Formula.Attainment attainment) {
            return names.apply(attainment.metric()) + " divided by its target for the same scope and period.";
        }
        if (formula instanceof Formula.Target target) {
            return "The target of " + names.apply(target.metric()) + " that applies to the scope and period.";
        }
        return "Typed or imported for each period and scope.";
    }

    private static String aggregate(Aggregate aggregate) {
        String source = word(aggregate.source());
        String field = aggregate.field() == null ? "" : aggregate.field().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        String what = switch (aggregate.function()) {
            case COUNT -> "The number of " + source;
            case COUNT_DISTINCT -> "The number of distinct " + field + " values among " + source;
            case SUM -> "The sum of " + field + " over " + source;
            case AVERAGE -> "The average " + field + " of " + source;
            case MIN -> "The smallest " + field + " among " + source;
            case MAX -> "The largest " + field + " among " + source;
        };
        StringBuilder words = new StringBuilder(what).append(' ').append(when(aggregate.time(), aggregate.source()));
        List<Filter> filters = aggregate.filters() == null ? List.of() : aggregate.filters();
        for (int i = 0; i < filters.size(); i++) {
            Filter filter = filters.get(i);
            words.append(i == 0 ? ", whose " : " and whose ").append(filter.field()).append(filter.negate() ? " is not " : " is ")
                    .append(String.join(" or ", filter.values()));
        }
        return words.append('.').toString();
    }

    private static String when(TimeField time, Formula.Source source) {
        TimeField field = time != null ? time : source == Formula.Source.ACTIVITIES ? TimeField.OCCURRED
                : source == Formula.Source.DEALS ? TimeField.CREATED : TimeField.MONTH;
        return switch (field) {
            case OCCURRED -> "that occurred in the period";
            case CREATED -> "created in the period";
            case CLOSED -> "closed in the period";
            case MONTH -> "in the period's months";
            case OPEN_AT_END -> "open when the period ends";
        };
    }

    private static String word(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** An enum's name as a page's word: DAILY is "Daily", CUSTOMER_SATISFACTION "Customer satisfaction". */
    static String capitalized(Enum<?> value) {
        String lower = word(value);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}

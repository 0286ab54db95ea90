package dev.northstar.catalog;

/**
 * One thing wrong with a metric definition: the metric's key (as given, possibly invalid or null), the field (a path
 * such as {@code formula.filters[0].field}) and the reason, phrased to follow the field: "formula.numerator refers to
 * 'x', which is not a metric of this company".
 */
public record DefinitionProblem(String metric, String field, String reason) {

    @Override
    public String toString() {
        return (metric == null ? "a metric without a key" : "metric '" + metric + "'") + ": " + field + " " + reason;
    }
}

package dev.northstar.analytics.internal;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.parser.ParseException;
import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.analytics.MetricValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A derived metric's formula, evaluated by EvalEx (a parser, not a script engine: nothing but arithmetic and its
 * functions can run). Its variables are other metrics' keys. When any of them has no data, or the formula divides by
 * zero, the result is no data: a made-up zero would look like a real value.
 */
final class DerivedFormula {

    private static final ExpressionConfiguration CONFIGURATION = ExpressionConfiguration.builder()
            .mathContext(MetricValue.PRECISION).build();

    private DerivedFormula() {
    }

    /** The metrics a formula reads, by key, in alphabetical order; an unreadable formula reads none. */
    static List<String> inputs(String formula) {
        try {
            return List.copyOf(new TreeSet<>(new Expression(formula == null ? "" : formula, CONFIGURATION).getUsedVariables()));
        } catch (ParseException e) {
            return List.of();
        }
    }

    static MetricValue evaluate(String metricKey, String formula, Function<String, MetricValue> metric) {
        Expression expression = new Expression(formula == null ? "" : formula, CONFIGURATION);
        Map<String, MetricValue> inputs = new LinkedHashMap<>();
        try {
            // Every input is evaluated, in a fixed order, even after one without data: a cycle is found whatever the data.
            for (String variable : new TreeSet<>(expression.getUsedVariables())) {
                inputs.put(variable, metric.apply(variable));
            }
            if (inputs.values().stream().anyMatch(value -> !value.hasData())) {
                return MetricValue.noData();
            }
            inputs.forEach((variable, value) -> expression.with(variable, value.value()));
            EvaluationValue result = expression.evaluate();
            if (!result.isNumberValue() && !result.isBooleanValue()) {
                throw new MetricEvaluationException("the formula of '" + metricKey + "' gives " + result.getValue() + ", not a number");
            }
            return MetricValue.of(result.getNumberValue());
        } catch (ParseException e) {
            throw new MetricEvaluationException("the formula of '" + metricKey + "' cannot be read: " + e.getMessage());
        } catch (EvaluationException e) {
            if (e.getMessage() != null && e.getMessage().contains("Division by zero")) {
                return MetricValue.noData();
            }
            throw new MetricEvaluationException("the formula of '" + metricKey + "' cannot be evaluated: " + e.getMessage());
        }
    }
}

package dev.northstar.catalog.internal;

import com.ezylang.evalex.Expression;
import com.ezylang.evalex.parser.ASTNode;
import com.ezylang.evalex.parser.ParseException;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a derived formula with EvalEx (the library the evaluator computes it with) and keeps it to what a metric
 * formula needs: metric keys, numbers, {@code + - * /}, parentheses and the functions MIN, MAX and IF. IF needs a
 * condition, so comparisons ({@code > >= < <= = == != <>}), {@code && || !} are allowed too. Everything else
 * EvalEx knows (text, arrays, dates, SQRT, ^, %) is refused: a formula that depends on the library's extras would
 * change meaning with it.
 */
public final class DerivedExpressions {

    private static final Set<String> FUNCTIONS = Set.of("MIN", "MAX", "IF");
    private static final Set<String> INFIX = Set.of("+", "-", "*", "/", ">", ">=", "<", "<=", "=", "==", "!=", "<>", "&&", "||");
    private static final Set<String> PREFIX = Set.of("-", "+", "!");

    /** What an expression refers to, or why it cannot be used: exactly one of the two is set. */
    public record Reading(Set<String> keys, String problem) {
    }

    private DerivedExpressions() {
    }

    public static Reading read(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Reading(Set.of(), "is required: a formula over other metrics' keys, such as 'closed_won_revenue / deals_won'");
        }
        List<ASTNode> nodes;
        try {
            Expression parsed = new Expression(expression);
            parsed.validate();
            nodes = parsed.getAllASTNodes();
        } catch (ParseException | RuntimeException e) {
            return new Reading(Set.of(), "cannot be read: " + e.getMessage());
        }
        Set<String> keys = new LinkedHashSet<>();
        for (ASTNode node : nodes) {
            String value = node.getToken().getValue();
            String refused = switch (node.getToken().getType()) {
                case VARIABLE_OR_CONSTANT -> {
                    keys.add(value);
                    yield null;
                }
                case NUMBER_LITERAL -> null;
                case FUNCTION -> FUNCTIONS.contains(value.toUpperCase(Locale.ROOT)) ? null
                        : "uses the function " + value + "; only MIN, MAX and IF are allowed";
                case INFIX_OPERATOR -> INFIX.contains(value) ? null : "uses the operator " + value + "; use + - * / and parentheses";
                case PREFIX_OPERATOR -> PREFIX.contains(value) ? null : "uses the operator " + value + "; use + - * / and parentheses";
                case STRING_LITERAL -> "contains the text \"" + value + "\"; a formula works on numbers only";
                default -> "uses '" + value + "', which a metric formula cannot: use metric keys, numbers, + - * /, parentheses, MIN, MAX and IF";
            };
            if (refused != null) {
                return new Reading(Set.of(), refused);
            }
        }
        return new Reading(keys, null);
    }
}

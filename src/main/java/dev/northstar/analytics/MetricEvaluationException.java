package dev.northstar.analytics;

import dev.northstar.shared.ConflictException;

import java.util.List;

/**
 * A metric that cannot be evaluated as defined: it refers to a metric that does not exist, or to itself through
 * other metrics (a cycle), or it asks a source for a field or time it does not have. The catalog refuses such
 * definitions when they are saved; this is the evaluator's own guard, with a message that names the metrics. The API
 * answers it as a conflict (409) with that message: the definitions, not the request, must change.
 */
public class MetricEvaluationException extends ConflictException {

    public MetricEvaluationException(String message) {
        super(message);
    }

    public static MetricEvaluationException cycle(List<String> path) {
        return new MetricEvaluationException("metric '" + path.get(0) + "' refers to itself: " + String.join(" -> ", path));
    }

    public static MetricEvaluationException unknown(String key, String usedBy) {
        return new MetricEvaluationException("metric '" + key + "', used by '" + usedBy + "', is not defined");
    }
}

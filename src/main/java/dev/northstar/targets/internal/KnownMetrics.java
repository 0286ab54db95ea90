package dev.northstar.targets.internal;

import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.targets.MetricKeys;
import dev.northstar.targets.MetricKeys.MetricTraits;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks a metric key as given by a caller: well formed (400, naming the field) and one of the company's (404). */
@Component
public class KnownMetrics {

    /** The catalog's key rule, checked here too so that a typo is answered before any lookup. */
    public static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,59}");

    private final MetricKeys metricKeys;

    KnownMetrics(MetricKeys metricKeys) {
        this.metricKeys = metricKeys;
    }

    public MetricTraits require(long companyId, String key) {
        checkKey(key);
        return metricKeys.traits(companyId, key).orElseThrow(() -> new NotFoundException("Metric", key));
    }

    /** {@link #require} for several keys, with one read of the company's metrics. */
    public Map<String, MetricTraits> requireAll(long companyId, Collection<String> keys) {
        keys.forEach(KnownMetrics::checkKey);
        Map<String, MetricTraits> all = metricKeys.all(companyId);
        Map<String, MetricTraits> required = new HashMap<>();
        for (String key : keys) {
            MetricTraits traits = all.get(key);
            if (traits == null) {
                throw new NotFoundException("Metric", key);
            }
            required.put(key, traits);
        }
        return required;
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank()) {
            throw new InvalidInputException("metric", "must be given: a metric key such as deals_won");
        }
        if (!KEY.matcher(key).matches()) {
            throw new InvalidInputException("metric", "must be 1 to 60 lower-case letters, digits or _, starting with a letter, not '" + key + "'");
        }
    }
}

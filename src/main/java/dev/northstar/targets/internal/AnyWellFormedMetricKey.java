package dev.northstar.targets.internal;

import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.targets.MetricKeys;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A stand-in until the catalog's storage is merged: every well-formed key is a metric, counted, higher is better.
 * MERGE: replace this class with an adapter that asks the catalog for the company's definition (unit and direction),
 * and returns empty for keys the company does not have.
 */
@Component
class AnyWellFormedMetricKey implements MetricKeys {

    @Override
    public Optional<MetricTraits> traits(long companyId, String key) {
        return KnownMetrics.KEY.matcher(key).matches()
                ? Optional.of(new MetricTraits(Unit.COUNT, Direction.HIGHER_IS_BETTER)) : Optional.empty();
    }
}

package dev.northstar.targets.internal;

import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.targets.MetricKeys;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The company's metrics as the catalog defines them: a key the catalog does not have is no metric. */
@Component
class CatalogMetricKeys implements MetricKeys {

    private final MetricCatalog catalog;

    CatalogMetricKeys(MetricCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<MetricTraits> traits(long companyId, String key) {
        return catalog.find(companyId, key).map(metric -> new MetricTraits(metric.unit(), metric.direction()));
    }

    @Override
    public Map<String, MetricTraits> all(long companyId) {
        return catalog.all(companyId).stream()
                .collect(Collectors.toMap(MetricDefinition::key, metric -> new MetricTraits(metric.unit(), metric.direction())));
    }
}

package dev.northstar.targets.internal;

import dev.northstar.catalog.MetricCatalog;
import dev.northstar.targets.MetricKeys;
import org.springframework.stereotype.Component;

import java.util.Optional;

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
}

package dev.northstar.targets;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.targets.internal.KnownMetrics;
import dev.northstar.targets.internal.ThresholdRows;
import dev.northstar.targets.internal.ThresholdRows.Stored;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where amber starts and how pace is counted: built in (90%, linear), a company default, and per metric. Everyone in
 * the company may read them (statuses are explained by them); company admins change them.
 */
@Service
@Transactional
public class MetricThresholds {

    /** Which level a setting comes from. */
    public enum Origin { METRIC, COMPANY, BUILT_IN }

    /** A metric's thresholds in force, and where each part comes from. */
    public record MetricSetting(String metric, BigDecimal amberPercent, PacingMode pacing, Origin amberPercentFrom, Origin pacingFrom) {
    }

    /** The company's default and the metrics that differ from it. */
    public record CompanySetting(BigDecimal amberPercent, PacingMode pacing, Origin from, List<MetricSetting> metrics) {
    }

    private final ThresholdRows rows;
    private final KnownMetrics metrics;
    private final AccessPolicy policy;

    MetricThresholds(ThresholdRows rows, KnownMetrics metrics, AccessPolicy policy) {
        this.rows = rows;
        this.metrics = metrics;
        this.policy = policy;
    }

    /** The thresholds pacing uses for this metric. */
    @Transactional(readOnly = true)
    public Thresholds effective(long companyId, String metric) {
        MetricSetting setting = resolve(companyId, metric);
        return new Thresholds(setting.amberPercent(), setting.pacing());
    }

    /** {@link #effective(long, String)} of every metric, read once: for a dashboard's many metrics. */
    @Transactional(readOnly = true)
    public Function<String, Thresholds> effective(long companyId) {
        CompanySetting company = companySetting(companyId);
        Thresholds base = new Thresholds(company.amberPercent(), company.pacing());
        Map<String, Thresholds> own = company.metrics().stream()
                .collect(Collectors.toMap(MetricSetting::metric, m -> new Thresholds(m.amberPercent(), m.pacing())));
        return metric -> own.getOrDefault(metric, base);
    }

    @Transactional(readOnly = true)
    public MetricSetting of(Viewer viewer, String metric) {
        metrics.require(viewer.companyId(), metric);
        return resolve(viewer.companyId(), metric);
    }

    /** Sets a metric's own thresholds (company admins); a null part takes the company's default, both null remove them. */
    public MetricSetting set(Viewer viewer, String metric, BigDecimal amberPercent, PacingMode pacing) {
        metrics.require(viewer.companyId(), metric);
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        if (amberPercent != null) {
            Thresholds.checkAmberPercent(amberPercent);
        }
        if (amberPercent == null && pacing == null) {
            rows.deleteMetric(viewer.companyId(), metric);
        } else {
            rows.putMetric(viewer.companyId(), metric, amberPercent, pacing);
        }
        return resolve(viewer.companyId(), metric);
    }

    @Transactional(readOnly = true)
    public CompanySetting company(Viewer viewer) {
        return companySetting(viewer.companyId());
    }

    /** Sets the company's default (company admins); a null part takes the built-in one, both null remove the default. */
    public CompanySetting setCompany(Viewer viewer, BigDecimal amberPercent, PacingMode pacing) {
        policy.company(viewer, Action.CONFIGURE).orRefuse();
        if (amberPercent == null && pacing == null) {
            rows.deleteCompanyDefault(viewer.companyId());
        } else {
            Thresholds thresholds = new Thresholds(amberPercent != null ? amberPercent : Thresholds.DEFAULT_AMBER_PERCENT,
                    pacing != null ? pacing : Thresholds.DEFAULT.pacing());
            rows.putCompanyDefault(viewer.companyId(), thresholds.amberPercent(), thresholds.pacing());
        }
        return companySetting(viewer.companyId());
    }

    private CompanySetting companySetting(long companyId) {
        Optional<Stored> stored = rows.companyDefault(companyId);
        Thresholds base = orBuiltIn(stored);
        return new CompanySetting(base.amberPercent(), base.pacing(), stored.isPresent() ? Origin.COMPANY : Origin.BUILT_IN,
                rows.metrics(companyId).stream().map(s -> merge(s, base, stored.isPresent())).toList());
    }

    private MetricSetting resolve(long companyId, String metric) {
        Optional<Stored> company = rows.companyDefault(companyId);
        return merge(rows.metric(companyId, metric).orElse(new Stored(metric, null, null)), orBuiltIn(company), company.isPresent());
    }

    private static Thresholds orBuiltIn(Optional<Stored> companyDefault) {
        return companyDefault.map(s -> new Thresholds(s.amberPercent(), s.pacing())).orElse(Thresholds.DEFAULT);
    }

    private static MetricSetting merge(Stored own, Thresholds base, boolean companyHasDefault) {
        Origin inherited = companyHasDefault ? Origin.COMPANY : Origin.BUILT_IN;
        return new MetricSetting(own.metric(),
                own.amberPercent() != null ? own.amberPercent() : base.amberPercent(),
                own.pacing() != null ? own.pacing() : base.pacing(),
                own.amberPercent() != null ? Origin.METRIC : inherited,
                own.pacing() != null ? Origin.METRIC : inherited);
    }
}

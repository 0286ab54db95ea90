package dev.northstar.alerts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.MetricWords;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Cadence;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.ScopeNames;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The review meeting page's content: a cadence's metrics, read for a scope the viewer sees. */
@Service
public class Reviews {

    private final MetricCatalog catalog;
    private final MetricQueries queries;
    private final AlertRules rules;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final ScopeNames names;

    Reviews(MetricCatalog catalog, MetricQueries queries, AlertRules rules, AccessPolicy policy, OrganizationDirectory directory,
            OrganizationService organization, ScopeNames names) {
        this.catalog = catalog;
        this.queries = queries;
        this.rules = rules;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.names = names;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Review review(Viewer viewer, String cadenceName, String scopeKey) {
        Cadence cadence = cadence(cadenceName);
        Scope scope = Scope.parse(scopeKey == null || scopeKey.isBlank() ? "company" : scopeKey);
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        Company company = organization.company(viewer);
        List<MetricDefinition> all = catalog.all(viewer.companyId());
        List<Review.CadenceCount> counts = Arrays.stream(Cadence.values())
                .map(c -> new Review.CadenceCount(key(c), (int) all.stream().filter(m -> m.cadence() == c).count())).toList();
        List<MetricDefinition> reviewed = all.stream().filter(m -> m.cadence() == cadence)
                .sorted(Comparator.comparing((MetricDefinition m) -> m.reviewMeeting() == null ? "" : m.reviewMeeting()).thenComparing(MetricDefinition::name))
                .toList();
        Period period = company.calendar().period(grain(cadence), organization.today(viewer));
        Map<String, MetricReading> readings = readings(viewer, scope, reviewed, period);
        List<AlertRule> breached = rules.visible(viewer).stream().filter(AlertRule::breached).toList();
        List<Review.Item> items = reviewed.stream().map(metric -> item(viewer, company, scope, metric, readings.get(metric.key()),
                breached.stream().filter(rule -> rule.metric().equals(metric.key())).toList())).toList();
        return new Review(key(cadence), counts, scope.key(), names.of(viewer.companyId(), scope), period.label(), items);
    }

    /**
     * The metrics' readings, in one read; if that fails (a metric whose formula cannot be evaluated), one by one, so that
     * one broken metric is shown as unreadable instead of taking the page down.
     */
    private Map<String, MetricReading> readings(Viewer viewer, Scope scope, List<MetricDefinition> metrics, Period period) {
        try {
            return queries.readings(viewer, scope, metrics.stream().map(MetricDefinition::key).toList(), period.label()).stream()
                    .collect(Collectors.toMap(MetricReading::metric, Function.identity()));
        } catch (RuntimeException all) {
            Map<String, MetricReading> readings = new HashMap<>();
            for (MetricDefinition metric : metrics) {
                try {
                    queries.readings(viewer, scope, List.of(metric.key()), period.label()).forEach(r -> readings.put(r.metric(), r));
                } catch (RuntimeException one) {
                    // left out: its item says it cannot be read
                }
            }
            return readings;
        }
    }

    private Review.Item item(Viewer viewer, Company company, Scope scope, MetricDefinition metric, MetricReading reading, List<AlertRule> open) {
        String owner = metric.ownerId() == null ? null
                : directory.person(viewer.companyId(), metric.ownerId()).map(OrganizationDirectory.PersonRef::name).orElse(null);
        String value = reading == null ? "cannot be read" : MetricWords.valueOf(reading, company.currency());
        String target = reading == null ? null : MetricWords.targetOf(reading, company.currency());
        var status = reading == null ? dev.northstar.targets.Status.NO_DATA : reading.pace().status();
        String link = MetricWords.metricPage(scope, metric.key()) + (reading == null ? "" : "?period=" + reading.period().label());
        return new Review.Item(metric.key(), metric.name(), metric.reviewMeeting(), owner, value, target, status.name(), status.word(),
                metric.actionWhenWorse(), link, open);
    }

    private static Cadence cadence(String name) {
        try {
            return Cadence.valueOf((name == null || name.isBlank() ? "weekly" : name).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cadence", "must be one of daily, weekly, monthly, quarterly, not " + name);
        }
    }

    private static String key(Cadence cadence) {
        return cadence.name().toLowerCase(Locale.ROOT);
    }

    private static Period.Grain grain(Cadence cadence) {
        return switch (cadence) {
            case DAILY -> Period.Grain.DAY;
            case WEEKLY -> Period.Grain.WEEK;
            case MONTHLY -> Period.Grain.MONTH;
            case QUARTERLY -> Period.Grain.QUARTER;
        };
    }
}

package dev.northstar.alerts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.internal.AlertChecks;
import dev.northstar.alerts.internal.AlertStore;
import dev.northstar.alerts.internal.AlertStore.StoredRule;
import dev.northstar.alerts.internal.DeliveryStore;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.ScopeNames;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Alert rules: made for a scope the maker sees, told to its owner (by default the metric's owner when they see the
 * scope and the maker may have them told, else the maker), listed to whoever sees its scope or owns it. Who may do what is the access policy's
 * ({@link AccessPolicy#alert}, {@link AccessPolicy#removeAlert}).
 */
@Service
@Transactional
public class AlertRules {

    private final AlertStore store;
    private final DeliveryStore deliveries;
    private final AlertChecks checks;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final MetricCatalog catalog;
    private final ScopeNames names;

    AlertRules(AlertStore store, DeliveryStore deliveries, AlertChecks checks, AccessPolicy policy, OrganizationDirectory directory, OrganizationService organization,
               MetricCatalog catalog, ScopeNames names) {
        this.store = store;
        this.deliveries = deliveries;
        this.checks = checks;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.catalog = catalog;
        this.names = names;
    }

    /** A rule as asked for; {@code ownerId} and {@code webhookId} (a chat channel it also posts to) may be left out. */
    public record NewRule(String metric, String scope, String condition, BigDecimal threshold, Long ownerId, Long webhookId) {
    }

    @Transactional(readOnly = true)
    public List<AlertRule> visible(Viewer viewer) {
        Map<String, MetricDefinition> metrics = catalog.all(viewer.companyId()).stream()
                .collect(Collectors.toMap(MetricDefinition::key, Function.identity()));
        Map<Long, String> webhooks = webhookNames(viewer.companyId());
        return store.rules(viewer.companyId()).stream().filter(rule -> listed(viewer, rule))
                .map(rule -> view(viewer, rule, metrics.get(rule.metric()), webhooks))
                .toList();
    }

    /** A rule is listed to its owner, to admins (also when its scope is gone) and to whoever sees its scope. */
    private boolean listed(Viewer viewer, StoredRule rule) {
        return rule.ownerId() == viewer.personId() || viewer.admin() || policy.sees(viewer, Scope.parse(rule.scope()));
    }

    public AlertRule create(Viewer viewer, NewRule asked) {
        if (asked.metric() == null || asked.metric().isBlank()) {
            throw new InvalidInputException("metric", "is required");
        }
        MetricDefinition metric = catalog.find(viewer.companyId(), asked.metric())
                .orElseThrow(() -> new InvalidInputException("metric", "names no metric of the company: " + asked.metric()));
        Scope scope = Scope.parse(asked.scope());
        Condition condition = Condition.parse(asked.condition());
        BigDecimal threshold = checked(condition, asked.threshold());
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        long owner = asked.ownerId() != null ? asked.ownerId() : defaultOwner(viewer, metric, scope);
        policy.alert(viewer, scope, owner).orRefuse();
        Viewer ownerViewer = directory.viewer(viewer.companyId(), owner)
                .orElseThrow(() -> new InvalidInputException("ownerId", "names no active person of the company: " + owner));
        if (!policy.scope(ownerViewer, scope, Action.VIEW).allowed()) {
            throw new InvalidInputException("ownerId", ownerViewer.displayName() + " does not see " + names.of(viewer.companyId(), scope)
                    + ", so could not read what the alert says");
        }
        if (asked.webhookId() != null) {
            policy.postAlerts(viewer).orRefuse();
            if (deliveries.webhook(viewer.companyId(), asked.webhookId()).isEmpty()) {
                throw new InvalidInputException("webhookId", "names no webhook of the company: " + asked.webhookId());
            }
        }
        long id = store.insertRule(viewer.companyId(), metric.key(), scope.key(), condition, threshold, owner, viewer.personId(),
                asked.webhookId());
        return view(viewer, store.rule(viewer.companyId(), id).orElseThrow(), metric, webhookNames(viewer.companyId()));
    }

    public void delete(Viewer viewer, long id) {
        StoredRule rule = store.rule(viewer.companyId(), id).filter(r -> listed(viewer, r) || r.createdBy() == viewer.personId())
                .orElseThrow(() -> new NotFoundException("Alert rule", id)); // not revealed to those who would not see it listed
        if (!viewer.admin()) {
            policy.removeAlert(viewer, Scope.parse(rule.scope()), rule.ownerId(), rule.createdBy()).orRefuse();
        }
        store.deleteRule(viewer.companyId(), id);
    }

    /** Checks the company's rules now (admins; rules are also checked after every load and on a timer). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public int checkNow(Viewer viewer) {
        policy.companyData(viewer, "check the company's alert rules on demand").orRefuse();
        return checks.check(viewer.companyId());
    }

    /** The metric's owner when they see the scope and the maker may have them told, else whoever makes the rule. */
    private long defaultOwner(Viewer viewer, MetricDefinition metric, Scope scope) {
        if (metric.ownerId() == null) {
            return viewer.personId();
        }
        return directory.viewer(viewer.companyId(), metric.ownerId())
                .filter(owner -> policy.scope(owner, scope, Action.VIEW).allowed() && policy.alert(viewer, scope, owner.personId()).allowed())
                .map(Viewer::personId).orElse(viewer.personId());
    }

    private static BigDecimal checked(Condition condition, BigDecimal threshold) {
        if (threshold == null) {
            throw new InvalidInputException("threshold", "is required");
        }
        switch (condition) {
            case WORSENS_BY, BEHIND_PACE_BY -> {
                if (threshold.signum() <= 0 || threshold.compareTo(BigDecimal.valueOf(100)) > 0) {
                    throw new InvalidInputException("threshold", "is a percent from more than 0 to 100 for " + condition.key());
                }
            }
            case NO_DATA_FOR_DAYS -> {
                if (threshold.stripTrailingZeros().scale() > 0 || threshold.compareTo(BigDecimal.ONE) < 0
                        || threshold.compareTo(BigDecimal.valueOf(365)) > 0) {
                    throw new InvalidInputException("threshold", "is a whole number of days from 1 to 365 for " + condition.key());
                }
            }
            default -> {
            }
        }
        return threshold;
    }

    private Map<Long, String> webhookNames(long companyId) {
        return deliveries.webhooks(companyId).stream().collect(Collectors.toMap(DeliveryStore.StoredWebhook::id, DeliveryStore.StoredWebhook::name));
    }

    private AlertRule view(Viewer viewer, StoredRule rule, MetricDefinition metric, Map<Long, String> webhooks) {
        long companyId = viewer.companyId();
        Scope scope = Scope.parse(rule.scope());
        String metricName = metric == null ? rule.metric() : metric.name();
        String scopeName = names.of(companyId, scope);
        String currency = organization.company(viewer).currency();
        String threshold = metric == null ? rule.threshold().toPlainString()
                : AlertChecks.threshold(rule, metric.unit(), metric.decimals(), currency);
        // Named only to those who may see the person: a company-wide rule is listed to everyone.
        String owner = rule.ownerId() == viewer.personId() || policy.sees(viewer, new Scope.Person(rule.ownerId()))
                ? directory.person(companyId, rule.ownerId()).map(OrganizationDirectory.PersonRef::name).orElse("someone who left")
                : "someone else";
        return new AlertRule(rule.id(), rule.metric(), metricName, rule.scope(), scopeName, rule.condition().key(), rule.threshold(),
                metricName + " for " + scopeName + " " + rule.condition().words(threshold), rule.ownerId(), owner, rule.createdBy(),
                rule.breached(), rule.breachedSince(), rule.checkedAt(), rule.webhookId(), webhooks.get(rule.webhookId()));
    }
}

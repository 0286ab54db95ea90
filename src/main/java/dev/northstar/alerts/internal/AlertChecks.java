package dev.northstar.alerts.internal;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.alerts.Condition;
import dev.northstar.alerts.internal.AlertStore.StoredRule;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.Compare;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.ingest.RecordsIngested;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.ScopeNames;
import dev.northstar.shared.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks the rules: a company's after each load that commits (gathered, then checked at the next tick, so that a
 * burst of loads costs one check), and every company's on a slower timer, since pace and "no data" change with the
 * clock alone. A rule is read as its owner sees it; a change of state is written with the notification in one
 * transaction, and only by the check that made it ({@link AlertStore#switchState}); a rule whose owner no longer sees
 * its scope is left as it is.
 */
@Component
public class AlertChecks {

    private static final Logger log = LoggerFactory.getLogger(AlertChecks.class);

    private final AlertStore store;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final MetricQueries queries;
    private final MetricCatalog catalog;
    private final ScopeNames names;
    private final Outbox outbox;
    private final Clock clock;
    private final TransactionTemplate reading;
    private final TransactionTemplate writing;
    private final Set<Long> loaded = ConcurrentHashMap.newKeySet();

    AlertChecks(AlertStore store, AccessPolicy policy, OrganizationDirectory directory, OrganizationService organization, MetricQueries queries,
                MetricCatalog catalog, ScopeNames names, Outbox outbox, Clock clock, PlatformTransactionManager transactions) {
        this.store = store;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.queries = queries;
        this.catalog = catalog;
        this.names = names;
        this.outbox = outbox;
        this.clock = clock;
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        this.reading.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.writing = new TransactionTemplate(transactions);
    }

    @TransactionalEventListener(fallbackExecution = true)
    void recordsLoaded(RecordsIngested event) {
        loaded.add(event.companyId());
    }

    @Scheduled(fixedDelayString = "${northstar.alerts.tick:2s}")
    void checkLoaded() {
        for (Long companyId : List.copyOf(loaded)) {
            loaded.remove(companyId);
            check(companyId);
        }
    }

    @Scheduled(fixedDelayString = "${northstar.alerts.sweep:10m}", initialDelayString = "${northstar.alerts.sweep-initial-delay:30s}")
    void checkAll() {
        store.companiesWithRules().forEach(this::check);
    }

    /** Checks every rule of the company; returns how many notifications it sent. */
    public int check(long companyId) {
        int sent = 0;
        // Read once for all the company's rules: its metrics, and each owner (rules share owners).
        Map<String, MetricDefinition> metrics = catalog.all(companyId).stream()
                .collect(Collectors.toMap(MetricDefinition::key, Function.identity()));
        Map<Long, Optional<Viewer>> owners = new HashMap<>();
        for (StoredRule rule : store.rules(companyId)) {
            try {
                Optional<Viewer> owner = owners.computeIfAbsent(rule.ownerId(), id -> directory.viewer(companyId, id));
                sent += check(companyId, rule, owner, Optional.ofNullable(metrics.get(rule.metric()))) ? 1 : 0;
            } catch (RuntimeException e) {
                // One rule that cannot be read (a metric deleted, a formula broken) must not stop the others.
                log.warn("Alert rule {} of company {} could not be checked: {}", rule.id(), companyId, e.getMessage());
            }
        }
        return sent;
    }

    private boolean check(long companyId, StoredRule rule, Optional<Viewer> owner, Optional<MetricDefinition> metric) {
        Instant now = clock.instant();
        if (owner.isEmpty() || metric.isEmpty()) {
            store.checked(companyId, rule.id(), now); // its owner left, or its metric was deleted: nobody to tell, nothing to read
            return false;
        }
        Scope scope = Scope.parse(rule.scope());
        if (!policy.sees(owner.get(), scope)) {
            store.checked(companyId, rule.id(), now); // its owner no longer sees the scope (or it is gone): nothing they may read
            return false;
        }
        MetricReading value = reading.execute(status -> read(owner.get(), rule, scope));
        boolean breached = Breaches.breached(rule.condition(), rule.threshold(), value);
        if (breached == rule.breached()) {
            store.checked(companyId, rule.id(), now);
            return false;
        }
        String currency = organization.company(owner.get()).currency();
        return Boolean.TRUE.equals(writing.execute(status -> {
            if (!store.switchState(companyId, rule.id(), breached, rule.checkedAt(), now)) {
                return false; // another check made the move, and told
            }
            String what = metric.get().name() + " for " + names.of(companyId, scope);
            String condition = rule.condition().words(threshold(rule, value.unit(), value.decimals(), currency));
            String title = breached ? what + " is " + condition : what + " is no longer " + condition;
            DeliveryStore.Message message = new DeliveryStore.Message(breached ? "breached" : "resolved", title, body(value, currency),
                    breached ? metric.get().actionWhenWorse() : null, MetricWords.metricPage(scope, rule.metric()));
            long notification = store.notify(companyId, rule.ownerId(), rule.id(), message.kind(), message.subject(), message.body(),
                    message.action(), message.link(), now);
            outbox.queue(companyId, notification, owner.get(), rule.webhookId(), message, now);
            return true;
        }));
    }

    /** The metric now, as the owner sees it; for "no data", over the last days the rule names. */
    private MetricReading read(Viewer owner, StoredRule rule, Scope scope) {
        String period = null;
        if (rule.condition() == Condition.NO_DATA_FOR_DAYS) {
            LocalDate today = organization.today(owner);
            period = today.minusDays(rule.threshold().intValue() - 1) + ".." + today;
        }
        return queries.reading(owner, rule.metric(), scope, period, Set.of(Compare.PREVIOUS));
    }

    /** A threshold in words: in the metric's unit for above and below, else a plain number (percent or days). */
    public static String threshold(StoredRule rule, Unit unit, int decimals, String currency) {
        return rule.condition() == Condition.ABOVE || rule.condition() == Condition.BELOW ? MetricWords.value(rule.threshold(), unit, decimals, currency)
                : rule.threshold().stripTrailingZeros().toPlainString();
    }

    /** "Now 37 in 2026-11 (target 50, expected by today 41); the period before (2026-10-01..2026-10-23): 45." */
    private static String body(MetricReading value, String currency) {
        String now = "Now " + MetricWords.valueOf(value, currency) + " in " + value.period().label();
        List<String> against = new ArrayList<>();
        String target = MetricWords.targetOf(value, currency);
        if (target != null) {
            against.add("target " + target);
        }
        if (value.pace() != null && value.pace().expectedByToday() != null) {
            against.add("expected by today " + MetricWords.value(value.pace().expectedByToday(), value.unit(), value.decimals(), currency));
        }
        String body = now + (against.isEmpty() ? "" : " (" + String.join(", ", against) + ")");
        MetricReading.Comparison previous = value.comparisons().values().stream().findFirst().orElse(null);
        if (previous != null && !previous.noData()) {
            body += "; the period before (" + previous.period().label() + "): " + MetricWords.value(previous.value(), value.unit(), value.decimals(), currency);
        }
        return body + ".";
    }
}

package dev.northstar.accounts.internal;

import dev.northstar.accounts.Account;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.Health;
import dev.northstar.accounts.Measure;
import dev.northstar.accounts.MetricReading;
import dev.northstar.organization.Company;
import dev.northstar.targets.Status;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every account's standing for the portfolio: its metrics' values, own targets and statuses, its health, and its
 * recurring revenue now and the month before. Today's, for all of a company's accounts, are kept in memory and made
 * again only when what they are made of changes: the kept measures (refreshed after records arrive), an entered value
 * or target (the company's entry version), or the metrics and formula themselves. The check is two small reads, so
 * every instance sees a change at once; a portfolio of 50,000 accounts then filters, adds up and sorts what is kept
 * instead of reading and judging 400,000 values again. Other days' are made for the request.
 */
@Component
public class PortfolioRows {

    /** One account: values, own targets (null: the metric's) and statuses by the position of the metric in the catalog. */
    public record Standing(Account account, BigDecimal[] values, BigDecimal[] ownTargets, Status[] statuses, BigDecimal health,
                           Health.Band band, BigDecimal mrr, BigDecimal previousMrr) {

        public MetricReading reading(List<AccountMetric> metrics, int index) {
            return MetricReading.of(metrics.get(index), values[index], null, ownTargets[index], null);
        }
    }

    /**
     * The standings in the order of the accounts' names, and when today's recurring revenue, deals and activities were
     * computed (null: for this answer).
     */
    public record Computed(List<AccountMetric> metrics, List<Standing> rows, Instant measuredAt, Map<Object, Object> selections) {

        /** At most this many selections (a viewer's scope and filters, summed up and sorted) are kept with the rows. */
        private static final int SELECTIONS_KEPT = 64;

        Computed(List<AccountMetric> metrics, List<Standing> rows, Instant measuredAt) {
            this(metrics, rows, measuredAt, new ConcurrentHashMap<>());
        }

        /**
         * What {@code make} answers for the key, kept with these rows (and so dropped with them when anything they are
         * made of changes). The key must hold everything the answer depends on: whose scope, which filters, which order.
         */
        @SuppressWarnings("unchecked")
        public <T> T selection(Object key, java.util.function.Supplier<T> make) {
            Object found = selections.get(key);
            if (found == null) {
                found = make.get();
                if (selections.size() >= SELECTIONS_KEPT) {
                    selections.clear();
                }
                selections.put(key, found);
            }
            return (T) found;
        }
    }

    private record Version(LocalDate day, Instant measuredAt, long entries, AccountMetrics.Catalog catalog) {
    }

    private record Kept(Version version, Computed computed) {
    }

    private final AccountStore accounts;
    private final EntryStore entries;
    private final SystemValues system;
    private final MeasureSnapshots snapshots;
    /** At most this many accounts' standings are kept, across companies; the least recently read company goes first. */
    private final int keptAccounts;
    private final Map<Long, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Long, Object> building = new ConcurrentHashMap<>();

    PortfolioRows(AccountStore accounts, EntryStore entries, SystemValues system, MeasureSnapshots snapshots,
                  @Value("${northstar.accounts.kept-accounts:250000}") int keptAccounts) {
        this.accounts = accounts;
        this.entries = entries;
        this.system = system;
        this.snapshots = snapshots;
        this.keptAccounts = keptAccounts;
    }

    /**
     * Today's standings of every account of the company. Until today's measures are kept (the first minutes of a day,
     * or after a failed refresh), they are computed for each request and nothing is kept.
     */
    public Computed today(Company company, LocalDate today, AccountMetrics.Catalog catalog) {
        long companyId = company.id();
        Instant measuredAt = system.kept(companyId).filter(k -> k.day().equals(today)).map(SystemValues.Kept::refreshedAt).orElse(null);
        if (measuredAt == null) {
            snapshots.requestRefresh(companyId);
            return standings(catalog, accounts.list(companyId, null, null, null),
                    system.compute(companyId, null, SystemValues.Day.of(company, today)), entries.current(companyId, null), null);
        }
        Version version = new Version(today, measuredAt, entries.version(companyId), catalog);
        // One request of a company makes them; the others wait for it rather than make them too.
        synchronized (building.computeIfAbsent(companyId, id -> new Object())) {
            synchronized (kept) {
                Kept found = kept.get(companyId);
                if (found != null && found.version().equals(version)) {
                    return found.computed();
                }
            }
            Computed computed = standings(catalog, accounts.list(companyId, null, null, null), system.keptSums(companyId, null),
                    entries.current(companyId, null), measuredAt);
            synchronized (kept) {
                kept.put(companyId, new Kept(version, computed));
                int total = kept.values().stream().mapToInt(k -> k.computed().rows().size()).sum();
                var eldest = kept.entrySet().iterator();
                while (total > keptAccounts && eldest.hasNext()) {
                    var entry = eldest.next();
                    if (entry.getKey() != companyId) {
                        total -= entry.getValue().computed().rows().size();
                        eldest.remove();
                    }
                }
            }
            return computed;
        }
    }

    /** Another day's standings of the given accounts: their measures and the entries that applied at the end of that day. */
    public Computed on(Company company, LocalDate day, AccountMetrics.Catalog catalog, List<Account> chosen) {
        Long[] ids = chosen.stream().map(Account::id).toArray(Long[]::new);
        Map<Long, SystemValues.Sums> sums = chosen.isEmpty() ? Map.of() : system.compute(company.id(), ids, SystemValues.Day.of(company, day));
        List<EntryStore.Current> applying = chosen.isEmpty() ? List.of()
                : entries.asOf(company.id(), ids, day, company.calendar().startOf(day.plusDays(1)));
        return standings(catalog, chosen, sums, applying, null);
    }

    private static Computed standings(AccountMetrics.Catalog catalog, List<Account> all, Map<Long, SystemValues.Sums> sums,
                                      List<EntryStore.Current> current, Instant measuredAt) {
        List<AccountMetric> metrics = catalog.metrics();
        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < metrics.size(); i++) {
            position.put(metrics.get(i).id(), i);
        }
        Map<Long, BigDecimal[]> values = new HashMap<>();
        Map<Long, BigDecimal[]> targets = new HashMap<>();
        for (EntryStore.Current c : current) {
            Integer at = position.get(c.metricId());
            if (at != null) {
                (c.kind() == EntryStore.Kind.VALUE ? values : targets).computeIfAbsent(c.accountId(), k -> new BigDecimal[metrics.size()])[at] = c.value();
            }
        }
        BigDecimal[] none = new BigDecimal[metrics.size()];
        List<Standing> rows = new ArrayList<>(all.size());
        // In name order, so that a stable sort by any column keeps names in order among equal values.
        List<Account> byName = new ArrayList<>(all);
        byName.sort(java.util.Comparator.comparing(Account::name, String.CASE_INSENSITIVE_ORDER));
        for (Account account : byName) {
            SystemValues.Sums own = sums.get(account.id());
            EnumMap<Measure, BigDecimal> measured = own == null ? new EnumMap<>(Measure.class) : own.measures();
            BigDecimal[] entered = values.getOrDefault(account.id(), none);
            BigDecimal[] ownTargets = targets.getOrDefault(account.id(), none).clone();
            BigDecimal[] row = new BigDecimal[metrics.size()];
            Status[] statuses = new Status[metrics.size()];
            List<MetricReading> readings = new ArrayList<>(metrics.size());
            for (int i = 0; i < metrics.size(); i++) {
                AccountMetric metric = metrics.get(i);
                row[i] = metric.system() ? measured.get(metric.measure()) : entered[i];
                MetricReading reading = MetricReading.of(metric, row[i], null, ownTargets[i], null);
                statuses[i] = reading.status();
                readings.add(reading);
            }
            Health health = catalog.formula().score(readings);
            rows.add(new Standing(account, row, ownTargets, statuses, health.score(), health.band(),
                    own == null ? null : own.mrr(), own == null ? null : own.previousMrr()));
        }
        return new Computed(metrics, List.copyOf(rows), measuredAt);
    }
}

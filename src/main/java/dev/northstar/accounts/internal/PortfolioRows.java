package dev.northstar.accounts.internal;

import dev.northstar.accounts.Account;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.Health;
import dev.northstar.accounts.Measure;
import dev.northstar.accounts.MetricReading;
import dev.northstar.organization.Company;
import dev.northstar.targets.Status;
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

/**
 * Every account's standing for the portfolio: its metrics' values, own targets and statuses, its health, and its
 * recurring revenue now and the month before. Today's, for all of a company's accounts, are kept in memory and made
 * again only when what they are made of changes: the kept measures (refreshed after records arrive), an entered value
 * or target (the latest entry's id), or the metrics and formula themselves. The check is two small reads, so every
 * instance sees a change at once; a portfolio of 50,000 accounts then filters, adds up and sorts what is kept
 * instead of reading and judging 400,000 values again. Other days' are made for the request.
 */
@Component
public class PortfolioRows {

    /** Companies whose today is kept; a big one is some tens of megabytes. */
    private static final int COMPANIES_KEPT = 4;

    /** One account: values, own targets (null: the metric's) and statuses by the position of the metric in the catalog. */
    public record Standing(Account account, BigDecimal[] values, BigDecimal[] ownTargets, Status[] statuses, BigDecimal health,
                           Health.Band band, BigDecimal mrr, BigDecimal previousMrr) {

        public MetricReading reading(List<AccountMetric> metrics, int index) {
            return MetricReading.of(metrics.get(index), values[index], null, ownTargets[index], null);
        }
    }

    /** The standings, and when today's recurring revenue, deals and activities were computed (null: for this answer). */
    public record Computed(List<AccountMetric> metrics, List<Standing> rows, Instant measuredAt) {
    }

    private record Version(LocalDate day, Instant measuredAt, long lastEntry, AccountMetrics.Catalog catalog) {
    }

    private record Kept(Version version, Computed computed) {
    }

    private final AccountStore accounts;
    private final EntryStore entries;
    private final SystemValues system;
    private final MeasureSnapshots snapshots;
    private final Map<Long, Kept> kept = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Kept> eldest) {
            return size() > COMPANIES_KEPT;
        }
    };

    PortfolioRows(AccountStore accounts, EntryStore entries, SystemValues system, MeasureSnapshots snapshots) {
        this.accounts = accounts;
        this.entries = entries;
        this.system = system;
        this.snapshots = snapshots;
    }

    /** Today's standings of every account of the company. */
    public Computed today(Company company, LocalDate today, AccountMetrics.Catalog catalog) {
        long companyId = company.id();
        Instant measuredAt = system.kept(companyId).filter(k -> k.day().equals(today)).map(SystemValues.Kept::refreshedAt).orElse(null);
        Version version = new Version(today, measuredAt, entries.lastEntry(companyId), catalog);
        synchronized (kept) {
            Kept found = kept.get(companyId);
            if (found != null && found.version().equals(version)) {
                return found.computed();
            }
        }
        List<Account> all = accounts.list(companyId, null, null, null);
        Map<Long, SystemValues.Sums> sums;
        if (measuredAt != null) {
            sums = system.keptSums(companyId, null);
        } else {
            sums = system.compute(companyId, null, SystemValues.Day.of(company, today));
            snapshots.requestRefresh(companyId);
        }
        Computed computed = standings(catalog, all, sums, entries.current(companyId, null), measuredAt);
        synchronized (kept) {
            kept.put(companyId, new Kept(version, computed));
        }
        return computed;
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
        for (Account account : all) {
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

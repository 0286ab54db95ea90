package dev.northstar.accounts;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.accounts.AccountDetails.Compare;
import dev.northstar.accounts.internal.AccountStore;
import dev.northstar.accounts.internal.EntryStore;
import dev.northstar.accounts.internal.EntryStore.Entry;
import dev.northstar.accounts.internal.EntryStore.Kind;
import dev.northstar.accounts.internal.PortfolioRows;
import dev.northstar.accounts.internal.PortfolioRows.Standing;
import dev.northstar.accounts.internal.SystemValues;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.targets.Status;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Customer accounts' metrics (C9) for the person asking: an account's summary and details on a day, a metric's
 * timeline and edit history, changing a value or a target, and the portfolio. Every entry point asks the access
 * policy: an account belongs to its owner and their team, and each metric says who may see and who may change it.
 */
@Service
public class Accounts {

    private final AccountStore accounts;
    private final EntryStore entries;
    private final SystemValues system;
    private final AccountMetrics metrics;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final PortfolioRows portfolioRows;

    Accounts(AccountStore accounts, EntryStore entries, SystemValues system, AccountMetrics metrics, AccessPolicy policy,
             OrganizationDirectory directory, OrganizationService organization, PortfolioRows portfolioRows) {
        this.portfolioRows = portfolioRows;
        this.accounts = accounts;
        this.entries = entries;
        this.system = system;
        this.metrics = metrics;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
    }

    public LocalDate today(Viewer viewer) {
        return organization.today(viewer);
    }

    /** The account, if the viewer may see it; another company's is not found. */
    public Account account(Viewer viewer, long id) {
        Account account = accounts.find(viewer.companyId(), id).orElseThrow(() -> new NotFoundException("Account", id));
        policy.account(viewer, owner(viewer, account), Action.VIEW).orRefuse();
        return account;
    }

    private PersonRef owner(Viewer viewer, Account account) {
        return account.ownerId() == null ? null : directory.person(viewer.companyId(), account.ownerId()).orElse(null);
    }

    // ---- one account ---------------------------------------------------------------------------------------

    @Transactional
    public AccountDetails details(Viewer viewer, long id, LocalDate asOf, Compare compare) {
        Account account = account(viewer, id);
        PersonRef owner = owner(viewer, account);
        Company company = organization.company(viewer);
        LocalDate today = organization.today(viewer);
        LocalDate day = asOf == null || asOf.isAfter(today) ? today : asOf;
        AccountMetrics.Catalog catalog = metrics.catalog(viewer);
        List<Entry> history = entries.entries(viewer.companyId(), id);
        Map<Measure, BigDecimal> now = measuresOf(viewer, company, id, day);
        Map<Measure, BigDecimal> before = measuresOf(viewer, company, id, day.minusMonths(1));
        Instant endOfDay = company.calendar().startOf(day.plusDays(1));
        List<MetricReading> all = new ArrayList<>();
        for (AccountMetric metric : catalog.metrics()) {
            BigDecimal ownTarget = latestTarget(history, metric.id(), endOfDay);
            if (metric.system()) {
                all.add(MetricReading.of(metric, now.get(metric.measure()), before.get(metric.measure()), ownTarget, null));
            } else {
                Entry latest = valueOn(history, metric.id(), day);
                BigDecimal value = latest == null ? null : latest.value();
                Entry earlier = compare == Compare.UPDATE
                        ? (latest == null ? null : valueOn(history, metric.id(), latest.day().minusDays(1)))
                        : valueOn(history, metric.id(), day.minusMonths(1));
                all.add(MetricReading.of(metric, value, earlier == null ? null : earlier.value(), ownTarget, latest == null ? null : latest.day()));
            }
        }
        Health health = catalog.formula().score(all);
        List<MetricReading> visible = new ArrayList<>();
        Map<String, Boolean> editable = new LinkedHashMap<>();
        for (MetricReading reading : all) {
            AccountMetric metric = reading.metric();
            if (policy.accountMetric(viewer, owner, metric.viewRole(), metric.name()).allowed()) {
                visible.add(reading);
                editable.put(metric.key(), policy.accountMetric(viewer, owner, metric.editRole(), metric.name()).allowed());
            }
        }
        // The score is everyone's; the parts of metrics the viewer may not see are one line, without their statuses.
        Set<String> hidden = all.stream().map(MetricReading::metric).filter(m -> !editable.containsKey(m.key()))
                .map(AccountMetric::name).collect(Collectors.toSet());
        List<Health.Part> parts = new ArrayList<>(health.parts().stream().filter(p -> !hidden.contains(p.metric())).toList());
        int hiddenWeight = health.parts().stream().filter(p -> hidden.contains(p.metric())).mapToInt(Health.Part::weight).sum();
        if (hiddenWeight > 0) {
            parts.add(new Health.Part("Metrics you may not see", null, hiddenWeight, null));
        }
        Health shown = new Health(health.score(), health.band(), parts);
        return new AccountDetails(account, day, compare, visible, editable, shown, catalog, company.currency());
    }

    /** The metric over the months from {@code from} to {@code to}, with every edit made to it. */
    @Transactional
    public Timeline timeline(Viewer viewer, long id, String key, YearMonth from, YearMonth to) {
        Account account = account(viewer, id);
        AccountMetric metric = visibleMetric(viewer, account, key);
        if (to.isBefore(from) || from.plusMonths(60).isBefore(to)) {
            throw new InvalidInputException("from", "must be at most 60 months before to, and not after it");
        }
        Company company = organization.company(viewer);
        LocalDate today = organization.today(viewer);
        List<Entry> history = entries.entries(viewer.companyId(), id).stream().filter(e -> e.metricId() == metric.id()).toList();
        List<Timeline.Point> points = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            LocalDate day = month.atEndOfMonth().isAfter(today) ? today : month.atEndOfMonth();
            if (day.isBefore(month.atDay(1))) {
                break;
            }
            BigDecimal value;
            if (metric.system()) {
                value = measuresOf(viewer, company, id, day).get(metric.measure());
            } else {
                Entry entry = valueOn(history, metric.id(), day);
                value = entry == null ? null : entry.value();
            }
            BigDecimal own = latestTarget(history, metric.id(), company.calendar().startOf(day.plusDays(1)));
            BigDecimal target = own != null ? own : metric.target();
            points.add(new Timeline.Point(day, value, target, metric.status(value, target)));
        }
        Instant start = company.calendar().startOf(from.atDay(1));
        Instant end = company.calendar().startOf(to.atEndOfMonth().plusDays(1));
        List<Timeline.Edit> edits = edits(history).stream().filter(e -> !e.at().isBefore(start) && e.at().isBefore(end)).toList();
        return new Timeline(metric, points, edits);
    }

    /** Every change to the metric's values and target for the account, newest first. */
    @Transactional
    public List<Timeline.Edit> history(Viewer viewer, long id, String key) {
        Account account = account(viewer, id);
        AccountMetric metric = visibleMetric(viewer, account, key);
        return edits(entries.entries(viewer.companyId(), id).stream().filter(e -> e.metricId() == metric.id()).toList());
    }

    /** A change to one of the account's metrics, for its report. */
    public record Change(String metric, AccountMetric definition, Timeline.Edit edit) {
    }

    /** The latest changes to the account's metrics the viewer may see, newest first. */
    @Transactional
    public List<Change> changes(Viewer viewer, long id, int limit) {
        Account account = account(viewer, id);
        PersonRef owner = owner(viewer, account);
        List<Entry> all = entries.entries(viewer.companyId(), id);
        List<Change> changes = new ArrayList<>();
        for (AccountMetric metric : metrics.catalog(viewer).metrics()) {
            if (policy.accountMetric(viewer, owner, metric.viewRole(), metric.name()).allowed()) {
                edits(all.stream().filter(e -> e.metricId() == metric.id()).toList())
                        .forEach(edit -> changes.add(new Change(metric.name(), metric, edit)));
            }
        }
        changes.sort(Comparator.comparing((Change c) -> c.edit().at()).reversed());
        return changes.subList(0, Math.min(limit, changes.size()));
    }

    /** Types a value of an entered metric for a day (today or before); null clears it. The old value stays in the history. */
    @Transactional
    public void setValue(Viewer viewer, long id, String key, LocalDate day, BigDecimal value) {
        Account account = account(viewer, id);
        AccountMetric metric = editableMetric(viewer, account, key);
        if (metric.system()) {
            throw new InvalidInputException("value", "of " + metric.name() + " is computed from the records; only its target can be changed");
        }
        if (day == null || day.isAfter(organization.today(viewer))) {
            throw new InvalidInputException("day", "is required and must not be after today");
        }
        checkValue(metric, value);
        entries.append(viewer.companyId(), id, metric.id(), Kind.VALUE, day, value, viewer.personId());
    }

    /** Sets the account's own target for the metric; null goes back to the metric's default. */
    @Transactional
    public void setTarget(Viewer viewer, long id, String key, BigDecimal target) {
        Account account = account(viewer, id);
        AccountMetric metric = editableMetric(viewer, account, key);
        if (target != null && target.signum() < 0) {
            throw new InvalidInputException("target", "must not be negative: thresholds are percentages of it");
        }
        entries.append(viewer.companyId(), id, metric.id(), Kind.TARGET, null, target, viewer.personId());
    }

    static void checkValue(AccountMetric metric, BigDecimal value) {
        if (value != null && metric.display() == Display.RANK
                && (value.stripTrailingZeros().scale() > 0 || value.compareTo(BigDecimal.ONE) < 0 || value.compareTo(BigDecimal.valueOf(metric.rankScale())) > 0)) {
            throw new InvalidInputException("value", "of " + metric.name() + " must be a whole number from 1 to " + metric.rankScale());
        }
    }

    /** One metric of an account, if the viewer may see both: what a form needs to read its input (name, display). */
    public AccountMetric metric(Viewer viewer, long id, String key) {
        return visibleMetric(viewer, account(viewer, id), key);
    }

    private AccountMetric visibleMetric(Viewer viewer, Account account, String key) {
        AccountMetric metric = metrics.catalog(viewer).metrics().stream().filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new NotFoundException("Account metric", key));
        policy.accountMetric(viewer, owner(viewer, account), metric.viewRole(), metric.name()).orRefuse();
        return metric;
    }

    private AccountMetric editableMetric(Viewer viewer, Account account, String key) {
        AccountMetric metric = visibleMetric(viewer, account, key);
        policy.accountMetric(viewer, owner(viewer, account), metric.editRole(), "changing " + metric.name()).orRefuse();
        return metric;
    }

    /** The value entry that applies on the day: the latest day up to it, and of that day the latest recorded. */
    private static Entry valueOn(List<Entry> history, long metricId, LocalDate day) {
        Entry found = null;
        for (Entry e : history) {
            if (e.kind() == Kind.VALUE && e.metricId() == metricId && !e.day().isAfter(day)) {
                found = e; // history is ordered by day, then when recorded
            }
        }
        return found;
    }

    private static BigDecimal latestTarget(List<Entry> history, long metricId, Instant before) {
        Entry found = null;
        for (Entry e : history) {
            if (e.kind() == Kind.TARGET && e.metricId() == metricId && e.recordedAt().isBefore(before)) {
                found = e;
            }
        }
        return found == null ? null : found.value();
    }

    /** Each entry as an edit, with what applied before it: for a value, to the same day; for a target, the one before. */
    private static List<Timeline.Edit> edits(List<Entry> history) {
        List<Entry> byRecording = history.stream().sorted(Comparator.comparing(Entry::id)).toList();
        List<Timeline.Edit> edits = new ArrayList<>();
        for (int i = 0; i < byRecording.size(); i++) {
            Entry entry = byRecording.get(i);
            Entry before = null;
            for (int j = 0; j < i; j++) {
                Entry earlier = byRecording.get(j);
                if (earlier.kind() != entry.kind()) {
                    continue;
                }
                if (entry.kind() == Kind.TARGET || (!earlier.day().isAfter(entry.day())
                        && (before == null || !earlier.day().isBefore(before.day())))) {
                    before = earlier;
                }
            }
            edits.add(new Timeline.Edit(entry.recordedAt(), entry.recordedByName() == null ? "an import" : entry.recordedByName(),
                    entry.kind() == Kind.TARGET ? "target" : "value", entry.day(), before == null ? null : before.value(), entry.value()));
        }
        java.util.Collections.reverse(edits);
        return edits;
    }

    /** One account's system measures on a day, computed from its records. */
    private Map<Measure, BigDecimal> measuresOf(Viewer viewer, Company company, long id, LocalDate day) {
        SystemValues.Sums sums = system.compute(viewer.companyId(), new Long[]{id}, SystemValues.Day.of(company, day)).get(id);
        return sums == null ? new EnumMap<>(Measure.class) : sums.measures();
    }

    // ---- the portfolio ---------------------------------------------------------------------------------------

    @Transactional
    public Portfolio portfolio(Viewer viewer, PortfolioFilter filter, LocalDate asOf) {
        return portfolio(viewer, filter, asOf, PortfolioFilter.PAGE_SIZE);
    }

    /** The portfolio with pages of {@code pageSize} accounts: reports take one large page. */
    @Transactional
    public Portfolio portfolio(Viewer viewer, PortfolioFilter filter, LocalDate asOf, int pageSize) {
        Company company = organization.company(viewer);
        LocalDate today = organization.today(viewer);
        LocalDate day = asOf == null || asOf.isAfter(today) ? today : asOf;
        AccountMetrics.Catalog catalog = metrics.catalog(viewer);
        Long[] owners = visibleOwners(viewer);
        PortfolioRows.Computed computed = day.equals(today) ? portfolioRows.today(company, today, catalog)
                : portfolioRows.on(company, day, catalog, accounts.list(viewer.companyId(), owners, filter.owner(), filter.segment()));
        List<AccountMetric> defined = computed.metrics();
        Set<Long> visible = owners == null ? null : Set.of(owners);
        defined.stream().filter(m -> m.key().equals(filter.sort()) && m.viewRole() != AccessPolicy.AccountAudience.EVERYONE && !viewer.admin())
                .findAny().ifPresent(m -> {
                    throw new InvalidInputException("sort", "by " + m.name() + " is for company admins: not everyone who sees an account sees it");
                });
        // Summed up and sorted once per scope, filters and order while the rows stay the same (kept with them).
        Selection selection = new Selection(viewer.admin(), visible, filter.owner(), filter.segment(), filter.band(), filter.sort(), filter.descending());
        Selected selected = computed.selection(selection, () -> select(viewer, filter, day, defined, visible, computed.rows()));
        List<Standing> rows = selected.rows();
        List<AccountMetric> columns = catalog.top().stream().filter(m -> m.viewRole() == AccessPolicy.AccountAudience.EVERYONE || viewer.admin()).toList();
        List<Integer> columnIndexes = columns.stream().map(defined::indexOf).toList();
        int pages = Math.max(1, (rows.size() + pageSize - 1) / pageSize);
        int from = Math.min(rows.size(), (Math.min(filter.page(), pages) - 1) * pageSize);
        List<Portfolio.Row> page = rows.subList(from, Math.min(rows.size(), from + pageSize)).stream()
                .map(r -> new Portfolio.Row(r.account(), columnIndexes.stream().map(i -> r.reading(defined, i)).toList(),
                        new Health(r.health(), r.band(), List.of()))).toList();
        return new Portfolio(day, filter, rows.size(), selected.aggregates(), selected.retention(), selected.bands(), selected.averageHealth(),
                page, pages, columns, company.currency(), computed.measuredAt(), selected.owners(), selected.segments());
    }

    /**
     * Owners whose accounts the viewer sees (the access policy, person by person); null for a company admin, who sees
     * every account, those without an owner too.
     */
    private Long[] visibleOwners(Viewer viewer) {
        if (viewer.admin()) {
            return null;
        }
        return directory.everyone(viewer.companyId()).stream().map(OrganizationDirectory.PersonEntry::ref)
                .filter(ref -> policy.account(viewer, ref, Action.VIEW).allowed()).map(PersonRef::id).toArray(Long[]::new);
    }

    /** Whose scope (null: every account), which filters and which order: all that a selection depends on. */
    private record Selection(boolean admin, Set<Long> visible, Long owner, String segment, String band, String sort, boolean descending) {
    }

    /** The accounts selected, sorted, and what is summed up over them; owners and segments of the whole scope. */
    private record Selected(List<Standing> rows, List<Portfolio.Aggregate> aggregates, Portfolio.Retention retention,
                            Map<Health.Band, Integer> bands, BigDecimal averageHealth, List<Portfolio.Owner> owners, List<String> segments) {
    }

    private static Selected select(Viewer viewer, PortfolioFilter filter, LocalDate day, List<AccountMetric> defined, Set<Long> visible,
                                   List<Standing> all) {
        List<Standing> rows = new ArrayList<>();
        Map<Long, String> ownerNames = new HashMap<>();
        java.util.TreeSet<String> segments = new java.util.TreeSet<>();
        for (Standing row : all) {
            Long owner = row.account().ownerId();
            if (visible != null && (owner == null || !visible.contains(owner))) {
                continue;
            }
            if (owner != null) {
                ownerNames.put(owner, row.account().ownerName());
            }
            if (row.account().segment() != null) {
                segments.add(row.account().segment());
            }
            if ((filter.owner() == null || filter.owner().equals(owner))
                    && (filter.segment() == null || filter.segment().equals(row.account().segment()))
                    && (filter.band() == null || filter.band().equals(row.band().key()))) {
                rows.add(row);
            }
        }
        Map<Health.Band, Integer> bands = new EnumMap<>(Health.Band.class);
        for (Health.Band band : Health.Band.values()) {
            bands.put(band, 0);
        }
        BigDecimal healthSum = BigDecimal.ZERO;
        int scored = 0;
        for (Standing row : rows) {
            bands.merge(row.band(), 1, Integer::sum);
            if (row.health() != null) {
                healthSum = healthSum.add(row.health());
                scored++;
            }
        }
        List<Portfolio.Aggregate> aggregates = aggregates(viewer, defined, rows);
        // Recurring revenue and retention reveal MRR: shown only to those who may see every recurring metric.
        boolean revenueSeen = viewer.admin() || defined.stream().filter(m -> m.system() && m.measure().recurring())
                .allMatch(m -> m.viewRole() == AccessPolicy.AccountAudience.EVERYONE);
        Portfolio.Retention retention = revenueSeen ? retention(day, rows) : null;
        rows.sort(order(filter, defined));
        return new Selected(List.copyOf(rows), aggregates, retention, bands,
                scored == 0 ? null : healthSum.divide(BigDecimal.valueOf(scored), 0, RoundingMode.HALF_UP),
                ownerNames.entrySet().stream().map(e -> new Portfolio.Owner(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparing(Portfolio.Owner::name, String.CASE_INSENSITIVE_ORDER)).toList(), List.copyOf(segments));
    }

    /** Metrics only some may see are aggregated for company admins only, since a sum reveals the parts. */
    private static List<Portfolio.Aggregate> aggregates(Viewer viewer, List<AccountMetric> defined, List<Standing> rows) {
        List<Portfolio.Aggregate> aggregates = new ArrayList<>();
        for (int i = 0; i < defined.size(); i++) {
            AccountMetric metric = defined.get(i);
            if (metric.viewRole() != AccessPolicy.AccountAudience.EVERYONE && !viewer.admin()) {
                continue;
            }
            BigDecimal sum = BigDecimal.ZERO;
            int counted = 0;
            int[] statuses = new int[Status.values().length];
            for (Standing row : rows) {
                statuses[row.statuses()[i].ordinal()]++;
                if (row.values()[i] != null) {
                    sum = sum.add(row.values()[i]);
                    counted++;
                }
            }
            Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
            for (Status status : Status.values()) {
                if (statuses[status.ordinal()] > 0) {
                    byStatus.put(status, statuses[status.ordinal()]);
                }
            }
            aggregates.add(new Portfolio.Aggregate(metric, counted == 0 ? null : sum,
                    counted == 0 ? null : sum.divide(BigDecimal.valueOf(counted), 6, RoundingMode.HALF_UP), counted, byStatus));
        }
        return aggregates;
    }

    private static Portfolio.Retention retention(LocalDate day, List<Standing> rows) {
        BigDecimal mrr = BigDecimal.ZERO, previous = BigDecimal.ZERO, cohortNow = BigDecimal.ZERO, lost = BigDecimal.ZERO;
        int cohort = 0, churned = 0;
        for (Standing row : rows) {
            if (row.mrr() == null) {
                continue;
            }
            BigDecimal now = row.mrr();
            BigDecimal before = row.previousMrr();
            mrr = mrr.add(now);
            previous = previous.add(before);
            if (before.signum() > 0) {
                cohort++;
                cohortNow = cohortNow.add(now);
                if (now.signum() == 0) {
                    churned++;
                }
                if (now.compareTo(before) < 0) {
                    lost = lost.add(before.subtract(now));
                }
            }
        }
        BigDecimal nrr = previous.signum() == 0 ? null : cohortNow.divide(previous, 6, RoundingMode.HALF_UP);
        return new Portfolio.Retention(day.withDayOfMonth(1), mrr, previous, nrr, cohort, churned,
                cohort == 0 ? null : BigDecimal.valueOf(churned).divide(BigDecimal.valueOf(cohort), 6, RoundingMode.HALF_UP),
                previous.signum() == 0 ? null : lost.divide(previous, 6, RoundingMode.HALF_UP));
    }

    /** The rows in the chosen order; rows without a score or value come last whichever way. */
    private static Comparator<Standing> order(PortfolioFilter filter, List<AccountMetric> defined) {
        Comparator<Standing> byName = Comparator.comparing(r -> r.account().name(), String.CASE_INSENSITIVE_ORDER);
        Comparator<BigDecimal> numbers = Comparator.nullsLast(filter.descending() ? Comparator.<BigDecimal>reverseOrder() : Comparator.<BigDecimal>naturalOrder());
        Comparator<Standing> order = switch (filter.sort()) {
            case "name" -> filter.descending() ? byName.reversed() : byName;
            case "owner" -> {
                Comparator<Standing> byOwner = Comparator.comparing(r -> r.account().ownerName() == null ? "" : r.account().ownerName(),
                        String.CASE_INSENSITIVE_ORDER);
                yield filter.descending() ? byOwner.reversed() : byOwner;
            }
            case "health" -> Comparator.comparing(Standing::health, numbers);
            default -> {
                int column = -1;
                for (int i = 0; i < defined.size(); i++) {
                    if (defined.get(i).key().equals(filter.sort())) {
                        column = i;
                    }
                }
                if (column < 0) {
                    throw new InvalidInputException("sort", "must be name, owner, health or an account metric's key");
                }
                int index = column;
                yield Comparator.comparing((Standing r) -> r.values()[index], numbers);
            }
        };
        // The rows come in name order and List.sort is stable, so equal values stay in name order without comparing names.
        return order;
    }

}

package dev.northstar.analytics;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.internal.Evaluation;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.ResolvedKeyMetrics.KeyMetric;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import dev.northstar.targets.Standings;
import dev.northstar.targets.Standings.Standing;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Metric values as the API and pages ask for them: one metric for a scope and period with its target, pace and
 * comparisons; a scope's key metrics; a breakdown by child scope; a series; a leaderboard. Every question is checked
 * against the access policy here, once: the scope must be one the viewer may see, and rows about other scopes or
 * people are left out unless the viewer may see them too. Values come from {@link MetricValues} (the rollups, or the raw records where those do not hold the answer).
 */
@Service
// One snapshot per question: a value and its comparisons, or a leaderboard's rows, are never read across a load.
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class MetricQueries {

    public enum Compare { PREVIOUS, YEAR_AGO }

    /** One child scope's (or person's) value, with its rank in a leaderboard (1 = best; ties share a rank). */
    public record Row(String scope, String name, BigDecimal value, boolean noData, Integer rank) {
    }

    /** A leaderboard and the viewer's own row in it (null when the viewer is not on it). */
    public record Leaderboard(String metric, String scope, Period period, List<Row> rows, Row me) {
    }

    /** One point of a series. */
    public record Point(Period period, BigDecimal value, boolean noData) {
    }

    /** A metric's series. */
    public record Series(String metric, List<Point> points) {
    }

    /**
     * A scope's dashboard in one answer: its key metrics, a series and a leaderboard, all read in one snapshot (they
     * agree with each other even while records arrive). Series and leaderboard are null when no metric is named for
     * them and the scope has no key metrics.
     */
    public record Dashboard(String scope, List<MetricReading> keyMetrics, Series series, Leaderboard leaderboard) {
    }

    /** A key metric as a page shows it: its reading, its kind, the action when it worsens, and its last periods. */
    public record KeyMetricTrail(MetricReading reading, MetricDefinition.Kind kind, String actionWhenWorse, List<Point> trail) {
    }

    /**
     * A child scope (department, team or member) with its readings of the parent's key metrics, in the same order, and
     * on a team's page its trail of the first key metric (the team page's small multiples; empty elsewhere).
     */
    public record ChildProgress(String scope, String name, List<MetricReading> readings, List<Point> trail) {
    }

    /**
     * What a scope's page shows, read in one snapshot: the key metrics with their trails, each child's progress on the
     * same metrics and periods, and a leaderboard of the first key metric (null when there is none to show).
     */
    public record Overview(String scope, List<KeyMetricTrail> keyMetrics, List<ChildProgress> children, Leaderboard leaderboard) {
    }

    /** A metric's page: see {@link #detail}. */
    public record Detail(MetricDefinition definition, MetricReading reading, List<MetricReading> history, List<ChildProgress> breakdown) {
    }

    public static final int LONGEST_SERIES = 60;

    private final MetricCatalog catalog;
    private final KeyMetricLevels levels;
    private final MetricValues values;
    private final Standings standings;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;

    MetricQueries(MetricCatalog catalog, KeyMetricLevels levels, MetricValues values, Standings standings, AccessPolicy policy,
                  OrganizationDirectory directory, OrganizationService organization) {
        this.catalog = catalog;
        this.levels = levels;
        this.values = values;
        this.standings = standings;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
    }

    /**
     * What every answer needs, read once per question rather than once per value: the viewer, the company's calendar
     * and today, its metrics by key (the evaluator looks up a ratio's parts for every person of a leaderboard), and one
     * evaluation for all its values (which reads the state of the rollups once).
     */
    private record Question(Viewer viewer, FiscalCalendar calendar, LocalDate today, Map<String, MetricDefinition> metrics,
                            Evaluation evaluation) {

        MetricDefinition metric(String key) {
            MetricDefinition metric = metrics.get(key);
            if (metric == null) {
                throw new NotFoundException("Metric", key);
            }
            return metric;
        }
    }

    /** Refuses a scope the viewer may not see, before anything is read. */
    private Question ask(Viewer viewer, Scope scope) {
        policy.scope(viewer, scope, Action.VIEW).orRefuse();
        Map<String, MetricDefinition> metrics = catalog.all(viewer.companyId()).stream()
                .collect(Collectors.toMap(MetricDefinition::key, m -> m));
        Evaluation evaluation = values.session(viewer.companyId(), key -> Optional.ofNullable(metrics.get(key)));
        return new Question(viewer, organization.company(viewer).calendar(), organization.today(viewer), metrics, evaluation);
    }

    /** One metric for a scope; {@code period} null means the current period at the metric's tracking frequency. */
    public MetricReading reading(Viewer viewer, String key, Scope scope, String period, Set<Compare> compare) {
        Question question = ask(viewer, scope);
        MetricDefinition metric = question.metric(key);
        return read(question, scope, List.of(new Asked(metric, periodOf(question, metric, period))), compare).get(0);
    }

    /**
     * Several metrics of one scope in one question (a KPI tree's every node), each for {@code period} or, without one,
     * for its tracking frequency's current period, against its target, in the order asked.
     */
    public List<MetricReading> readings(Viewer viewer, Scope scope, List<String> keys, String period) {
        Question question = ask(viewer, scope);
        List<Asked> asked = asked(question, keys, period);
        return read(question, scope, asked, Set.of());
    }

    /** The key metrics in force for a scope (see {@link KeyMetricLevels}), each read against its target. */
    public List<MetricReading> keyMetrics(Viewer viewer, Scope scope, String period) {
        return keyMetrics(ask(viewer, scope), scope, period);
    }

    private List<MetricReading> keyMetrics(Question question, Scope scope, String period) {
        return read(question, scope, keyMetricsAsked(question, scope, period), Set.of(Compare.PREVIOUS));
    }

    /** The metrics named, each for {@code period} or, without one, its tracking frequency's current period. */
    private List<Asked> asked(Question question, List<String> keys, String period) {
        return keys.stream().map(key -> {
            MetricDefinition metric = question.metric(key);
            return new Asked(metric, periodOf(question, metric, period));
        }).toList();
    }

    /** The scope's key metrics, each for {@code period} or, without one, its tracking frequency's current period. */
    private List<Asked> keyMetricsAsked(Question question, Scope scope, String period) {
        Period chosen = period != null && !period.isBlank() ? question.calendar().parse(period) : null;
        List<Asked> asked = new ArrayList<>();
        for (KeyMetric key : levels.resolved(question.viewer().companyId(), scope).metrics()) {
            Period at = chosen != null ? chosen : question.calendar().period(grainOf(key.frequency()), question.today());
            asked.add(new Asked(question.metric(key.key()), at));
        }
        return asked;
    }

    /**
     * The metric for each child of the scope the viewer may see: a company's departments, a department's teams, a
     * team's members (today's). A person has no children. Children need not add up to their parent: ratios do not add,
     * and a person who moved team mid-period counts for each team on their own days but is listed under today's.
     */
    public List<Row> breakdown(Viewer viewer, String key, Scope scope, String period) {
        Question question = ask(viewer, scope);
        MetricDefinition metric = question.metric(key);
        Period at = periodOf(question, metric, period);
        return children(viewer, scope).stream().map(child -> row(question, metric, child.scope(), at, child.name())).toList();
    }

    /** The metric over the last {@code periods} periods of {@code grain}, up to and including the current one. */
    public List<Point> series(Viewer viewer, String key, Scope scope, Grain grain, int periods) {
        return series(ask(viewer, scope), key, scope, grain, periods);
    }

    private List<Point> series(Question question, String key, Scope scope, Grain grain, int periods) {
        requireSeries(grain, periods);
        MetricDefinition metric = question.metric(key);
        FiscalCalendar calendar = question.calendar();
        List<Period> series = calendar.series(calendar.period(grain, question.today()), periods);
        question.evaluation().expectPeriods(scope, series);
        return series.stream()
                .map(p -> {
                    MetricValue value = value(question, metric, scope, p);
                    return new Point(p, value.value(), !value.hasData());
                }).toList();
    }

    /**
     * The people of the scope the viewer may see, best first by the metric's direction (no data last), the first
     * {@code limit} of them, and the viewer's own row wherever it ranks.
     */
    public Leaderboard leaderboard(Viewer viewer, String key, Scope scope, String period, int limit) {
        return leaderboard(ask(viewer, scope), key, scope, period, limit);
    }

    private Leaderboard leaderboard(Question question, String key, Scope scope, String period, int limit) {
        Viewer viewer = question.viewer();
        requireLimit(limit);
        MetricDefinition metric = question.metric(key);
        Period at = periodOf(question, metric, period);
        List<PersonEntry> people = people(viewer, scope);
        Map<Long, MetricValue> values = question.evaluation().people(metric, people.stream().map(p -> p.ref().id()).toList(), at);
        List<Row> rows = new ArrayList<>(people.size());
        for (PersonEntry person : people) {
            MetricValue value = values.get(person.ref().id());
            rows.add(new Row(new Scope.Person(person.ref().id()).key(), person.ref().name(), value.value(), !value.hasData(), null));
        }
        List<Row> ranked = ranked(rows, metric.direction());
        String me = new Scope.Person(viewer.personId()).key();
        Row mine = ranked.stream().filter(r -> r.scope().equals(me)).findFirst().orElse(null);
        return new Leaderboard(metric.key(), scope.key(), at, ranked.subList(0, Math.min(limit, ranked.size())), mine);
    }

    /**
     * {@link #keyMetrics}, {@link #series} and {@link #leaderboard} of one scope in one question: one snapshot, and what
     * they share (the viewer, the metrics, the state of the rollups) read once. {@code seriesKey} and
     * {@code leaderboardKey} default to the scope's first key metric; {@code period} is the key metrics' and the
     * leaderboard's (a series ends with the current period). Every parameter is checked before any value is read.
     */
    public Dashboard dashboard(Viewer viewer, Scope scope, String period, String seriesKey, Grain grain, int periods,
                               String leaderboardKey, int limit) {
        Question question = ask(viewer, scope);
        requireSeries(grain, periods);
        requireLimit(limit);
        List<MetricReading> keyMetrics = keyMetrics(question, scope, period);
        String first = keyMetrics.isEmpty() ? null : keyMetrics.get(0).metric();
        String seriesMetric = seriesKey != null && !seriesKey.isBlank() ? seriesKey : first;
        String leaderboardMetric = leaderboardKey != null && !leaderboardKey.isBlank() ? leaderboardKey : first;
        Series series = seriesMetric == null ? null : new Series(seriesMetric, series(question, seriesMetric, scope, grain, periods));
        Leaderboard leaderboard = leaderboardMetric == null ? null : leaderboard(question, leaderboardMetric, scope, period, limit);
        return new Dashboard(scope.key(), keyMetrics, series, leaderboard);
    }

    /**
     * A scope's page in one question: its key metrics ({@code period} as for {@link #keyMetrics}) with the last
     * {@code points} periods of each one's grain, its children's progress on them, and the leaderboard of the first key
     * metric over the people of {@code leaderboardScope} (a person's page shows their team's), when the viewer may see
     * that scope. The key metrics are compared with the period {@code compare} names; a custom period has no trail.
     */
    public Overview overview(Viewer viewer, Scope scope, String period, Compare compare, int points, Scope leaderboardScope, int limit) {
        Question question = ask(viewer, scope);
        requireSeries(Grain.MONTH, points);
        requireLimit(limit);
        List<Asked> asked = keyMetricsAsked(question, scope, period);
        List<KeyMetricTrail> keyMetrics = withTrails(question, scope, asked, compare, points);
        List<ChildProgress> childProgress = childProgress(question, scope, asked);
        if (scope instanceof Scope.Team && !asked.isEmpty() && !keyMetrics.get(0).trail().isEmpty()) {
            childProgress = withTrails(question, childProgress, asked.get(0).metric(), keyMetrics.get(0).trail());
        }
        Leaderboard leaderboard = null;
        if (!asked.isEmpty() && leaderboardScope != null && policy.scope(viewer, leaderboardScope, Action.VIEW).allowed()) {
            leaderboard = leaderboard(question, asked.get(0).metric().key(), leaderboardScope, asked.get(0).period().label(), limit);
        }
        return new Overview(scope.key(), keyMetrics, childProgress, leaderboard);
    }

    /**
     * A metric's page: its definition, its reading for the period ({@code period} as for {@link #reading}) compared as
     * {@code compare} asks, its readings against target over the last {@code points} periods of the same grain (none
     * for a custom period), and each child's reading for the period.
     */
    public Detail detail(Viewer viewer, String key, Scope scope, String period, Compare compare, int points) {
        Question question = ask(viewer, scope);
        requireSeries(Grain.MONTH, points);
        MetricDefinition metric = question.metric(key);
        Asked asked = new Asked(metric, periodOf(question, metric, period));
        MetricReading reading = read(question, scope, List.of(asked), Set.of(compare)).get(0);
        List<Asked> past = asked.period().grain() == Grain.CUSTOM ? List.of()
                : question.calendar().series(asked.period(), points).stream().map(p -> new Asked(metric, p)).toList();
        List<MetricReading> history = read(question, scope, past, Set.of());
        return new Detail(metric, reading, history, childProgress(question, scope, List.of(asked)));
    }

    /**
     * Any metrics of a scope as a page's cards (an audience dashboard's): each read for {@code period} or its tracking
     * frequency's current period, compared as {@code compare} asks, with the last {@code points} periods of its grain.
     */
    public List<KeyMetricTrail> withTrails(Viewer viewer, Scope scope, List<String> keys, String period, Compare compare, int points) {
        Question question = ask(viewer, scope);
        requireSeries(Grain.MONTH, points);
        List<Asked> asked = asked(question, keys, period);
        return withTrails(question, scope, asked, compare, points);
    }

    /** The metrics asked, each with its reading and its trail (none for a custom period), all values read together. */
    private List<KeyMetricTrail> withTrails(Question question, Scope scope, List<Asked> asked, Compare compare, int points) {
        List<MetricReading> readings = read(question, scope, asked, Set.of(compare));
        List<List<Period>> trails = asked.stream().map(a -> a.period().grain() == Grain.CUSTOM ? List.<Period>of()
                : question.calendar().series(a.period(), points)).toList();
        question.evaluation().expectPeriods(scope, trails.stream().flatMap(List::stream).collect(Collectors.toSet()));
        List<KeyMetricTrail> withTrails = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            MetricDefinition metric = asked.get(i).metric();
            List<Point> trail = trails.get(i).stream().map(p -> {
                MetricValue value = value(question, metric, scope, p);
                return new Point(p, value.value(), !value.hasData());
            }).toList();
            withTrails.add(new KeyMetricTrail(readings.get(i), metric.kind(), metric.actionWhenWorse(), trail));
        }
        return withTrails;
    }

    /** The children with their trails of {@code metric} over the parent's trail's periods, read in one statement. */
    private List<ChildProgress> withTrails(Question question, List<ChildProgress> children, MetricDefinition metric, List<Point> parentTrail) {
        List<Scope> scopes = children.stream().map(c -> Scope.parse(c.scope())).toList();
        List<Period> periods = parentTrail.stream().map(Point::period).toList();
        question.evaluation().expectPeriods(scopes, new HashSet<>(periods));
        List<ChildProgress> withTrails = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            Scope scope = scopes.get(i);
            List<Point> trail = periods.stream().map(p -> {
                MetricValue value = value(question, metric, scope, p);
                return new Point(p, value.value(), !value.hasData());
            }).toList();
            ChildProgress child = children.get(i);
            withTrails.add(new ChildProgress(child.scope(), child.name(), child.readings(), trail));
        }
        return withTrails;
    }

    /** The children of the scope the viewer may see, each with its readings of the metrics asked. */
    private List<ChildProgress> childProgress(Question question, Scope scope, List<Asked> asked) {
        List<Child> children = children(question.viewer(), scope);
        List<List<MetricReading>> progress = readEach(question, children.stream().map(Child::scope).toList(), asked);
        return IntStream.range(0, children.size())
                .mapToObj(i -> new ChildProgress(children.get(i).scope().key(), children.get(i).name(), progress.get(i), List.of())).toList();
    }

    private static void requireSeries(Grain grain, int periods) {
        if (grain == Grain.CUSTOM) {
            throw new InvalidInputException("grain", "must be one of day, week, month, quarter, year");
        }
        if (periods < 1 || periods > LONGEST_SERIES) {
            throw new InvalidInputException("periods", "must be 1 to " + LONGEST_SERIES);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("limit", "must be 1 to 100");
        }
    }

    /** A metric and the period to read it for. */
    private record Asked(MetricDefinition metric, Period period) {
    }

    /**
     * The metrics of one scope, each with its comparisons and against its target, in the order asked. The periods are
     * known before any value is read, so the values come from one read of the scope's rollups, and the standings
     * from one read of the targets and thresholds.
     */
    private List<MetricReading> read(Question question, Scope scope, List<Asked> asked, Set<Compare> compare) {
        List<Map<String, Period>> compared = asked.stream().map(a -> comparedWith(question, a.period(), compare)).toList();
        Set<Period> periods = new HashSet<>();
        asked.forEach(a -> periods.add(a.period()));
        compared.forEach(c -> periods.addAll(c.values()));
        question.evaluation().expectPeriods(scope, periods);
        List<MetricValue> values = asked.stream().map(a -> value(question, a.metric(), scope, a.period())).toList();
        List<Standing> standings = this.standings.of(question.viewer(), scope, IntStream.range(0, asked.size())
                .mapToObj(i -> new Standings.Asked(asked.get(i).metric().key(), asked.get(i).period(), values.get(i).value())).toList());
        List<MetricReading> readings = new ArrayList<>();
        for (int i = 0; i < asked.size(); i++) {
            MetricDefinition metric = asked.get(i).metric();
            MetricValue value = values.get(i);
            Map<String, MetricReading.Comparison> comparisons = new LinkedHashMap<>();
            compared.get(i).forEach((name, other) ->
                    comparisons.put(name, MetricReading.Comparison.of(other, value(question, metric, scope, other), value)));
            readings.add(reading(asked.get(i), scope, value, standings.get(i), comparisons));
        }
        return readings;
    }

    /**
     * {@link #read} for several scopes (a page's children) without comparisons, by scope in the order given: the
     * scopes' rollups are read in one statement and their targets in one more.
     */
    private List<List<MetricReading>> readEach(Question question, List<Scope> scopes, List<Asked> asked) {
        question.evaluation().expectPeriods(scopes, asked.stream().map(Asked::period).collect(Collectors.toSet()));
        List<List<MetricValue>> values = scopes.stream()
                .map(scope -> asked.stream().map(a -> value(question, a.metric(), scope, a.period())).toList()).toList();
        List<List<Standing>> standings = this.standings.ofEach(question.viewer(), scopes, values.stream()
                .map(each -> IntStream.range(0, asked.size()).mapToObj(i -> new Standings.Asked(asked.get(i).metric().key(),
                        asked.get(i).period(), each.get(i).value())).toList()).toList());
        List<List<MetricReading>> readings = new ArrayList<>();
        for (int s = 0; s < scopes.size(); s++) {
            List<MetricReading> scopeReadings = new ArrayList<>();
            for (int i = 0; i < asked.size(); i++) {
                scopeReadings.add(reading(asked.get(i), scopes.get(s), values.get(s).get(i), standings.get(s).get(i), Map.of()));
            }
            readings.add(scopeReadings);
        }
        return readings;
    }

    private static MetricReading reading(Asked asked, Scope scope, MetricValue value, Standing standing,
                                         Map<String, MetricReading.Comparison> comparisons) {
        MetricDefinition metric = asked.metric();
        return new MetricReading(metric.key(), metric.name(), metric.unit(), metric.decimals(), metric.direction(), scope.key(),
                asked.period(), value.value(), !value.hasData(), value.numerator(), value.denominator(), standing.target(), standing.pace(),
                comparisons);
    }

    /** The periods a reading is compared with, by name ("previous", "yearAgo"), cut to the days gone of a running period. */
    private static Map<String, Period> comparedWith(Question question, Period period, Set<Compare> compare) {
        Map<String, Period> compared = new LinkedHashMap<>();
        if (compare.contains(Compare.PREVIOUS)) {
            compared.put("previous", sameDaysGone(question.calendar().previous(period), period, question.today()));
        }
        if (compare.contains(Compare.YEAR_AGO)) {
            compared.put("yearAgo", sameDaysGone(question.calendar().yearAgo(period), period, question.today()));
        }
        return compared;
    }

    /**
     * While {@code period} is still running, the {@code other} period cut to as many days as have gone by of it (the
     * 10th of this month against the 1st to 10th of last month), so that a month on track does not read as a fall
     * against a whole month. Past periods compare whole.
     */
    public static Period sameDaysGone(Period other, Period period, LocalDate today) {
        if (!period.contains(today)) {
            return other;
        }
        LocalDate last = other.start().plusDays(today.toEpochDay() - period.start().toEpochDay());
        return last.isBefore(other.end().minusDays(1)) ? Period.of(other.start(), last) : other;
    }

    private Row row(Question question, MetricDefinition metric, Scope scope, Period period, String name) {
        MetricValue value = value(question, metric, scope, period);
        return new Row(scope.key(), name, value.value(), !value.hasData(), null);
    }

    private MetricValue value(Question question, MetricDefinition metric, Scope scope, Period period) {
        return question.evaluation().value(metric, scope, period);
    }

    /** Standard competition ranking (1, 2, 2, 4) in the metric's direction; rows without data come last, unranked. */
    static List<Row> ranked(List<Row> rows, MetricDefinition.Direction direction) {
        Comparator<BigDecimal> better = direction == MetricDefinition.Direction.LOWER_IS_BETTER ? Comparator.naturalOrder() : Comparator.reverseOrder();
        List<Row> withData = rows.stream().filter(r -> !r.noData()).sorted(Comparator.comparing(Row::value, better)).toList();
        List<Row> ranked = new ArrayList<>(rows.size());
        for (int i = 0; i < withData.size(); i++) {
            Row row = withData.get(i);
            boolean tie = i > 0 && row.value().compareTo(withData.get(i - 1).value()) == 0;
            int rank = tie ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Row(row.scope(), row.name(), row.value(), false, rank));
        }
        rows.stream().filter(Row::noData).forEach(ranked::add);
        return ranked;
    }

    private record Child(Scope scope, String name) {
    }

    private List<Child> children(Viewer viewer, Scope scope) {
        List<Child> children = new ArrayList<>();
        if (scope instanceof Scope.Company) {
            organization.departments(viewer).stream().filter(d -> !d.archived())
                    .forEach(d -> children.add(new Child(new Scope.Department(d.id()), d.name())));
        } else if (scope instanceof Scope.Department department) {
            organization.teams(viewer).stream().filter(t -> t.departmentId() == department.id() && !t.archived())
                    .forEach(t -> children.add(new Child(new Scope.Team(t.id()), t.name())));
        } else if (scope instanceof Scope.Team) {
            people(viewer, scope).forEach(p -> children.add(new Child(new Scope.Person(p.ref().id()), p.ref().name())));
        }
        return children.stream().filter(child -> policy.scope(viewer, child.scope(), Action.VIEW).allowed()).toList();
    }

    /** The active people of the scope (today's teams) whom the viewer may see. */
    private List<PersonEntry> people(Viewer viewer, Scope scope) {
        return directory.activeIn(viewer.companyId(), scope).stream()
                .filter(p -> policy.person(viewer, p.ref(), Action.VIEW).allowed())
                .toList();
    }

    private Period periodOf(Question question, MetricDefinition metric, String label) {
        return periodOf(question.calendar(), question.today(), question.viewer().companyId(), metric, label);
    }

    /** The period a label names or, without one, the current period at the metric's tracking frequency. */
    public Period period(Viewer viewer, MetricDefinition metric, String label) {
        return periodOf(organization.company(viewer).calendar(), organization.today(viewer), viewer.companyId(), metric, label);
    }

    private Period periodOf(FiscalCalendar calendar, LocalDate today, long companyId, MetricDefinition metric, String label) {
        if (label != null && !label.isBlank()) {
            return calendar.parse(label);
        }
        Frequency frequency = levels.frequencies(companyId).of(metric.kind());
        return calendar.period(grainOf(frequency), today);
    }

    private static Grain grainOf(Frequency frequency) {
        switch (frequency) {
            case DAILY:
                return Grain.DAY;
            case WEEKLY:
                return Grain.WEEK;
            case QUARTERLY:
                return Grain.QUARTER;
            default:
                return Grain.MONTH;
        }
    }
}

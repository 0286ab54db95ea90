package dev.northstar.dashboards.web;

import dev.northstar.analytics.MetricQueries.ChildProgress;
import dev.northstar.analytics.MetricQueries.KeyMetricTrail;
import dev.northstar.analytics.MetricQueries.Leaderboard;
import dev.northstar.analytics.MetricQueries.Overview;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.catalog.MetricDefinition.Kind;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import dev.northstar.targets.Pace;
import dev.northstar.targets.Status;

import org.springframework.web.util.UriComponentsBuilder;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** What the scope pages show, worked out from an {@link Overview} in words and numbers ready to print. */
public final class Views {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Views() {
    }

    /** A key metric's card: value against target and pace, status in colour and words, change, trail. */
    public record Card(String key, String name, String period, String value, String exact, boolean noData, String target, String expected,
                Status status, String change, String trend, boolean better, String comparedWith, boolean bar, int fill, Integer marker,
                Sparkline spark, String action, boolean secondary, String gap, String href) {
    }

    /** One cell of a progress table: a value with its status. */
    public record Cell(String text, Status status, BigDecimal value) {
    }

    /** A child scope's row of a progress table. */
    public record Row(String name, String href, List<Cell> cells) {
    }

    /** A child scope behind pace: the key metrics it is at risk or off track on, furthest behind first. */
    public record Behind(String name, String href, Status status, List<Lag> lags) {
    }

    /** One metric behind pace: its value and where it should be by today. */
    public record Lag(String metric, Status status, String value, String expected) {
    }

    /** A member's small multiple: their trail of the team's first key metric, and its latest value. */
    public record Multiple(String name, String href, String value, Sparkline spark) {
    }

    /** A leaderboard's row. */
    public record Place(Integer rank, String name, String href, String value, boolean me) {
    }

    public record Board(String metric, String period, List<Place> places, Place mine) {
    }

    static List<Card> cards(Overview overview, Numbers numbers, FiscalCalendar calendar) {
        return overview.keyMetrics().stream()
                .map(m -> card(m, numbers, calendar, metricHref(overview.scope(), m.reading().metric(), m.reading().period()))).toList();
    }

    /**
     * The period a value is compared with, in words: a running period is compared with the same days of the other
     * ("the same days of 2026-10"), a finished one with the whole other period.
     */
    static String comparedWith(Period other, Period period, FiscalCalendar calendar) {
        if (other.grain() == Grain.CUSTOM && period.grain() != Grain.CUSTOM) {
            return "the same days of " + calendar.period(period.grain(), other.start()).label();
        }
        return other.label();
    }

    /** A key metric's card; {@code href} is its metric page (null on that page itself). */
    static Card card(KeyMetricTrail metric, Numbers numbers, FiscalCalendar calendar, String href) {
        MetricReading r = metric.reading();
        Pace pace = r.pace();
        BigDecimal target = r.target() == null ? null : r.target().value();
        MetricReading.Comparison previous = r.comparisons().values().stream().findFirst().orElse(null);
        String trend = null;
        boolean better = false;
        if (previous != null && previous.change() != null) {
            int sign = previous.change().signum();
            trend = sign > 0 ? "up" : sign < 0 ? "down" : "flat";
            better = sign != 0 && (sign > 0) == (r.direction() == Direction.HIGHER_IS_BETTER);
        }
        Integer marker = null;
        int fill = 0;
        if (target != null && target.signum() > 0) {
            fill = r.noData() ? 0 : percentOf(r.value(), target);
            if (pace.expectedByToday() != null) {
                marker = percentOf(pace.expectedByToday(), target);
            }
        }
        return new Card(r.metric(), r.name(), r.period().label(), numbers.format(r.value(), r.unit(), r.decimals()),
                r.noData() ? "" : r.value().toPlainString(), r.noData(),
                target == null ? null : numbers.format(target, r.unit(), r.decimals()),
                pace.expectedByToday() == null ? null : numbers.format(pace.expectedByToday(), r.unit(), r.decimals()),
                pace.status(), previous == null ? null : numbers.change(previous.change(), r.unit(), r.decimals()), trend, better,
                previous == null ? null : comparedWith(previous.period(), r.period(), calendar), target != null && target.signum() > 0, fill,
                marker,
                Sparkline.of(metric.trail(), v -> numbers.format(v, r.unit(), r.decimals())), metric.actionWhenWorse(),
                metric.kind() == Kind.SECONDARY,
                pace.gapToTarget() == null || pace.gapToTarget().signum() <= 0 ? null : numbers.format(pace.gapToTarget(), r.unit(), r.decimals()),
                href);
    }

    /** The secondary metrics behind pace (at risk or off track): what to do today. */
    static List<Card> toDo(List<Card> cards) {
        return cards.stream().filter(c -> c.secondary() && (c.status() == Status.RED || c.status() == Status.AMBER)).toList();
    }

    /**
     * The children's rows, sorted by the metric named in {@code sort} (best first in the metric's direction, no data
     * last) or by name.
     */
    static List<Row> progress(Overview overview, Numbers numbers, String sort) {
        List<Row> rows = new ArrayList<>();
        for (ChildProgress child : overview.children()) {
            List<Cell> cells = child.readings().stream()
                    .map(r -> new Cell(numbers.format(r.value(), r.unit(), r.decimals()), r.pace().status(), r.noData() ? null : r.value()))
                    .toList();
            rows.add(new Row(child.name(), href(child.scope()), cells));
        }
        int column = column(overview, sort);
        if (column >= 0) {
            boolean lowerBetter = overview.keyMetrics().get(column).reading().direction() == Direction.LOWER_IS_BETTER;
            Comparator<BigDecimal> order = lowerBetter ? Comparator.naturalOrder() : Comparator.reverseOrder();
            rows.sort(Comparator.comparing((Row row) -> row.cells().get(column).value(), Comparator.nullsLast(order)));
        }
        return rows;
    }

    /** The members' small multiples of the first key metric, in the progress table's order of names (a team's page only). */
    static List<Multiple> multiples(Overview overview, Numbers numbers) {
        if (overview.keyMetrics().isEmpty()) {
            return List.of();
        }
        MetricReading first = overview.keyMetrics().get(0).reading();
        return overview.children().stream().filter(child -> !child.trail().isEmpty()).map(child -> {
            MetricReading now = child.readings().get(0);
            return new Multiple(child.name(), metricHref(child.scope(), first.metric(), first.period()),
                    numbers.format(now.value(), now.unit(), now.decimals()),
                    Sparkline.of(child.trail(), v -> numbers.format(v, first.unit(), first.decimals())));
        }).toList();
    }

    static int column(Overview overview, String sort) {
        for (int i = 0; i < overview.keyMetrics().size(); i++) {
            if (overview.keyMetrics().get(i).reading().metric().equals(sort)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Children at risk or off track on any key metric with a target: one entry each, its metrics furthest behind
     * first, and the child furthest behind on any metric first.
     */
    static List<Behind> behind(Overview overview, Numbers numbers) {
        record Found(Behind behind, BigDecimal worst) {
        }
        List<Found> found = new ArrayList<>();
        for (ChildProgress child : overview.children()) {
            List<MetricReading> lagging = child.readings().stream()
                    .filter(r -> r.pace().status() == Status.RED || r.pace().status() == Status.AMBER)
                    .sorted(Comparator.comparing(Views::shareOfPace)).toList();
            if (lagging.isEmpty()) {
                continue;
            }
            List<Lag> lags = lagging.stream().map(r -> new Lag(r.name(), r.pace().status(), numbers.format(r.value(), r.unit(), r.decimals()),
                    numbers.format(r.pace().expectedByToday(), r.unit(), r.decimals()))).toList();
            boolean offTrack = lagging.stream().anyMatch(r -> r.pace().status() == Status.RED);
            found.add(new Found(new Behind(child.name(), href(child.scope()), offTrack ? Status.RED : Status.AMBER, lags),
                    shareOfPace(lagging.get(0))));
        }
        return found.stream().sorted(Comparator.comparing(Found::worst)).map(Found::behind).toList();
    }

    /**
     * How far along its pace a value is, 100 on pace, smaller further behind, whichever the metric's direction (130 % of
     * pace is behind for a metric where lower is better). Unknown counts as on pace.
     */
    private static BigDecimal shareOfPace(MetricReading reading) {
        BigDecimal percent = reading.pace().percentOfPace();
        if (percent == null) {
            return HUNDRED;
        }
        if (reading.direction() == Direction.LOWER_IS_BETTER) {
            return percent.signum() <= 0 ? HUNDRED : HUNDRED.multiply(HUNDRED).divide(percent, MathContext.DECIMAL64);
        }
        return percent;
    }

    /**
     * The leaderboard with {@code highlighted}'s row marked (the viewer on their own pages, the person on a profile);
     * the viewer's place is given only on their own pages.
     */
    static Board board(Overview overview, Numbers numbers, String highlighted, boolean own) {
        if (overview.leaderboard() == null) {
            return null;
        }
        MetricReading first = overview.keyMetrics().get(0).reading();
        return board(overview.leaderboard(), first.name(), first.unit(), first.decimals(), numbers, highlighted, own);
    }

    /** A leaderboard of any metric, nobody's row marked (a TV's). */
    static Board board(Leaderboard board, MetricDefinition metric, Numbers numbers) {
        return board(board, metric.name(), metric.unit(), metric.decimals(), numbers, "", false);
    }

    private static Board board(Leaderboard board, String name, Unit unit, int decimals, Numbers numbers, String highlighted, boolean own) {
        List<Place> places = board.rows().stream().map(row -> new Place(row.rank(), row.name(), href(row.scope()),
                numbers.format(row.value(), unit, decimals), row.scope().equals(highlighted))).toList();
        Place mine = !own || board.me() == null ? null : new Place(board.me().rank(), board.me().name(), href(board.me().scope()),
                numbers.format(board.me().value(), unit, decimals), true);
        return new Board(name, board.period().label(), places, mine);
    }

    /** The page of a scope written as in the API ({@code team:5} is {@code /teams/5}). */
    static String href(String scope) {
        String[] parts = scope.split(":");
        return switch (parts[0]) {
            case "company" -> "/company";
            case "department" -> "/departments/" + parts[1];
            case "team" -> "/teams/" + parts[1];
            default -> "/people/" + parts[1];
        };
    }

    /** A metric's page for a scope and period ({@code team:5}, {@code calls}: {@code /teams/5/metrics/calls?period=...}). */
    static String metricHref(String scope, String metric, Period period) {
        return UriComponentsBuilder.fromPath(href(scope)).path("/metrics/{metric}").queryParam("period", period.label())
                .buildAndExpand(metric).encode().toUriString();
    }

    private static int percentOf(BigDecimal value, BigDecimal whole) {
        BigDecimal share = value.divide(whole, MathContext.DECIMAL64).movePointRight(2);
        return Math.max(0, Math.min(100, share.intValue()));
    }
}

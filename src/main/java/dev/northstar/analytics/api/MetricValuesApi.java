package dev.northstar.analytics.api;

import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.Compare;
import dev.northstar.analytics.MetricQueries.Dashboard;
import dev.northstar.analytics.MetricQueries.Leaderboard;
import dev.northstar.analytics.MetricQueries.Point;
import dev.northstar.analytics.MetricQueries.Row;
import dev.northstar.analytics.MetricReading;
import dev.northstar.analytics.MetricRecords;
import dev.northstar.analytics.MetricRecords.Drill;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period.Grain;
import dev.northstar.shared.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Metric values for a scope and period. Access is decided by {@link MetricQueries}: a scope the viewer may not see
 * is refused with the reason, and rows about others are limited to those the viewer may see.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Metric values", description = "Values, targets, pace, status, comparisons, breakdowns, series and leaderboards")
class MetricValuesApi {

    private static final String PERIOD = "period: 2026-03, FY2026-Q1, FY2026, 2026-W07, 2026-03-05 or 2026-01-15..2026-02-14 in the "
            + "company's calendar; without it, the current period at the metric's tracking frequency. Scope: company, "
            + "department:{id}, team:{id}, person:{id}. In answers, period.end is the day after its last day; value is null "
            + "with noData true when there is no data (not zero: an empty month has no win rate).";

    private final MetricQueries queries;
    private final MetricRecords records;

    MetricValuesApi(MetricQueries queries, MetricRecords records) {
        this.queries = queries;
        this.records = records;
    }

    @GetMapping("/scopes/{scope}/key-metrics")
    @Operation(summary = "The scope's key metrics with value, target, pace, status and the change against the previous period",
            description = PERIOD)
    List<MetricReading> keyMetrics(Viewer viewer, @PathVariable String scope, @RequestParam(required = false) String period) {
        return queries.keyMetrics(viewer, Scope.parse(scope), period);
    }

    @GetMapping("/scopes/{scope}/dashboard")
    @Operation(summary = "The scope's dashboard in one answer, from one snapshot: key metrics, a series and a leaderboard",
            description = "series and leaderboard: the metrics to show (default: the scope's first key metric); grain and "
                    + "periods as for a series; limit as for a leaderboard; period for the key metrics and the leaderboard. " + PERIOD)
    Dashboard dashboard(Viewer viewer, @PathVariable String scope, @RequestParam(required = false) String period,
                        @RequestParam(required = false) String series, @RequestParam(required = false) String grain,
                        @RequestParam(required = false) Integer periods, @RequestParam(required = false) String leaderboard,
                        @RequestParam(required = false) Integer limit) {
        return queries.dashboard(viewer, Scope.parse(scope), period, series, grain(grain), periods == null ? 12 : periods,
                leaderboard, limit == null ? 10 : limit);
    }

    @GetMapping("/metrics/{key}/values")
    @Operation(summary = "One metric for a scope and period, with target, pace, status and comparisons",
            description = PERIOD + " compare: previous, year_ago, or both separated by a comma.")
    MetricReading values(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String scope,
                         @RequestParam(required = false) String period, @RequestParam(required = false) String compare) {
        return queries.reading(viewer, key, scope(scope), period, compare(compare));
    }

    @GetMapping("/metrics/{key}/breakdown")
    @Operation(summary = "The metric for each child of the scope: departments, teams or people", description = PERIOD)
    List<Row> breakdown(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String scope,
                        @RequestParam(required = false) String period) {
        return queries.breakdown(viewer, key, scope(scope), period);
    }

    @GetMapping("/metrics/{key}/series")
    @Operation(summary = "The metric over the last N periods of a grain, up to the current one",
            description = "grain: day, week, month, quarter or year (default month); periods: 1 to 60 (default 12). " + PERIOD)
    List<Point> series(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String scope,
                       @RequestParam(required = false) String grain, @RequestParam(required = false) Integer periods) {
        return queries.series(viewer, key, scope(scope), grain(grain), periods == null ? 12 : periods);
    }

    @GetMapping("/metrics/{key}/leaderboard")
    @Operation(summary = "The people of a scope ranked by the metric, best first by its direction, and the caller's own row",
            description = "limit: 1 to 100 (default 10). " + PERIOD)
    Leaderboard leaderboard(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String scope,
                            @RequestParam(required = false) String period, @RequestParam(required = false) Integer limit) {
        return queries.leaderboard(viewer, key, scope(scope), period, limit == null ? 10 : limit);
    }

    @GetMapping("/metrics/{key}/records")
    @Operation(summary = "The records behind the metric's value for a scope and period, newest first, and how many there are",
            description = "An aggregate lists the records it counts (a period-to-date or rolling metric: its base's, over its window, "
                    + "given as period); a ratio, derived or attainment metric names the metrics it is made of (parts); other "
                    + "metrics say in note why they list none. The company's records are for company admins; a department's, team's "
                    + "or person's for whoever may see it. limit: 1 to 1000 (default 100); total is counted up to 10,000 (more: "
                    + "true beyond). " + PERIOD)
    Drill records(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String scope,
                  @RequestParam(required = false) String period, @RequestParam(required = false) Integer limit) {
        return records.drill(viewer, key, scope(scope), period, limit == null ? 100 : limit);
    }

    /** The company unless a scope is named. */
    private static Scope scope(String text) {
        return text == null || text.isBlank() ? Scope.COMPANY : Scope.parse(text);
    }

    private static Set<Compare> compare(String text) {
        Set<Compare> compare = EnumSet.noneOf(Compare.class);
        if (text == null || text.isBlank()) {
            return compare;
        }
        for (String word : text.split(",")) {
            try {
                compare.add(Compare.valueOf(word.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("compare", "'" + word.strip() + "' is not one of previous, year_ago");
            }
        }
        return compare;
    }

    private static Grain grain(String text) {
        if (text == null || text.isBlank()) {
            return Grain.MONTH;
        }
        try {
            Grain grain = Grain.valueOf(text.strip().toUpperCase(Locale.ROOT));
            if (grain != Grain.CUSTOM) {
                return grain;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw new InvalidInputException("grain", "'" + text.strip() + "' is not one of day, week, month, quarter, year");
    }
}

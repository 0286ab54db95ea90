package dev.northstar.analytics;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.internal.CumulativeWindow;
import dev.northstar.analytics.internal.RecordListing;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.function.Consumer;

/**
 * Drill-down from a number to the records behind it. A count, sum or other aggregate lists the records it counts; a
 * period-to-date or rolling metric lists its base's records over its window; a ratio, derived or attainment metric
 * points to the metrics it is made of, each of which can be drilled into in turn. Metrics computed from stage history,
 * revenue retention, typed values or targets list no records and say so.
 * <p>
 * Who may see the records is {@link AccessPolicy#records}: a department's, team's or person's for whoever may see it,
 * the company's for company admins.
 */
@Service
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
public class MetricRecords {

    public static final int LONGEST_LIST = 1000;
    /** How far a drill-down counts its records: beyond, it says "more than". */
    public static final int COUNTED_UP_TO = 10_000;

    /** The first records, newest first, and how many there are ({@code more}: more than {@code total}). */
    public record Records(List<String> columns, List<List<Object>> rows, long total, boolean more) {
    }

    /**
     * What is behind a metric's value for a scope and period: the records ({@code records}, null when there are none
     * to list), or the metrics it is made of ({@code parts}), and in words why ({@code note}). {@code period} is the
     * period the records were counted in: a cumulative metric's window.
     */
    public record Drill(String metric, String name, String scope, Period period, Records records, List<String> parts, String note) {
    }

    private final MetricCatalog catalog;
    private final RecordListing listing;
    private final AccessPolicy policy;
    private final OrganizationService organization;
    private final MetricQueries queries;

    MetricRecords(MetricCatalog catalog, RecordListing listing, AccessPolicy policy, OrganizationService organization, MetricQueries queries) {
        this.catalog = catalog;
        this.listing = listing;
        this.policy = policy;
        this.organization = organization;
        this.queries = queries;
    }

    /** The first {@code limit} records behind the metric for a scope the viewer may see, or what it is made of. */
    public Drill drill(Viewer viewer, String key, Scope scope, String period, int limit) {
        if (limit < 1 || limit > LONGEST_LIST) {
            throw new InvalidInputException("limit", "must be 1 to " + LONGEST_LIST);
        }
        Behind behind = behind(viewer, key, scope, period);
        Records records = behind.aggregate() == null ? null
                : listing.first(viewer.companyId(), behind.aggregate(), scope, behind.period(), limit, COUNTED_UP_TO);
        return new Drill(behind.metric().key(), behind.metric().name(), scope.key(), behind.period(), records, behind.parts(), behind.note());
    }

    /**
     * Every record behind the metric, headings first, for an export. A metric with no records of its own is refused
     * with what it is made of.
     */
    public void export(Viewer viewer, String key, Scope scope, String period, Consumer<List<String>> headings, Consumer<List<Object>> rows) {
        Behind behind = behind(viewer, key, scope, period);
        if (behind.aggregate() == null) {
            throw new InvalidInputException("metric", behind.note());
        }
        listing.each(viewer.companyId(), behind.aggregate(), scope, behind.period(), headings, rows);
    }

    /** The aggregate whose records a metric shows, and the period they are counted in; or its parts. */
    private record Behind(MetricDefinition metric, Period period, Formula.Aggregate aggregate, List<String> parts, String note) {
    }

    private Behind behind(Viewer viewer, String key, Scope scope, String period) {
        MetricDefinition metric = metric(viewer, key); // the catalog is no secret: an unknown metric is not found for anyone
        policy.records(viewer, scope).orRefuse();
        // Without a period, the current one at the metric's tracking frequency, as for its value.
        return behind(viewer, metric, organization.company(viewer).calendar(), queries.period(viewer, metric, period));
    }

    private Behind behind(Viewer viewer, MetricDefinition metric, FiscalCalendar calendar, Period period) {
        Formula formula = metric.formula();
        if (formula instanceof Formula.Aggregate aggregate) {
            return new Behind(metric, period, aggregate, List.of(), aggregate.function() == Formula.Function.COUNT_DISTINCT
                    ? "It counts the distinct " + aggregate.field() + " values among these records, so there can be more records than its value."
                    : null);
        }
        if (formula instanceof Formula.Cumulative cumulative) {
            Behind base = behind(viewer, metric(viewer, cumulative.base()), calendar, CumulativeWindow.of(metric.key(), cumulative, calendar, period));
            return new Behind(metric, base.period(), base.aggregate(), base.parts(), base.aggregate() == null ? base.note()
                    : "The records of " + base.metric().name() + " from " + base.period().start() + " to " + base.period().end().minusDays(1) + ".");
        }
        if (formula instanceof Formula.Ratio ratio) {
            return parts(metric, period, List.of(ratio.numerator(), ratio.denominator()), "A ratio: the sum of its numerator over the sum of its denominator.");
        }
        if (formula instanceof Formula.Derived derived) {
            return parts(metric, period, listing.inputsOf(derived.expression()), "Computed from other metrics: " + derived.expression() + ".");
        }
        if (formula instanceof Formula.Attainment attainment) {
            return parts(metric, period, List.of(attainment.metric()), "The value of the metric divided by its target.");
        }
        String source = formula instanceof Formula.StageConversion ? "deals' stage history"
                : formula instanceof Formula.Retention ? "recurring revenue month by month"
                : formula instanceof Formula.Manual ? "values typed or imported per period" : "targets";
        return new Behind(metric, period, null, List.of(), "Computed from " + source + ": it has no records of its own to list.");
    }

    private static Behind parts(MetricDefinition metric, Period period, List<String> parts, String note) {
        return new Behind(metric, period, null, parts, note);
    }

    private MetricDefinition metric(Viewer viewer, String key) {
        return catalog.find(viewer.companyId(), key).orElseThrow(() -> new NotFoundException("Metric", key));
    }
}

package dev.northstar.dashboards.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.northstar.shared.SpreadsheetCells;
import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Decision;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.ChildProgress;
import dev.northstar.analytics.MetricQueries.Detail;
import dev.northstar.analytics.MetricQueries.KeyMetricTrail;
import dev.northstar.analytics.MetricQueries.Point;
import dev.northstar.analytics.MetricReading;
import dev.northstar.analytics.MetricRecords;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.dashboards.web.ScopePages.Asked;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A metric's page for a scope ({@code /teams/5/metrics/calls}): what it means and who answers for it, its value against
 * target over time, its breakdown by the scope's children, and the records behind the number, downloadable as CSV.
 * {@link MetricQueries} and {@link MetricRecords} refuse a scope outside the viewer's before reading anything.
 */
@Controller
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class MetricPages {

    /** Periods on the chart. */
    static final int HISTORY = 12;
    /** Records listed on the page; the CSV has all of them. */
    static final int RECORDS = 50;

    private final MetricQueries queries;
    private final MetricRecords records;
    private final MetricCatalog catalog;
    private final OrganizationService organization;
    private final OrganizationDirectory directory;
    private final AccessPolicy policy;
    private final JsonMapper json;

    MetricPages(MetricQueries queries, MetricRecords records, MetricCatalog catalog, OrganizationService organization,
                OrganizationDirectory directory, AccessPolicy policy, JsonMapper json) {
        this.queries = queries;
        this.records = records;
        this.catalog = catalog;
        this.organization = organization;
        this.directory = directory;
        this.policy = policy;
        this.json = json;
    }

    @GetMapping("/company/metrics/{key}")
    String company(Viewer viewer, @PathVariable String key, Asked asked, Model model) {
        return page(viewer, Scope.COMPANY, key, asked, model);
    }

    @GetMapping("/{kind:departments|teams|people}/{id}/metrics/{key}")
    String unit(Viewer viewer, @PathVariable String kind, @PathVariable long id, @PathVariable String key, Asked asked, Model model) {
        return page(viewer, scope(kind, id), key, asked, model);
    }

    @GetMapping("/company/metrics/{key}/records.csv")
    void companyRecords(Viewer viewer, @PathVariable String key, @RequestParam(required = false) String period,
                        HttpServletResponse response) throws IOException {
        export(viewer, Scope.COMPANY, key, period, response);
    }

    @GetMapping("/{kind:departments|teams|people}/{id}/metrics/{key}/records.csv")
    void unitRecords(Viewer viewer, @PathVariable String kind, @PathVariable long id, @PathVariable String key,
                     @RequestParam(required = false) String period, HttpServletResponse response) throws IOException {
        export(viewer, scope(kind, id), key, period, response);
    }

    private static Scope scope(String kind, long id) {
        return switch (kind) {
            case "departments" -> new Scope.Department(id);
            case "teams" -> new Scope.Team(id);
            default -> new Scope.Person(id);
        };
    }

    /** A row of the history table and a point of the chart. */
    public record Past(String period, String value, String target, dev.northstar.targets.Status status) {
    }

    /** A child's value of the metric, linked to the child's page of the same metric. */
    public record Part(String name, String href, String value, BigDecimal exact, dev.northstar.targets.Status status) {
    }

    private String page(Viewer viewer, Scope scope, String key, Asked asked, Model model) {
        String scopeName = scopeName(viewer, scope);
        Company company = organization.company(viewer);
        String path = Views.href(scope.key()) + "/metrics/" + key;
        PeriodChoice choice = PeriodChoice.onPage(company, organization.today(viewer), asked, path, null, model);
        Detail detail = queries.detail(viewer, key, scope, choice.label(), choice.comparison(), HISTORY);
        MetricDefinition metric = detail.definition();
        MetricReading reading = detail.reading();
        Numbers numbers = Numbers.of(company.currency());
        List<Point> trail = detail.history().stream().map(r -> new Point(r.period(), r.value(), r.noData())).toList();
        model.addAttribute("metric", metric);
        model.addAttribute("scopeName", scopeName);
        model.addAttribute("scopeHref", Views.href(scope.key()));
        model.addAttribute("childWord", scope instanceof Scope.Company ? "Department" : scope instanceof Scope.Department ? "Team" : "Member");
        model.addAttribute("card", Views.card(new KeyMetricTrail(reading, metric.kind(), metric.actionWhenWorse(), trail), numbers,
                company.calendar(), null));
        model.addAttribute("definition", definition(viewer, metric));
        model.addAttribute("history", detail.history().stream().map(r -> new Past(r.period().label(),
                numbers.format(r.value(), r.unit(), r.decimals()),
                target(r) == null ? "–" : numbers.format(target(r), r.unit(), r.decimals()), r.pace().status())).toList());
        model.addAttribute("chart", chart(detail.history(), metric.unit(), organization.today(viewer)));
        model.addAttribute("parts", parts(detail.breakdown(), metric, numbers));
        // The records come in a request of their own: a company's month can hold millions, and the page need not wait.
        model.addAttribute("recordsHref", UriComponentsBuilder.fromPath(path).path("/records").queryParam("period", reading.period().label())
                .encode().toUriString());
        return "dashboards/metric";
    }

    @GetMapping("/company/metrics/{key}/records")
    String companyRecordsPart(Viewer viewer, @PathVariable String key, @RequestParam String period, Model model) {
        return recordsPart(viewer, Scope.COMPANY, key, period, model);
    }

    @GetMapping("/{kind:departments|teams|people}/{id}/metrics/{key}/records")
    String unitRecordsPart(Viewer viewer, @PathVariable String kind, @PathVariable long id, @PathVariable String key,
                           @RequestParam String period, Model model) {
        return recordsPart(viewer, scope(kind, id), key, period, model);
    }

    /** The page's "Behind the number": the first records and their count, or the metrics it is made of, or why not. */
    private String recordsPart(Viewer viewer, Scope scope, String key, String period, Model model) {
        String path = Views.href(scope.key()) + "/metrics/" + key;
        Decision mayList = policy.records(viewer, scope);
        MetricRecords.Drill drill = mayList.allowed() ? records.drill(viewer, key, scope, period, RECORDS) : null;
        if (drill == null) {
            queries.reading(viewer, key, scope, period, java.util.Set.of()); // the metric and the scope are checked all the same
        }
        model.addAttribute("drill", drill);
        model.addAttribute("noRecords", mayList.allowed() ? null : mayList.reason());
        model.addAttribute("csvHref", UriComponentsBuilder.fromPath(path).path("/records.csv").queryParam("period", period).encode().toUriString());
        // A part of a cumulative metric is read over the window the records were counted in, not the period shown.
        Period partsPeriod = drill != null ? drill.period() : null;
        model.addAttribute("partHref", (java.util.function.Function<String, String>) part -> Views.metricHref(scope.key(), part, partsPeriod));
        model.addAttribute("names", names(viewer));
        return "dashboards/metric :: records";
    }

    private String scopeName(Viewer viewer, Scope scope) {
        if (scope instanceof Scope.Department department) {
            return organization.department(viewer, department.id()).name() + " department";
        }
        if (scope instanceof Scope.Team team) {
            return organization.team(viewer, team.id()).name() + " team";
        }
        if (scope instanceof Scope.Person person) {
            return organization.person(viewer, person.id()).displayName();
        }
        return organization.company(viewer).name();
    }

    /** The definition in words, as term and description, leaving out what the definition leaves empty. */
    private Map<String, String> definition(Viewer viewer, MetricDefinition metric) {
        Map<String, String> names = names(viewer);
        Map<String, String> terms = new LinkedHashMap<>();
        terms.put("What it means", metric.description());
        terms.put("How it is computed", FormulaWords.of(metric.formula(), k -> names.getOrDefault(k, k)));
        terms.put("Kind", metric.kind() == MetricDefinition.Kind.PRIMARY ? "Primary: a result" : "Secondary: an activity that drives results");
        terms.put("Better when", metric.direction() == MetricDefinition.Direction.HIGHER_IS_BETTER ? "higher" : "lower");
        terms.put("Owner", metric.ownerId() == null ? null
                : directory.person(viewer.companyId(), metric.ownerId()).map(OrganizationDirectory.PersonRef::name).orElse(null));
        terms.put("Reviewed", metric.cadence() == null ? null : FormulaWords.capitalized(metric.cadence())
                + (metric.reviewMeeting() == null ? "" : "; discussed in the " + metric.reviewMeeting()));
        terms.put("When it worsens", metric.actionWhenWorse());
        terms.values().removeIf(v -> v == null || v.isBlank());
        return terms;
    }

    private Map<String, String> names(Viewer viewer) {
        Map<String, String> names = new LinkedHashMap<>();
        catalog.all(viewer.companyId()).forEach(m -> names.put(m.key(), m.name()));
        return names;
    }


    /**
     * The chart's numbers (a percentage in percent), as JSON for the page's script: periods, values and targets. The
     * running period is labelled "so far", so that its dip reads as unfinished rather than as a fall.
     */
    private String chart(List<MetricReading> history, Unit unit, java.time.LocalDate today) {
        int shift = unit == Unit.PERCENT ? 2 : 0;
        List<String> periods = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        List<BigDecimal> targets = new ArrayList<>();
        for (MetricReading r : history) {
            periods.add(r.period().contains(today) ? r.period().label() + " so far" : r.period().label());
            values.add(r.noData() ? null : r.value().movePointRight(shift));
            targets.add(target(r) == null ? null : target(r).movePointRight(shift));
        }
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("periods", periods);
        chart.put("values", values);
        chart.put("targets", targets);
        chart.put("suffix", unit == Unit.PERCENT ? " %" : "");
        return json.writeValueAsString(chart);
    }

    /** The reading's target, null when none applies. */
    private static BigDecimal target(MetricReading reading) {
        return reading.target() == null ? null : reading.target().value();
    }

    /** The children's values, best first in the metric's direction, no data last. */
    private static List<Part> parts(List<ChildProgress> breakdown, MetricDefinition metric, Numbers numbers) {
        Comparator<BigDecimal> better = metric.direction() == MetricDefinition.Direction.LOWER_IS_BETTER
                ? Comparator.naturalOrder() : Comparator.reverseOrder();
        return breakdown.stream().map(child -> {
                    MetricReading r = child.readings().get(0);
                    return new Part(child.name(), Views.metricHref(child.scope(), metric.key(), r.period()),
                            numbers.format(r.value(), r.unit(), r.decimals()), r.noData() ? null : r.value(), r.pace().status());
                })
                .sorted(Comparator.comparing(Part::exact, Comparator.nullsLast(better))).toList();
    }

    /** Every record behind the number as CSV, named after the metric, scope and period. */
    private void export(Viewer viewer, Scope scope, String key, String period, HttpServletResponse response) throws IOException {
        String name = (key + "-" + scope.key().replace(':', '-') + "-" + (period == null ? "" : period)).replaceAll("[^A-Za-z0-9._-]", "_");
        CsvDownload download = new CsvDownload(response, name + ".csv");
        records.export(viewer, key, scope, period, download::start, download::row);
        download.finish();
    }

    /**
     * A CSV answer that starts only once the records are known to be the viewer's: a refusal before then is still
     * answered as an error page, not as half a file.
     */
    private static final class CsvDownload {

        private final HttpServletResponse response;
        private final String filename;
        private CsvWriter csv;

        CsvDownload(HttpServletResponse response, String filename) {
            this.response = response;
            this.filename = filename;
        }

        void start(List<String> headings) {
            response.setContentType("text/csv;charset=UTF-8");
            response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
            try {
                csv = CsvWriter.builder().build(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            csv.writeRecord(headings);
        }

        void row(List<Object> row) {
            csv.writeRecord(row.stream().map(MetricPages::cell).toList());
        }

        void finish() throws IOException {
            csv.flush();
        }
    }

    /** A value as a CSV cell: see {@link SpreadsheetCells#text}. */
    static String cell(Object value) {
        return SpreadsheetCells.text(value);
    }
}

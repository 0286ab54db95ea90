package dev.northstar.accounts.api;

import dev.northstar.access.Viewer;
import dev.northstar.accounts.Account;
import dev.northstar.accounts.AccountDetails;
import dev.northstar.accounts.AccountDetails.Compare;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.AccountMetrics;
import dev.northstar.accounts.AccountValueImport;
import dev.northstar.accounts.AccountViews;
import dev.northstar.accounts.Accounts;
import dev.northstar.accounts.Health;
import dev.northstar.accounts.HealthFormula;
import dev.northstar.accounts.MetricDraft;
import dev.northstar.accounts.MetricFamily;
import dev.northstar.accounts.MetricReading;
import dev.northstar.accounts.Portfolio;
import dev.northstar.accounts.PortfolioFilter;
import dev.northstar.accounts.Timeline;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Accounts' metrics over the API, with the pages' access rules: an account is seen by its owner and their team, the
 * team's lead, the department's managers and company admins; each metric says who may see and change it; the
 * metrics, families and health formula are configured by company admins.
 */
@RestController
@RequestMapping(path = "/api/v1/accounts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Accounts", description = "Account metrics, health scores and the portfolio (C9)")
class AccountsApi {

    private final Accounts accounts;
    private final AccountMetrics metrics;
    private final AccountValueImport values;
    private final AccountViews views;

    AccountsApi(Accounts accounts, AccountMetrics metrics, AccountValueImport values, AccountViews views) {
        this.accounts = accounts;
        this.metrics = metrics;
        this.values = values;
        this.views = views;
    }

    /** A metric's reading for the API: values as numbers (percentages as fractions), with the words a page shows. */
    record Reading(String key, String name, String family, String display, BigDecimal value, String formatted, BigDecimal previous,
                   BigDecimal change, BigDecimal target, boolean ownTarget, String status, String colour, LocalDate valueDay,
                   Boolean editable) {

        static Reading of(MetricReading r, AccountMetrics.Catalog catalog, String currency, Boolean editable) {
            AccountMetric m = r.metric();
            return new Reading(m.key(), m.name(), catalog.familyName(m.familyId()), m.display().key(), r.value(), m.format(r.value(), currency),
                    r.previous(), r.change(), r.target(), r.ownTarget(), r.status().name().toLowerCase(), r.colour(), r.valueDay(), editable);
        }
    }

    record HealthScore(BigDecimal score, String band, String formula, List<Health.Part> parts) {
        static HealthScore of(Health health, HealthFormula formula) {
            return new HealthScore(health.score(), health.band().key(), formula.inWords(), health.parts());
        }
    }

    record Details(Account account, LocalDate asOf, String comparedWith, HealthScore health, List<Reading> top, List<Reading> metrics) {
    }

    record PortfolioRow(Account account, BigDecimal health, String band, List<Reading> top) {
    }

    record PortfolioAnswer(LocalDate asOf, int accounts, int page, int pages, BigDecimal averageHealth, Map<Health.Band, Integer> bands,
                           Portfolio.Retention retention, List<Aggregate> metrics, List<PortfolioRow> rows) {
    }

    record Aggregate(String key, String name, BigDecimal sum, BigDecimal average, int counted, Map<String, Integer> statuses) {
    }

    record ValueChange(LocalDate day, BigDecimal value) {
    }

    record TargetChange(BigDecimal target) {
    }

    record Family(String name, Integer position) {
    }

    /** A saved view as the API takes it: its page (details or portfolio), name, and filters as a page's query has them. */
    record ViewDraft(String page, String name, Map<String, List<String>> filters) {
    }

    @GetMapping
    @Operation(summary = "The portfolio: the accounts the caller sees, aggregated and one page of them sorted",
            description = "owner (person id), segment, band (healthy, watch, at-risk, unknown), sort (name, owner, health or a metric key), "
                    + "desc, page (50 a page), asOf (a day; default today).")
    PortfolioAnswer portfolio(Viewer viewer, @RequestParam(required = false) Long owner, @RequestParam(required = false) String segment,
                              @RequestParam(required = false) String band, @RequestParam(defaultValue = "health") String sort,
                              @RequestParam(defaultValue = "false") boolean desc, @RequestParam(defaultValue = "1") int page,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Portfolio p = accounts.portfolio(viewer, new PortfolioFilter(owner, segment, band, sort, desc, page), asOf);
        AccountMetrics.Catalog catalog = metrics.catalog(viewer);
        return new PortfolioAnswer(p.asOf(), p.accounts(), p.filter().page(), p.pages(), p.averageHealth(), p.bands(), p.retention(),
                p.aggregates().stream().map(a -> new Aggregate(a.metric().key(), a.metric().name(), a.sum(), a.average(), a.counted(),
                        a.statuses().entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().name().toLowerCase(), Map.Entry::getValue)))).toList(),
                p.rows().stream().map(r -> new PortfolioRow(r.account(), r.health().score(), r.health().band().key(),
                        r.top().stream().map(x -> Reading.of(x, catalog, p.currency(), null)).toList())).toList());
    }

    @GetMapping("/{id}")
    @Operation(summary = "An account's summary and metrics on a day",
            description = "asOf (default today); compare: today (against a month earlier) or last-update (against the value before the last update).")
    Details details(Viewer viewer, @PathVariable long id,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                    @RequestParam(defaultValue = "today") String compare) {
        AccountDetails d = accounts.details(viewer, id, asOf, Compare.of(compare));
        return new Details(d.account(), d.asOf(), d.comparedWith().words(), HealthScore.of(d.health(), d.catalog().formula()),
                d.top().stream().map(r -> Reading.of(r, d.catalog(), d.currency(), d.editable().get(r.metric().key()))).toList(),
                d.readings().stream().map(r -> Reading.of(r, d.catalog(), d.currency(), d.editable().get(r.metric().key()))).toList());
    }

    @GetMapping("/{id}/metrics/{key}/timeline")
    @Operation(summary = "A metric of the account at each month's end from one month to another (yyyy-MM), with the edits in that range")
    Timeline timeline(Viewer viewer, @PathVariable long id, @PathVariable String key, @RequestParam YearMonth from, @RequestParam YearMonth to) {
        return accounts.timeline(viewer, id, key, from, to);
    }

    @GetMapping("/{id}/metrics/{key}/history")
    @Operation(summary = "Every change to the metric's values and target for the account: who, when, before and after; newest first")
    List<Timeline.Edit> history(Viewer viewer, @PathVariable long id, @PathVariable String key) {
        return accounts.history(viewer, id, key);
    }

    @PutMapping(path = "/{id}/metrics/{key}/value", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Record the value of an entered metric for a day (null clears); the earlier value stays in the history")
    void setValue(Viewer viewer, @PathVariable long id, @PathVariable String key, @RequestBody ValueChange change) {
        accounts.setValue(viewer, id, key, change.day(), change.value());
    }

    @PutMapping(path = "/{id}/metrics/{key}/target", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Set the account's own target for a metric (null: the metric's default)")
    void setTarget(Viewer viewer, @PathVariable long id, @PathVariable String key, @RequestBody TargetChange change) {
        accounts.setTarget(viewer, id, key, change.target());
    }

    @PostMapping(path = "/metric-values", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Import values of entered metrics: all rows or none; each wrong row named by number, field and reason",
            description = "Each row: account (external id), source (when two systems share the id), metric (key), day (yyyy-MM-dd), value "
                    + "(a number; a percentage in percent: 95 or 95%). dryRun=true only checks.")
    AccountValueImport.Result importValues(Viewer viewer, @RequestBody List<AccountValueImport.ValueRow> rows,
                                           @RequestParam(defaultValue = "false") boolean dryRun) {
        return values.load(viewer, rows, 1, dryRun);
    }

    @GetMapping("/views")
    @Operation(summary = "The caller's saved views of a page (details or portfolio); each query opens the page with its filters")
    List<AccountViews.View> views(Viewer viewer, @RequestParam(defaultValue = "portfolio") String page) {
        return views.list(viewer, page(page));
    }

    @PostMapping(path = "/views", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Save a view of one's own (a name already used is replaced)", description = "filters: for details show, "
            + "family, metric, months; for the portfolio owner, segment, band, sort, desc; others are left out.")
    AccountViews.View saveView(Viewer viewer, @RequestBody ViewDraft draft) {
        return views.save(viewer, page(draft.page()), draft.name(), draft.filters() == null ? Map.of() : draft.filters());
    }

    @DeleteMapping("/views/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove one of the caller's views")
    void deleteView(Viewer viewer, @PathVariable long id) {
        views.delete(viewer, id);
    }

    private static AccountViews.Page page(String key) {
        AccountViews.Page page = AccountViews.Page.of(key);
        if (page == null) {
            throw new dev.northstar.shared.InvalidInputException("page", "must be details or portfolio");
        }
        return page;
    }

    // ---- configuration (company admins) ---------------------------------------------------------------------

    @GetMapping("/metrics")
    @Operation(summary = "The account metrics, their families and the health formula")
    AccountMetrics.Catalog catalog(Viewer viewer) {
        return metrics.catalog(viewer);
    }

    @PostMapping(path = "/metrics", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an account metric (company admins)", description = "measure: a system measure (mrr, arr, nrr, mrr_change, "
            + "revenue_ytd, open_pipeline, activities_30d) or none for an entered metric; display: number, money, percent or rank (with "
            + "rankScale); direction; target; greenAt and amberAt in percent of the target; colours #rrggbb; viewRole (everyone, owner, "
            + "managers, admins); editRole (owner, managers, admins); topPosition 1-4; healthWeight 0-100.")
    AccountMetric create(Viewer viewer, @RequestBody MetricDraft draft) {
        return metrics.save(viewer, null, draft);
    }

    @PutMapping(path = "/metrics/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change an account metric (company admins); fields left out stay as they are; topPosition 0 leaves the top four")
    AccountMetric update(Viewer viewer, @PathVariable String key, @RequestBody MetricDraft draft) {
        return metrics.save(viewer, key, draft);
    }

    @DeleteMapping("/metrics/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an account metric and its entered values (company admins)")
    void delete(Viewer viewer, @PathVariable String key) {
        metrics.delete(viewer, key);
    }

    @PostMapping(path = "/metric-families", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a metric family (company admins)")
    MetricFamily createFamily(Viewer viewer, @RequestBody Family family) {
        return metrics.saveFamily(viewer, null, family.name(), family.position());
    }

    @PutMapping(path = "/metric-families/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rename or move a metric family (company admins)")
    MetricFamily updateFamily(Viewer viewer, @PathVariable long id, @RequestBody Family family) {
        return metrics.saveFamily(viewer, id, family.name(), family.position());
    }

    @DeleteMapping("/metric-families/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a metric family; its metrics stay, ungrouped (company admins)")
    void deleteFamily(Viewer viewer, @PathVariable long id) {
        metrics.deleteFamily(viewer, id);
    }

    @PutMapping(path = "/health-formula", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set the health score's formula: points per status and the bands' lower bounds, each 0-100 (company admins)")
    HealthFormula formula(Viewer viewer, @RequestBody HealthFormula formula) {
        return metrics.saveFormula(viewer, formula);
    }
}

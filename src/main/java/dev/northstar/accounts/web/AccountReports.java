package dev.northstar.accounts.web;

import dev.northstar.access.Viewer;
import dev.northstar.accounts.AccountDetails;
import dev.northstar.accounts.AccountDetails.Compare;
import dev.northstar.accounts.Accounts;
import dev.northstar.accounts.Portfolio;
import dev.northstar.accounts.PortfolioFilter;
import dev.northstar.reports.PdfDocuments;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * The metric detail report of an account and the portfolio report (C12): one HTML template each, shown in the
 * browser, rendered to PDF as it is, and its tables downloaded as CSV or XLSX by the export filter (a report's
 * address with {@code ?export=csv&table=...}). The services check access, as for the pages.
 */
@Controller
class AccountReports {

    /** The portfolio report lists this many accounts at most; the CSV and XLSX of its table hold as many. */
    static final int REPORT_ROWS = 5_000;

    private final Accounts accounts;
    private final TemplateEngine templates;
    private final PdfDocuments pdf;
    private final Clock clock;

    AccountReports(Accounts accounts, TemplateEngine templates, PdfDocuments pdf, Clock clock) {
        this.accounts = accounts;
        this.templates = templates;
        this.pdf = pdf;
        this.clock = clock;
    }

    @GetMapping("/accounts/{id}/report")
    String accountReport(Viewer viewer, @PathVariable long id,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf, Model model) {
        model.addAllAttributes(account(viewer, id, asOf));
        model.addAttribute("downloads", downloads("/accounts/" + id + "/report", asOf == null ? Map.of() : Map.of("asOf", asOf.toString()), "report-metrics"));
        return "accounts/report-account";
    }

    @GetMapping("/accounts/{id}/report.pdf")
    ResponseEntity<byte[]> accountPdf(Viewer viewer, @PathVariable long id,
                                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Map<String, Object> model = account(viewer, id, asOf);
        AccountDetails details = (AccountDetails) model.get("d");
        return pdf("accounts/report-account", model, "account-" + id + "-" + details.asOf() + ".pdf");
    }

    @GetMapping("/accounts/report")
    String portfolioReport(Viewer viewer, @RequestParam(required = false) Long owner, @RequestParam(required = false) String segment,
                           @RequestParam(required = false) String band, @RequestParam(defaultValue = "health") String sort,
                           @RequestParam(defaultValue = "false") boolean desc,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf, Model model) {
        PortfolioFilter filter = new PortfolioFilter(owner, segment, band, sort, desc, 1);
        model.addAllAttributes(portfolio(viewer, filter, asOf));
        Map<String, String> query = new HashMap<>();
        if (owner != null) query.put("owner", owner.toString());
        if (filter.segment() != null) query.put("segment", filter.segment());
        if (filter.band() != null) query.put("band", filter.band());
        if (asOf != null) query.put("asOf", asOf.toString());
        query.put("sort", filter.sort());
        query.put("desc", String.valueOf(desc));
        model.addAttribute("downloads", downloads("/accounts/report", query, "report-accounts"));
        return "accounts/report-portfolio";
    }

    @GetMapping("/accounts/report.pdf")
    ResponseEntity<byte[]> portfolioPdf(Viewer viewer, @RequestParam(required = false) Long owner, @RequestParam(required = false) String segment,
                                        @RequestParam(required = false) String band, @RequestParam(defaultValue = "health") String sort,
                                        @RequestParam(defaultValue = "false") boolean desc,
                                        @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        Map<String, Object> model = portfolio(viewer, new PortfolioFilter(owner, segment, band, sort, desc, 1), asOf);
        return pdf("accounts/report-portfolio", model, "portfolio-" + ((Portfolio) model.get("p")).asOf() + ".pdf");
    }

    private Map<String, Object> account(Viewer viewer, long id, LocalDate asOf) {
        AccountDetails details = accounts.details(viewer, id, asOf, Compare.MONTH);
        Map<String, Object> model = new HashMap<>();
        model.put("d", details);
        model.put("changes", accounts.changes(viewer, id, 50));
        model.put("generatedBy", viewer.displayName());
        model.put("generatedAt", Instant.now(clock));
        return model;
    }

    private Map<String, Object> portfolio(Viewer viewer, PortfolioFilter filter, LocalDate asOf) {
        Map<String, Object> model = new HashMap<>();
        model.put("p", accounts.portfolio(viewer, filter, asOf, REPORT_ROWS));
        model.put("limit", REPORT_ROWS);
        model.put("generatedBy", viewer.displayName());
        model.put("generatedAt", Instant.now(clock));
        return model;
    }

    /** The report's other forms: the PDF, and its main table as CSV and XLSX. */
    private static Map<String, String> downloads(String path, Map<String, String> query, String table) {
        UriComponentsBuilder pdf = UriComponentsBuilder.fromPath(path + ".pdf");
        UriComponentsBuilder csv = UriComponentsBuilder.fromPath(path);
        UriComponentsBuilder xlsx = UriComponentsBuilder.fromPath(path);
        query.forEach((k, v) -> {
            pdf.queryParam(k, v);
            csv.queryParam(k, v);
            xlsx.queryParam(k, v);
        });
        return Map.of("pdf", pdf.encode().build().toUriString(),
                "csv", csv.queryParam("export", "csv").queryParam("table", table).encode().build().toUriString(),
                "xlsx", xlsx.queryParam("export", "xlsx").queryParam("table", table).encode().build().toUriString());
    }

    private ResponseEntity<byte[]> pdf(String template, Map<String, Object> model, String fileName) {
        String html = templates.process(template, new Context(java.util.Locale.ENGLISH, model));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .body(pdf.fromHtml(html));
    }
}

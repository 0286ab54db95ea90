package dev.northstar.audit.web;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.audit.AuditEntry;
import dev.northstar.audit.AuditLog;
import dev.northstar.shared.SpreadsheetCells;
import jakarta.servlet.http.HttpServletResponse;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** The audit log for company admins: {@code /audit} with filters, and the same rows as CSV and XLSX. */
@Controller
class AuditPages {

    static final int PAGE = 100;
    static final int EXPORT_PAGE = 1_000;
    static final List<String> HEADINGS = List.of("When (UTC)", "Who", "What", "Action", "Which", "Before", "After");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private final AuditLog log;
    private final OrganizationDirectory directory;

    AuditPages(AuditLog log, OrganizationDirectory directory) {
        this.log = log;
        this.directory = directory;
    }

    /** The filters as the address holds them. */
    record Asked(String area, Long actor, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String q, Long before) {

        AuditLog.Filter filter(boolean paged) {
            return new AuditLog.Filter(area, actor, from, to, q, paged ? before : null);
        }
    }

    @GetMapping("/audit")
    String page(Viewer viewer, Asked asked, Model model) {
        AuditLog.Filter filter = asked.filter(true);
        List<AuditEntry> entries = log.entries(viewer, filter, PAGE + 1);
        model.addAttribute("entries", entries.stream().limit(PAGE).toList());
        model.addAttribute("more", entries.size() > PAGE ? entries.get(PAGE - 1).id() : null);
        model.addAttribute("areas", log.areas());
        model.addAttribute("people", directory.everyone(viewer.companyId()).stream()
                .sorted(Comparator.comparing(p -> p.ref().name())).toList());
        model.addAttribute("filter", filter);
        return "audit/audit";
    }

    /** The filtered lines, all of them (up to {@link AuditLog#LONGEST_EXPORT}), as CSV, read and written a page at a time. */
    @GetMapping("/audit.csv")
    void csv(Viewer viewer, Asked asked, HttpServletResponse response) throws IOException {
        List<AuditEntry> first = log.entries(viewer, asked.filter(false), EXPORT_PAGE); // refused before the file starts, if so
        response.setContentType("text/csv;charset=UTF-8");
        attachment(response, "audit-log.csv");
        CsvWriter csv = CsvWriter.builder().build(new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8));
        csv.writeRecord(HEADINGS);
        eachPage(viewer, asked, first, page -> page.forEach(entry -> csv.writeRecord(row(entry).stream().map(SpreadsheetCells::text).toList())));
        csv.flush();
    }

    /** The same lines as the CSV, as an XLSX workbook of one sheet (text cells, which a spreadsheet never runs as formulas). */
    @GetMapping("/audit.xlsx")
    void xlsx(Viewer viewer, Asked asked, HttpServletResponse response) throws IOException {
        List<AuditEntry> first = log.entries(viewer, asked.filter(false), EXPORT_PAGE);
        response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        attachment(response, "audit-log.xlsx");
        Workbook workbook = new Workbook(response.getOutputStream(), "Northstar", "1.0");
        Worksheet sheet = workbook.newWorksheet("Audit log");
        for (int column = 0; column < HEADINGS.size(); column++) {
            sheet.value(0, column, HEADINGS.get(column));
            sheet.style(0, column).bold().set();
        }
        int[] written = {0};
        eachPage(viewer, asked, first, page -> {
            for (AuditEntry entry : page) {
                written[0]++;
                List<String> row = row(entry);
                for (int column = 0; column < row.size(); column++) {
                    sheet.value(written[0], column, row.get(column));
                }
            }
            flush(sheet); // rows leave memory as each page is written
        });
        workbook.finish();
    }

    /** Hands over the pages of the filtered log, newest first, up to {@link AuditLog#LONGEST_EXPORT} lines in all. */
    private void eachPage(Viewer viewer, Asked asked, List<AuditEntry> first, Consumer<List<AuditEntry>> write) {
        List<AuditEntry> page = first;
        int written = 0;
        while (!page.isEmpty() && written < AuditLog.LONGEST_EXPORT) {
            write.accept(page);
            written += page.size();
            if (page.size() < EXPORT_PAGE) {
                return;
            }
            AuditLog.Filter next = new AuditLog.Filter(asked.area(), asked.actor(), asked.from(), asked.to(), asked.q(),
                    page.get(page.size() - 1).id());
            page = log.entries(viewer, next, EXPORT_PAGE);
        }
    }

    private static void flush(Worksheet sheet) {
        try {
            sheet.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A row as both downloads write it (the CSV also makes formula-looking text harmless). */
    static List<String> row(AuditEntry entry) {
        return List.of(WHEN.format(entry.at()), entry.actor(), entry.area(), entry.action(),
                entry.label() == null ? (entry.recordId() == null ? "" : "#" + entry.recordId()) : entry.label(),
                columns(entry.before()), columns(entry.after()));
    }

    /** "name: Enterprise; archived_at: null". */
    static String columns(Map<String, Object> values) {
        return values.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
    }

    private static void attachment(HttpServletResponse response, String filename) {
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString());
    }
}

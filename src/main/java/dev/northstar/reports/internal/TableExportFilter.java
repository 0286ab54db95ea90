package dev.northstar.reports.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * {@code ?export=csv|xlsx&table=<id or number>} on any page: the page is rendered as it would be for the person (behind
 * the security filters, so its own access checks apply), and instead of the HTML they get that table as a file. A page
 * that is refused, redirects or fails answers as it would have; a table that is not on the page is a 404.
 */
@Component
class TableExportFilter extends OncePerRequestFilter {

    static final String FORMAT = "export";
    static final String TABLE = "table";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"GET".equals(request.getMethod()) || request.getParameter(FORMAT) == null || path.startsWith("/api/")
                || path.startsWith("/assets/") || path.startsWith("/webjars/") || path.startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String format = request.getParameter(FORMAT).toLowerCase(Locale.ROOT);
        String key = request.getParameter(TABLE);
        if (!format.equals("csv") && !format.equals("xlsx") || key == null || key.isBlank()) {
            plain(response, HttpServletResponse.SC_BAD_REQUEST, "Ask for export=csv or export=xlsx, and table=<the table's id or number>.");
            return;
        }
        ContentCachingResponseWrapper page = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, page);
        String type = page.getContentType();
        if (page.getStatus() != HttpServletResponse.SC_OK || type == null || !type.startsWith("text/html")) {
            page.copyBodyToResponse(); // refused, redirected, failed: as the page would have answered
            return;
        }
        Document html = Jsoup.parse(new String(page.getContentAsByteArray(), StandardCharsets.UTF_8));
        var table = HtmlTable.find(html, key);
        if (table.isEmpty()) {
            plain(response, HttpServletResponse.SC_NOT_FOUND, "This page has no table " + key + ".");
            return;
        }
        List<List<String>> rows = HtmlTable.rows(table.get());
        String title = HtmlTable.title(html);
        String name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        response.setContentType(format.equals("csv") ? "text/csv;charset=UTF-8"
                : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename((name.isEmpty() ? "table" : name) + "." + format, StandardCharsets.UTF_8).build().toString());
        if (format.equals("csv")) {
            TableFiles.csv(rows, response.getOutputStream());
        } else {
            TableFiles.xlsx(rows, title, response.getOutputStream());
        }
    }

    private static void plain(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write(message);
    }
}

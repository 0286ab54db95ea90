package dev.northstar.reports.internal;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table of a rendered page as rows of text, as a person reads it: the header row, then the body and footer rows.
 * Columns without a heading (a row's buttons) are left out; form controls count as their value, a ticked box as "yes".
 * A cell's {@code data-value} attribute, where a template gives one, is its raw value.
 */
final class HtmlTable {

    private HtmlTable() {
    }

    /** The table with this id, or else the n-th table of the page (from 0), as the page's script numbers them. */
    static Optional<Element> find(Document page, String key) {
        Element byId = page.getElementById(key);
        if (byId != null && byId.tagName().equals("table")) {
            return Optional.of(byId);
        }
        Elements tables = page.select("table");
        try {
            int index = Integer.parseInt(key);
            return index >= 0 && index < tables.size() ? Optional.of(tables.get(index)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<List<String>> rows(Element table) {
        List<Element> headerRows = table.select(":root > thead > tr");
        List<Element> bodyRows = new ArrayList<>(table.select(":root > tbody > tr, :root > tr"));
        bodyRows.addAll(table.select(":root > tfoot > tr"));
        if (headerRows.isEmpty() && !bodyRows.isEmpty() && bodyRows.get(0).select(":root > td").isEmpty()) {
            headerRows = List.of(bodyRows.remove(0)); // a first row of th cells only is the heading
        }
        List<String> heading = headerRows.isEmpty() ? List.of() : cells(headerRows.get(headerRows.size() - 1), true);
        List<Boolean> kept = new ArrayList<>();
        for (String title : heading) {
            kept.add(!title.isBlank());
        }
        List<List<String>> rows = new ArrayList<>();
        if (!heading.isEmpty()) {
            rows.add(keep(heading, kept));
        }
        for (Element row : bodyRows) {
            rows.add(keep(cells(row, false), kept));
        }
        return rows;
    }

    private static List<String> keep(List<String> cells, List<Boolean> kept) {
        if (kept.isEmpty()) {
            return cells;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (i >= kept.size() || kept.get(i)) {
                out.add(cells.get(i));
            }
        }
        return out;
    }

    /** A row's cells, each spanning as many columns as its colspan (the text in the first). */
    private static List<String> cells(Element row, boolean heading) {
        List<String> cells = new ArrayList<>();
        for (Element cell : row.select(":root > td, :root > th")) {
            cells.add(text(cell, heading));
            int span = cell.hasAttr("colspan") ? parse(cell.attr("colspan")) : 1;
            for (int i = 1; i < span; i++) {
                cells.add("");
            }
        }
        return cells;
    }

    private static String text(Element cell, boolean heading) {
        if (cell.hasAttr("data-value")) {
            return cell.attr("data-value");
        }
        Element copy = cell.clone();
        // A heading read only by screen readers ("Actions") marks a column of buttons, which is left out.
        copy.select("button, script, style, template, input[type=hidden]" + (heading ? ", .sr-only" : "")).remove();
        for (Element select : copy.select("select")) {
            Element chosen = select.selectFirst("option[selected]");
            select.replaceWith(new org.jsoup.nodes.TextNode(chosen == null ? "" : chosen.text()));
        }
        for (Element input : copy.select("input, textarea")) {
            String type = input.attr("type");
            String value = type.equals("checkbox") || type.equals("radio") ? (input.hasAttr("checked") ? "yes" : "")
                    : input.tagName().equals("textarea") ? input.text() : input.attr("value");
            input.replaceWith(new org.jsoup.nodes.TextNode(value));
        }
        return copy.text().strip();
    }

    private static int parse(String number) {
        try {
            return Math.max(1, Math.min(100, Integer.parseInt(number.strip())));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    /** The page's title without the product's name, for the file's name. */
    static String title(Document page) {
        String title = page.title().replace("· Northstar", "").strip();
        return title.isEmpty() ? "table" : title;
    }
}

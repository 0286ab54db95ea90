package dev.northstar.accounts.web;

import dev.northstar.accounts.PortfolioFilter;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;

/** Links of the portfolio page that keep its filters: a column's sort (again: the other way) and a page number. */
public record PortfolioLinks(PortfolioFilter filter, LocalDate asOf) {

    public String sort(String key) {
        boolean desc = key.equals(filter.sort()) ? !filter.descending() : !key.equals("name") && !key.equals("owner");
        return link(key, desc, 1);
    }

    public String page(int page) {
        return link(filter.sort(), filter.descending(), page);
    }

    /** The portfolio report with the same filters and order. */
    public String report() {
        return link(filter.sort(), filter.descending(), 1).replaceFirst("^/accounts", "/accounts/report");
    }

    /** "ascending", "descending" or "none", for the column's aria-sort. */
    public String ariaSort(String key) {
        return !key.equals(filter.sort()) ? "none" : filter.descending() ? "descending" : "ascending";
    }

    private String link(String sort, boolean desc, int page) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromPath("/accounts");
        if (filter.owner() != null) builder.queryParam("owner", filter.owner());
        if (filter.segment() != null) builder.queryParam("segment", filter.segment());
        if (filter.band() != null) builder.queryParam("band", filter.band());
        if (asOf != null) builder.queryParam("asOf", asOf);
        builder.queryParam("sort", sort).queryParam("desc", desc);
        if (page > 1) builder.queryParam("page", page);
        return builder.encode().build().toUriString();
    }
}

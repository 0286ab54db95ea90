package dev.northstar.dashboards.web;

import dev.northstar.analytics.MetricQueries;
import dev.northstar.organization.Company;
import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Period;
import dev.northstar.shared.Period.Grain;
import org.springframework.ui.Model;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.LocalDate;
import java.util.Set;

/**
 * The period and comparison a page shows, as written in its address so that a view can be bookmarked and shared:
 * {@code ?period=2026-11} (any label the calendar reads, a range too), or {@code ?grain=quarter} for the current
 * quarter, or nothing: each key metric in the current period of its tracking frequency. {@code compare=yearAgo}
 * compares with the same period a year earlier instead of the one before.
 *
 * @param period  the chosen period; null when each metric takes its own
 * @param grain   the grain picked ({@code own} for each metric's own, {@code shown} for the period in the address)
 * @param compare {@code previous} or {@code yearAgo}
 * @param sort    the progress table's sort, kept by the links that step the period
 */
public record PeriodChoice(Period period, String grain, String compare, String path, String sort) {

    /** The picker's choice that keeps the period the page shows (a period stepped to, a range, a shared link). */
    static final String SHOWN = "shown";
    static final Set<String> GRAINS = Set.of("week", "month", "quarter", "year");

    /**
     * The choice a page's address asks for ({@code path} is the page's own), put in the model for the picker: the
     * company, the choice, and the arrows to the period before and after.
     */
    static PeriodChoice onPage(Company company, LocalDate today, ScopePages.Asked asked, String path, String sort, Model model) {
        PeriodChoice choice = of(company.calendar(), today, asked.period(), asked.grain(), asked.from(), asked.to(), asked.compare(), path, sort);
        model.addAttribute("company", company);
        model.addAttribute("choice", choice);
        model.addAttribute("previousHref", choice.previousHref(company.calendar()));
        model.addAttribute("nextHref", choice.nextHref(company.calendar()));
        return choice;
    }

    static PeriodChoice of(FiscalCalendar calendar, LocalDate today, String period, String grain, String from, String to,
                           String compare, String path, String sort) {
        String comparison = "yearAgo".equals(compare) ? "yearAgo" : "previous";
        if (compare != null && !compare.isBlank() && !compare.equals(comparison)) {
            throw new InvalidInputException("compare", "must be previous or yearAgo");
        }
        // A grain picked in the form wins (the dates of a range shown may still be filled in), then a range typed, then
        // the period the page shows (stepped to, or shared as a link), then each metric's own.
        Period chosen = null;
        if (notBlank(grain) && !grain.equals("own") && !grain.equals(SHOWN)) {
            if (!GRAINS.contains(grain)) {
                throw new InvalidInputException("grain", "must be week, month, quarter or year");
            }
            chosen = calendar.period(Grain.valueOf(grain.toUpperCase()), today);
        } else if (notBlank(from) || notBlank(to)) {
            if (!notBlank(from) || !notBlank(to)) {
                throw new InvalidInputException(notBlank(from) ? "to" : "from", "a custom period needs its first and its last day");
            }
            chosen = calendar.parse(from + ".." + to);
        } else if (notBlank(period) && !"own".equals(grain)) {
            chosen = calendar.parse(period);
        }
        String picked = chosen == null ? "own" : notBlank(grain) && GRAINS.contains(grain) ? grain : SHOWN;
        return new PeriodChoice(chosen, picked, comparison, path, sort);
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    /** The period's label for the queries; null for each metric's own. */
    public String label() {
        return period == null ? null : period.label();
    }

    /** Whether the period shown is a range of days (its first and last day fill the form). */
    public boolean range() {
        return period != null && period.grain() == Grain.CUSTOM;
    }

    /** What the shown period is compared with. */
    MetricQueries.Compare comparison() {
        return yearAgo() ? MetricQueries.Compare.YEAR_AGO : MetricQueries.Compare.PREVIOUS;
    }

    public boolean yearAgo() {
        return compare.equals("yearAgo");
    }

    /** The same page for the period before the chosen one (null when each metric takes its own). */
    String previousHref(FiscalCalendar calendar) {
        return period == null ? null : href(calendar.previous(period).label(), compare, null);
    }

    /** The same page for the period after the chosen one. */
    String nextHref(FiscalCalendar calendar) {
        if (period == null) {
            return null;
        }
        Period next = period.grain() == Grain.CUSTOM ? Period.of(period.end(), period.end().plusDays(period.days() - 1))
                : calendar.period(period.grain(), period.end());
        return href(next.label(), compare, null);
    }

    /** This page sorted by another column, keeping the period and comparison. */
    public String sortHref(String sort) {
        return href(label(), compare, sort);
    }

    private String href(String label, String comparison, String sort) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath(path);
        if (label != null) {
            uri.queryParam("period", label);
        }
        if (!"previous".equals(comparison)) {
            uri.queryParam("compare", comparison);
        }
        String sorted = sort != null ? sort : this.sort;
        if (sorted != null && !sorted.isBlank()) {
            uri.queryParam("sort", sorted);
        }
        return uri.encode().build().toUriString();
    }
}

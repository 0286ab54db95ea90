package dev.northstar.accounts.web;

import dev.northstar.access.Viewer;
import dev.northstar.accounts.Account;
import dev.northstar.accounts.AccountDetails;
import dev.northstar.accounts.AccountDetails.Compare;
import dev.northstar.accounts.AccountMetric;
import dev.northstar.accounts.AccountViews;
import dev.northstar.accounts.Accounts;
import dev.northstar.accounts.Display;
import dev.northstar.accounts.Portfolio;
import dev.northstar.accounts.PortfolioFilter;
import dev.northstar.accounts.Timeline;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.InvalidInputException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts: the portfolio ({@code /accounts}), an account's summary ({@code /accounts/{id}}) and its metric details
 * with a timeline and edit history ({@code /accounts/{id}/metrics}). The services check access.
 */
@Controller
class AccountPages {

    private final Accounts accounts;
    private final AccountViews views;
    private final OrganizationService organization;
    private final JsonMapper json;

    AccountPages(Accounts accounts, AccountViews views, OrganizationService organization, JsonMapper json) {
        this.accounts = accounts;
        this.views = views;
        this.organization = organization;
        this.json = json;
    }

    @GetMapping("/accounts")
    String portfolio(Viewer viewer, @RequestParam(required = false) Long owner, @RequestParam(required = false) String segment,
                     @RequestParam(required = false) String band, @RequestParam(defaultValue = "health") String sort,
                     @RequestParam(defaultValue = "false") boolean desc, @RequestParam(defaultValue = "1") int page,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                     @RequestParam org.springframework.util.MultiValueMap<String, String> query, Model model) {
        model.addAttribute("query", query);
        PortfolioFilter filter = new PortfolioFilter(owner, segment, band, sort, desc, page);
        Portfolio portfolio = accounts.portfolio(viewer, filter, asOf);
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("views", views.list(viewer, AccountViews.Page.PORTFOLIO));
        model.addAttribute("asOfParam", asOf);
        model.addAttribute("links", new PortfolioLinks(portfolio.filter(), asOf));
        return "accounts/portfolio";
    }

    @GetMapping("/accounts/{id}")
    String summary(Viewer viewer, @PathVariable long id, Model model) {
        AccountDetails details = accounts.details(viewer, id, null, Compare.MONTH);
        model.addAttribute("d", details);
        model.addAttribute("title", details.account().name());
        return "accounts/account";
    }

    @GetMapping("/accounts/{id}/metrics")
    String details(Viewer viewer, @PathVariable long id,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
                   @RequestParam(defaultValue = "today") String show, @RequestParam(required = false) List<Long> family,
                   @RequestParam(required = false) String metric, @RequestParam(defaultValue = "12") int months,
                   @RequestParam org.springframework.util.MultiValueMap<String, String> query, Model model) {
        model.addAttribute("query", query);
        if (months < 1 || months > 60) {
            throw new InvalidInputException("months", "must be from 1 to 60");
        }
        AccountDetails details = accounts.details(viewer, id, asOf, Compare.of(show));
        model.addAttribute("d", details);
        model.addAttribute("title", details.account().name() + ": metric details");
        model.addAttribute("families", family == null ? List.of() : family);
        model.addAttribute("show", details.comparedWith().key());
        model.addAttribute("months", months);
        model.addAttribute("asOfParam", asOf);
        model.addAttribute("views", views.list(viewer, AccountViews.Page.DETAILS));
        AccountMetric chosen = details.readings().stream().map(r -> r.metric())
                .filter(m -> metric == null ? m.topPosition() != null && m.topPosition() == 1 : m.key().equals(metric))
                .findFirst().orElse(details.readings().isEmpty() ? null : details.readings().get(0).metric());
        if (chosen != null) {
            YearMonth to = YearMonth.from(details.asOf());
            Timeline timeline = accounts.timeline(viewer, id, chosen.key(), to.minusMonths(months - 1L), to);
            model.addAttribute("timeline", timeline);
            model.addAttribute("chart", chart(timeline));
            model.addAttribute("chosen", chosen);
        }
        return "accounts/metrics";
    }

    @PostMapping("/accounts/{id}/metrics/{key}/value")
    String setValue(Viewer viewer, @PathVariable long id, @PathVariable String key, @RequestParam String day,
                    @RequestParam(required = false) String value, RedirectAttributes redirect) {
        AccountMetric metric = accounts.metric(viewer, id, key);
        try {
            accounts.setValue(viewer, id, key, parseDay(day), number(value, metric.display()));
            redirect.addFlashAttribute("message", metric.name() + " recorded for " + day + ".");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "Not recorded: " + e.getMessage());
        }
        return "redirect:/accounts/" + id + "/metrics?metric=" + key;
    }

    @PostMapping("/accounts/{id}/metrics/{key}/target")
    String setTarget(Viewer viewer, @PathVariable long id, @PathVariable String key, @RequestParam(required = false) String target,
                     RedirectAttributes redirect) {
        AccountMetric metric = accounts.metric(viewer, id, key);
        try {
            accounts.setTarget(viewer, id, key, number(target, metric.display()));
            redirect.addFlashAttribute("message", "The target of " + metric.name() + " for this account is "
                    + (target == null || target.isBlank() ? "the default again." : "set."));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "Not set: " + e.getMessage());
        }
        return "redirect:/accounts/" + id + "/metrics?metric=" + key;
    }

    /** Saves the page's current filters as a named view of the person's own; {@code back} is the page to return to. */
    @PostMapping("/accounts/views")
    String saveView(Viewer viewer, @RequestParam String viewOf, @RequestParam String name, @RequestParam String back,
                    @RequestParam org.springframework.util.MultiValueMap<String, String> fields, RedirectAttributes redirect) {
        AccountViews.Page which = AccountViews.Page.of(viewOf);
        if (which == null) {
            throw new InvalidInputException("viewOf", "must be details or portfolio");
        }
        try {
            views.save(viewer, which, name, fields);
            redirect.addFlashAttribute("message", "View \u201c" + name.strip() + "\u201d saved.");
        } catch (InvalidInputException | dev.northstar.shared.ConflictException e) {
            redirect.addFlashAttribute("error", "Not saved: " + e.getMessage());
        }
        return "redirect:" + localPath(back);
    }

    @PostMapping("/accounts/views/{viewId}/delete")
    String deleteView(Viewer viewer, @PathVariable long viewId, @RequestParam String back, RedirectAttributes redirect) {
        views.delete(viewer, viewId);
        redirect.addFlashAttribute("message", "View removed.");
        return "redirect:" + localPath(back);
    }

    /** Only a path of this application's accounts pages, so that a form cannot send anyone elsewhere. */
    private static String localPath(String back) {
        return back != null && back.matches("/accounts(/[0-9]+/metrics)?") ? back : "/accounts";
    }

    private static LocalDate parseDay(String day) {
        try {
            return LocalDate.parse(day.strip());
        } catch (RuntimeException e) {
            throw new InvalidInputException("day", "is not a date written 2026-03-31: " + day);
        }
    }

    /** A number as typed in a form: percentages in percent (95 is 95 %), blank for none. */
    static BigDecimal number(String text, Display display) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(text.strip().replace(",", "").replace("%", "").strip());
            return display == Display.PERCENT ? value.movePointLeft(2) : value;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("value", "is not a number: " + text);
        }
    }

    /** The timeline's numbers for metric-chart.js: percentages in percent. */
    private String chart(Timeline timeline) {
        boolean percent = timeline.metric().display() == Display.PERCENT;
        List<String> periods = new ArrayList<>();
        List<BigDecimal> values = new ArrayList<>();
        List<BigDecimal> targets = new ArrayList<>();
        for (Timeline.Point p : timeline.points()) {
            periods.add(p.day().toString());
            values.add(p.value() == null ? null : percent ? p.value().movePointRight(2) : p.value());
            targets.add(p.target() == null ? null : percent ? p.target().movePointRight(2) : p.target());
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("periods", periods);
        data.put("values", values);
        data.put("targets", targets);
        data.put("suffix", percent ? " %" : "");
        return json.writeValueAsString(data);
    }
}

package dev.northstar.dashboards.web;

import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.Compare;
import dev.northstar.analytics.MetricQueries.Overview;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Home, a person's profile, and the team, department and company pages. Each asks {@link MetricQueries#overview} one
 * question, which refuses a scope outside the viewer's before anything is read; the names come from the
 * organization, which checks the same policy.
 */
@Controller
// One snapshot per page, from the names to the numbers, and what the questions share (the company, its metrics) read
// once; the page is rendered after the handler returns, outside the transaction.
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class ScopePages {

    /** Periods in a card's trail. */
    static final int TRAIL = 8;
    static final int LEADERBOARD = 10;

    private final MetricQueries queries;
    private final OrganizationService organization;

    ScopePages(MetricQueries queries, OrganizationService organization) {
        this.queries = queries;
        this.organization = organization;
    }

    /** The address's choices: period, grain, custom range, comparison and sort. */
    public record Asked(String period, String grain, String from, String to, String compare, String sort) {
    }

    @GetMapping("/")
    String home(Viewer viewer, Asked asked, Model model) {
        Person me = organization.person(viewer, viewer.personId());
        model.addAttribute("teams", organization.teams(viewer));
        model.addAttribute("departments", organization.departments(viewer));
        return page(viewer, me, "/", asked, model);
    }

    @GetMapping("/people/{id}")
    String profile(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        Person person = organization.person(viewer, id);
        return page(viewer, person, "/people/" + id, asked, model);
    }

    /** Home and profiles: one person's page, with what Home adds for oneself (what I can see). */
    private String page(Viewer viewer, Person person, String path, Asked asked, Model model) {
        Scope team = person.teamId() == null ? null : new Scope.Team(person.teamId());
        model.addAttribute("person", person);
        model.addAttribute("mine", person.id() == viewer.personId());
        show(viewer, new Scope.Person(person.id()), team, path, asked, model);
        return "dashboards/home";
    }

    @GetMapping("/teams/{id}")
    String team(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        Scope scope = new Scope.Team(id);
        var team = organization.team(viewer, id);
        model.addAttribute("title", team.name() + " team");
        model.addAttribute("subtitle", team.departmentName() + " department");
        model.addAttribute("up", Map.of("name", team.departmentName(), "href", "/departments/" + team.departmentId()));
        model.addAttribute("childWord", "Member");
        show(viewer, scope, scope, "/teams/" + id, asked, model);
        return "dashboards/scope";
    }

    @GetMapping("/departments/{id}")
    String department(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        Scope scope = new Scope.Department(id);
        var department = organization.department(viewer, id);
        model.addAttribute("title", department.name() + " department");
        model.addAttribute("subtitle", "Teams of the department");
        model.addAttribute("up", Map.of("name", "Company", "href", "/company"));
        model.addAttribute("childWord", "Team");
        show(viewer, scope, scope, "/departments/" + id, asked, model);
        return "dashboards/scope";
    }

    @GetMapping("/company")
    String company(Viewer viewer, Asked asked, Model model) {
        model.addAttribute("title", organization.company(viewer).name());
        model.addAttribute("subtitle", "Departments of the company");
        model.addAttribute("childWord", "Department");
        show(viewer, Scope.COMPANY, Scope.COMPANY, "/company", asked, model);
        return "dashboards/scope";
    }

    private void show(Viewer viewer, Scope scope, Scope leaderboardScope, String path, Asked asked, Model model) {
        Company company = organization.company(viewer);
        Map<String, String> kept = new HashMap<>();
        if (asked.sort() != null) {
            kept.put("sort", asked.sort());
        }
        PeriodChoice choice = PeriodChoice.of(company.calendar(), organization.today(viewer), asked.period(), asked.grain(), asked.from(),
                asked.to(), asked.compare(), path, kept);
        Overview overview = queries.overview(viewer, scope, choice.label(), choice.yearAgo() ? Compare.YEAR_AGO : Compare.PREVIOUS,
                TRAIL, leaderboardScope, LEADERBOARD);
        Numbers numbers = Numbers.of(company.currency());
        List<Views.Card> cards = Views.cards(overview, numbers, company.calendar());
        model.addAttribute("company", company);
        model.addAttribute("choice", choice);
        model.addAttribute("previousHref", choice.previousHref(company.calendar()));
        model.addAttribute("nextHref", choice.nextHref(company.calendar()));
        model.addAttribute("cards", cards);
        model.addAttribute("toDo", Views.toDo(cards));
        model.addAttribute("columns", overview.keyMetrics().stream().map(m -> m.reading()).toList());
        model.addAttribute("sort", asked.sort());
        model.addAttribute("rows", Views.progress(overview, numbers, asked.sort()));
        model.addAttribute("behind", Views.behind(overview, numbers));
        model.addAttribute("board", Views.board(overview, numbers, new Scope.Person(viewer.personId()).key()));
    }
}

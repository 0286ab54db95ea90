package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.Overview;
import dev.northstar.ingest.ActivityIngest;
import dev.northstar.ingest.Deals;
import dev.northstar.organization.Company;
import dev.northstar.organization.Department;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.Team;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

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
    /** Activities and wins listed on a person's page. */
    static final int RECENT = 5;
    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");

    private final MetricQueries queries;
    private final OrganizationService organization;
    private final AccessPolicy policy;
    private final ActivityIngest activities;
    private final Deals deals;

    ScopePages(MetricQueries queries, OrganizationService organization, AccessPolicy policy, ActivityIngest activities, Deals deals) {
        this.queries = queries;
        this.organization = organization;
        this.policy = policy;
        this.activities = activities;
        this.deals = deals;
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

    /**
     * Home and profiles: one person's page. Home adds what the viewer can see and their place on the team's
     * leaderboard; a profile marks the person's row there instead.
     */
    private String page(Viewer viewer, Person person, String path, Asked asked, Model model) {
        boolean home = path.equals("/");
        Scope team = person.teamId() == null ? null : new Scope.Team(person.teamId());
        model.addAttribute("person", person);
        model.addAttribute("mine", home);
        model.addAttribute("departmentLink", person.departmentId() == null ? null : visible(viewer, new Scope.Department(person.departmentId())));
        model.addAttribute("recentActivities", activities.activitiesOf(viewer, person.id(), Instant.EPOCH, FAR_FUTURE, RECENT));
        model.addAttribute("recentWins", deals.recentWins(viewer, person.id(), RECENT).stream().map(w -> new Win(w.name() == null ? "A deal" : w.name(),
                w.closedOn().toString(), w.amount() == null ? null : Numbers.money(w.amount(), w.currency()))).toList());
        model.addAttribute("zone", java.time.ZoneId.of(organization.company(viewer).timeZone()));
        show(viewer, new Scope.Person(person.id()), team, path, asked, model, new Scope.Person(person.id()), home);
        return "dashboards/home";
    }

    @GetMapping("/teams/{id}")
    String team(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        Team team = organization.team(viewer, id);
        Scope up = new Scope.Department(team.departmentId());
        return scopePage(viewer, new Scope.Team(id), team.name() + " team", team.departmentName() + " department",
                visible(viewer, up) == null ? null : new Up(team.departmentName(), Views.href(up.key())), "Member", asked, model);
    }

    @GetMapping("/departments/{id}")
    String department(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        Department department = organization.department(viewer, id);
        return scopePage(viewer, new Scope.Department(id), department.name() + " department", "Teams of the department",
                new Up("Company", "/company"), "Team", asked, model);
    }

    @GetMapping("/company")
    String company(Viewer viewer, Asked asked, Model model) {
        return scopePage(viewer, Scope.COMPANY, organization.company(viewer).name(), "Departments of the company", null, "Department",
                asked, model);
    }

    /** A won deal on a person's page. */
    public record Win(String name, String closedOn, String amount) {
    }

    /** The link from a page to the one above it. */
    public record Up(String name, String href) {
    }

    /** A team's, department's or company's page: its numbers and its children's, named as {@code childWord}. */
    private String scopePage(Viewer viewer, Scope scope, String title, String subtitle, Up up, String childWord, Asked asked, Model model) {
        model.addAttribute("title", title);
        model.addAttribute("subtitle", subtitle);
        model.addAttribute("up", up);
        model.addAttribute("childWord", childWord);
        model.addAttribute("treeHref", Views.href(scope.key()) + "/tree");
        show(viewer, scope, scope, Views.href(scope.key()), asked, model, new Scope.Person(viewer.personId()), true);
        return "dashboards/scope";
    }

    /** The scope's page address when the viewer may open it (no link to a page that would refuse them), else null. */
    private String visible(Viewer viewer, Scope scope) {
        return policy.scope(viewer, scope, Action.VIEW).allowed() ? Views.href(scope.key()) : null;
    }

    private void show(Viewer viewer, Scope scope, Scope leaderboardScope, String path, Asked asked, Model model, Scope highlighted,
                      boolean own) {
        Company company = organization.company(viewer);
        PeriodChoice choice = PeriodChoice.onPage(company, organization.today(viewer), asked, path, asked.sort(), model);
        Overview overview = queries.overview(viewer, scope, choice.label(), choice.comparison(),
                TRAIL, leaderboardScope, LEADERBOARD);
        Numbers numbers = Numbers.of(company.currency());
        List<Views.Card> cards = Views.cards(overview, numbers, company.calendar());
        model.addAttribute("cards", cards);
        model.addAttribute("toDo", Views.toDo(cards));
        model.addAttribute("columns", overview.keyMetrics().stream().map(m -> m.reading()).toList());
        model.addAttribute("sort", asked.sort());
        model.addAttribute("rows", Views.progress(overview, numbers, asked.sort()));
        model.addAttribute("behind", Views.behind(overview, numbers));
        model.addAttribute("multiples", Views.multiples(overview, numbers));
        model.addAttribute("multiplesMetric", cards.isEmpty() ? null : cards.get(0).name());
        model.addAttribute("board", Views.board(overview, numbers, highlighted.key(), own));
    }
}

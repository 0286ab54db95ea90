package dev.northstar.dashboards.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricQueries.KeyMetricTrail;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.dashboards.web.AudienceDashboards.Audience;
import dev.northstar.dashboards.web.AudienceDashboards.Dashboard;
import dev.northstar.dashboards.web.ScopePages.Asked;
import dev.northstar.organization.VisibleScopes.Choice;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.VisibleScopes;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Audience dashboards: the list ({@code /dashboards}), a dashboard for a scope ({@code /dashboards/executive/company},
 * its operating metrics apart from its reporting ones, seed 002), and the admins' form to make, change and delete
 * shared dashboards. The numbers come from {@link MetricQueries}, which refuses a scope outside the viewer's.
 */
@Controller
class DashboardPages {

    private final AudienceDashboards dashboards;
    private final MetricQueries queries;
    private final MetricCatalog catalog;
    private final OrganizationService organization;
    private final AccessPolicy policy;
    private final VisibleScopes visibleScopes;

    DashboardPages(AudienceDashboards dashboards, MetricQueries queries, MetricCatalog catalog, OrganizationService organization,
                   AccessPolicy policy, VisibleScopes visibleScopes) {
        this.dashboards = dashboards;
        this.queries = queries;
        this.catalog = catalog;
        this.organization = organization;
        this.policy = policy;
        this.visibleScopes = visibleScopes;
    }

    @GetMapping("/dashboards")
    String list(Viewer viewer, Model model) {
        model.addAttribute("dashboards", dashboards.visible(viewer));
        model.addAttribute("scopes", scopes(viewer));
        model.addAttribute("homeScope", homeScope(viewer).key());
        formModel(viewer, null, model);
        return "dashboards/dashboards";
    }

    @GetMapping("/dashboards/{dashboard}")
    String atHome(Viewer viewer, @PathVariable String dashboard) {
        return "redirect:" + dashboards.find(viewer, dashboard).href() + "/" + homeScope(viewer).key();
    }

    @GetMapping("/dashboards/{dashboard}/{scope:company|department:\\d+|team:\\d+|person:\\d+}")
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public String show(Viewer viewer, @PathVariable String dashboard, @PathVariable String scope, Asked asked, Model model) {
        Dashboard shown = dashboards.find(viewer, dashboard);
        Scope at = Scope.parse(scope);
        Company company = organization.company(viewer);
        String path = shown.href() + "/" + at.key();
        PeriodChoice choice = PeriodChoice.onPage(company, organization.today(viewer), asked, path, null, model);
        List<KeyMetricTrail> metrics = queries.withTrails(viewer, at, shown.metrics(), choice.label(),
                choice.comparison(), ScopePages.TRAIL);
        Numbers numbers = Numbers.of(company.currency());
        Map<String, MetricDefinition> definitions = new LinkedHashMap<>();
        catalog.all(viewer.companyId()).forEach(m -> definitions.put(m.key(), m));
        List<Views.Card> operating = new ArrayList<>();
        List<Views.Card> reporting = new ArrayList<>();
        for (KeyMetricTrail metric : metrics) {
            Views.Card card = Views.card(metric, numbers, company.calendar(),
                    Views.metricHref(at.key(), metric.reading().metric(), metric.reading().period()));
            boolean steered = definitions.get(metric.reading().metric()).purpose() == MetricDefinition.Purpose.OPERATING;
            (steered ? operating : reporting).add(card);
        }
        List<Choice> scopes = scopes(viewer);
        model.addAttribute("dashboard", shown);
        model.addAttribute("scopeName", scopes.stream().filter(c -> c.scope().equals(at.key())).map(Choice::name).findFirst().orElse(at.key()));
        model.addAttribute("scopes", scopes);
        model.addAttribute("scopeKey", at.key());
        model.addAttribute("operating", operating);
        model.addAttribute("reporting", reporting);
        return "dashboards/dashboard";
    }

    @GetMapping("/dashboards/{id:\\d+}/edit")
    String edit(Viewer viewer, @PathVariable long id, Model model) {
        policy.companyData(viewer, "change dashboards").orRefuse();
        formModel(viewer, dashboards.find(viewer, String.valueOf(id)), model);
        return "dashboards/dashboard-form";
    }

    @PostMapping("/dashboards")
    String create(Viewer viewer, @RequestParam String name, @RequestParam String audience, @RequestParam(required = false) List<String> metrics,
                  @RequestParam(required = false) String sharedWith, RedirectAttributes redirect) {
        return save(viewer, null, name, audience, metrics, sharedWith, redirect);
    }

    @PostMapping("/dashboards/{id:\\d+}")
    String update(Viewer viewer, @PathVariable long id, @RequestParam String name, @RequestParam String audience,
                  @RequestParam(required = false) List<String> metrics, @RequestParam(required = false) String sharedWith,
                  RedirectAttributes redirect) {
        return save(viewer, id, name, audience, metrics, sharedWith, redirect);
    }

    @PostMapping("/dashboards/{id:\\d+}/delete")
    String delete(Viewer viewer, @PathVariable long id, RedirectAttributes redirect) {
        String name = dashboards.find(viewer, String.valueOf(id)).name();
        dashboards.delete(viewer, id);
        redirect.addFlashAttribute("message", "The dashboard '" + name + "' is deleted.");
        return "redirect:/dashboards";
    }

    private String save(Viewer viewer, Long id, String name, String audience, List<String> metrics, String sharedWith,
                        RedirectAttributes redirect) {
        try {
            Dashboard saved = dashboards.save(viewer, id, name, audience, metrics, sharedWith);
            redirect.addFlashAttribute("message", "The dashboard '" + saved.name() + "' is saved.");
            return "redirect:" + saved.href() + "/" + saved.sharedWith(); // where it is shared: whom it is for
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + (id == null ? "/dashboards" : "/dashboards/" + id + "/edit");
        }
    }

    private void formModel(Viewer viewer, Dashboard editing, Model model) {
        model.addAttribute("editing", editing);
        model.addAttribute("audiences", Audience.values());
        model.addAttribute("catalog", catalog.all(viewer.companyId()));
        model.addAttribute("shareScopes", scopes(viewer).stream().filter(c -> !c.scope().startsWith("person:")).toList());
        model.addAttribute("executiveMost", AudienceDashboards.EXECUTIVE_MOST);
    }

    /** Where a dashboard opens: an admin's company, a manager's department, a lead's or member's team, else oneself. */
    private Scope homeScope(Viewer viewer) {
        if (viewer.admin()) {
            return Scope.COMPANY;
        }
        if (!viewer.managedDepartmentIds().isEmpty()) {
            return new Scope.Department(viewer.managedDepartmentIds().stream().sorted().findFirst().orElseThrow());
        }
        if (!viewer.ledTeamIds().isEmpty()) {
            return new Scope.Team(viewer.ledTeamIds().stream().sorted().findFirst().orElseThrow());
        }
        return viewer.teamId() != null ? new Scope.Team(viewer.teamId()) : new Scope.Person(viewer.personId());
    }

    /** The scopes the viewer may look at: the company, their departments and teams, and themselves. */
    private List<Choice> scopes(Viewer viewer) {
        List<Choice> scopes = new ArrayList<>(visibleScopes.of(viewer));
        scopes.add(new Choice(new Scope.Person(viewer.personId()).key(), "Me"));
        return scopes;
    }
}

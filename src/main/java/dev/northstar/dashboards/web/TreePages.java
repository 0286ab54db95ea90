package dev.northstar.dashboards.web;

import dev.northstar.access.Viewer;
import dev.northstar.analytics.MetricQueries;
import dev.northstar.analytics.MetricReading;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Area;
import dev.northstar.dashboards.web.ScopePages.Asked;
import dev.northstar.organization.Company;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.Scope;
import dev.northstar.targets.Status;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The KPI tree (seed 002): the operating outcome branched into acquisition, conversion, activation, retention,
 * expansion and operations, each with its metrics nested by their parent metric, every node with its value and status
 * for the scope, and a click opening the metric's page. Drawn with ECharts, and listed as nested links for keyboards
 * and screen readers.
 */
@Controller
@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
class TreePages {

    private final MetricQueries queries;
    private final MetricCatalog catalog;
    private final OrganizationService organization;
    private final JsonMapper json;

    TreePages(MetricQueries queries, MetricCatalog catalog, OrganizationService organization, JsonMapper json) {
        this.queries = queries;
        this.catalog = catalog;
        this.organization = organization;
        this.json = json;
    }

    /** A node of the tree: an area or a metric, with its value and status in words, and its page. */
    public record Node(String name, String key, String href, String value, Status status, List<Node> children) {

        int leaves() {
            return children.isEmpty() ? 1 : children.stream().mapToInt(Node::leaves).sum();
        }
    }

    @GetMapping("/company/tree")
    String company(Viewer viewer, Asked asked, Model model) {
        return page(viewer, Scope.COMPANY, organization.company(viewer).name(), asked, model);
    }

    @GetMapping("/departments/{id}/tree")
    String department(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        return page(viewer, new Scope.Department(id), organization.department(viewer, id).name() + " department", asked, model);
    }

    @GetMapping("/teams/{id}/tree")
    String team(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        return page(viewer, new Scope.Team(id), organization.team(viewer, id).name() + " team", asked, model);
    }

    @GetMapping("/people/{id}/tree")
    String person(Viewer viewer, @PathVariable long id, Asked asked, Model model) {
        return page(viewer, new Scope.Person(id), organization.person(viewer, id).displayName(), asked, model);
    }

    private String page(Viewer viewer, Scope scope, String scopeName, Asked asked, Model model) {
        Company company = organization.company(viewer);
        String path = Views.href(scope.key()) + "/tree";
        PeriodChoice choice = PeriodChoice.onPage(company, organization.today(viewer), asked, path, null, model);
        List<MetricDefinition> metrics = catalog.all(viewer.companyId());
        List<MetricReading> readings = queries.readings(viewer, scope, metrics.stream().map(MetricDefinition::key).toList(), choice.label());
        Map<String, MetricReading> byKey = new LinkedHashMap<>();
        readings.forEach(r -> byKey.put(r.metric(), r));
        Numbers numbers = Numbers.of(company.currency());
        List<Node> areas = new ArrayList<>();
        for (Area area : Area.values()) {
            List<Node> roots = metrics.stream()
                    .filter(m -> m.area() == area && (m.parentKey() == null || metrics.stream().noneMatch(p -> p.key().equals(m.parentKey()))))
                    .map(m -> node(m, metrics, byKey, scope, numbers, new HashSet<>())).toList();
            if (!roots.isEmpty()) {
                areas.add(new Node(FormulaWords.capitalized(area), null, null, null, null, roots));
            }
        }
        Node root = new Node(scopeName, null, null, null, null, areas);
        model.addAttribute("scopeName", scopeName);
        model.addAttribute("scopeHref", Views.href(scope.key()));
        model.addAttribute("root", root);
        model.addAttribute("chart", json.writeValueAsString(chartNode(root)));
        model.addAttribute("chartHeight", Math.max(420, root.leaves() * 34));
        return "dashboards/tree";
    }

    /** A metric and the metrics whose parent it is, each once (a parent cycle stops where it comes round). */
    private static Node node(MetricDefinition metric, List<MetricDefinition> metrics, Map<String, MetricReading> readings, Scope scope,
                             Numbers numbers, Set<String> above) {
        above.add(metric.key());
        List<Node> children = metrics.stream().filter(m -> metric.key().equals(m.parentKey()) && !above.contains(m.key()))
                .map(m -> node(m, metrics, readings, scope, numbers, new HashSet<>(above))).toList();
        MetricReading reading = readings.get(metric.key());
        return new Node(metric.name(), metric.key(), Views.metricHref(scope.key(), metric.key(), reading.period()),
                numbers.format(reading.value(), reading.unit(), reading.decimals()), reading.pace().status(), children);
    }

    /** The node as ECharts' tree series takes it: its label says the value and the status in words. */
    private static Map<String, Object> chartNode(Node node) {
        Map<String, Object> chart = new LinkedHashMap<>();
        chart.put("name", node.status() == null ? node.name() : node.name() + "  " + node.value() + " · " + node.status().word());
        if (node.href() != null) {
            chart.put("href", node.href());
        }
        chart.put("status", node.status() == null ? "AREA" : node.status().name());
        chart.put("children", node.children().stream().map(TreePages::chartNode).toList());
        return chart;
    }
}

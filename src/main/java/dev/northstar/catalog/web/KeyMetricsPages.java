package dev.northstar.catalog.web;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.ResolvedKeyMetrics;
import dev.northstar.catalog.ResolvedKeyMetrics.KeyMetric;
import dev.northstar.catalog.ResolvedKeyMetrics.Origin;
import dev.northstar.catalog.TrackingFrequencies;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import dev.northstar.organization.Department;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.PersonName;
import dev.northstar.organization.Team;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Organization → Key Metrics (seed 000): every key metric at company, department and team level, whether each level
 * inherits it, added it or hides it, and who can see each level; those who may change a level (company admins
 * anywhere, a department's managers for it and its teams) add, hide and restore metrics there. Everyone sees the
 * levels they may see: a member the company and their team. {@link KeyMetricLevels} checks every change.
 */
@Controller
@RequestMapping("/organization/key-metrics")
class KeyMetricsPages {

    private final KeyMetricLevels levels;
    private final MetricCatalog catalog;
    private final OrganizationService organization;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;

    KeyMetricsPages(KeyMetricLevels levels, MetricCatalog catalog, OrganizationService organization, AccessPolicy policy,
                    OrganizationDirectory directory) {
        this.levels = levels;
        this.catalog = catalog;
        this.organization = organization;
        this.policy = policy;
        this.directory = directory;
    }

    /** A level's column: its name, page, who sees it, whether the viewer may change it, and its resolved metrics. */
    public record Level(String scope, String name, String href, String seenBy, boolean changeable, ResolvedKeyMetrics resolved) {

        /** How this level has a metric: in words with a glyph, so that the state never rests on colour. */
        public State state(String key) {
            for (KeyMetric metric : resolved.metrics()) {
                if (metric.key().equals(key)) {
                    return metric.origin() == Origin.OWN ? State.ADDED : State.INHERITED;
                }
            }
            return resolved.hidden().stream().anyMatch(m -> m.key().equals(key)) ? State.HIDDEN : State.NONE;
        }

        /** Where an inherited metric comes from, in words. */
        public String from(String key) {
            return resolved.metrics().stream().filter(m -> m.key().equals(key)).findFirst()
                    .map(m -> "from " + m.origin().name().toLowerCase(Locale.ROOT)).orElse("");
        }
    }

    public enum State {
        INHERITED("✓", "Inherited"), ADDED("+", "Added here"), HIDDEN("⊘", "Hidden here"), NONE("–", "Not tracked");

        private final String glyph;
        private final String words;

        State(String glyph, String words) {
            this.glyph = glyph;
            this.words = words;
        }

        public String glyph() {
            return glyph;
        }

        public String words() {
            return words;
        }
    }

    /** A table of levels (a department and its teams) and the metrics any of them tracks or hides. */
    public record Section(String title, List<Level> levels, List<MetricDefinition> metrics) {
    }

    @GetMapping
    String page(Viewer viewer, Model model) {
        long companyId = viewer.companyId();
        Map<String, MetricDefinition> catalogByKey = new LinkedHashMap<>();
        catalog.all(companyId).forEach(m -> catalogByKey.put(m.key(), m));
        List<Department> departments = organization.departments(viewer).stream().filter(d -> !d.archived())
                .filter(d -> sees(viewer, new Scope.Department(d.id()))).toList();
        List<Team> teams = organization.teams(viewer).stream().filter(t -> !t.archived())
                .filter(t -> sees(viewer, new Scope.Team(t.id()))).toList();

        List<Scope> scopes = new ArrayList<>(List.of(Scope.COMPANY));
        departments.forEach(d -> scopes.add(new Scope.Department(d.id())));
        teams.forEach(t -> scopes.add(new Scope.Team(t.id())));
        Map<String, ResolvedKeyMetrics> resolved = levels.resolvedEach(companyId, scopes).stream()
                .collect(Collectors.toMap(ResolvedKeyMetrics::scope, r -> r));

        Level company = new Level("company", organization.company(viewer).name(), "/company", "everyone", viewer.admin(),
                resolved.get("company"));
        List<Section> sections = new ArrayList<>();
        sections.add(section("Company", List.of(company), catalogByKey));
        for (Department department : departments) {
            List<Level> columns = new ArrayList<>();
            columns.add(department(viewer, department, resolved));
            teams.stream().filter(t -> t.departmentId() == department.id()).forEach(t -> columns.add(team(viewer, t, resolved)));
            sections.add(section(department.name() + " department", columns, catalogByKey));
        }
        // Teams the viewer sees without their department (a member's, a lead's): a section of their own.
        List<Level> ownTeams = teams.stream().filter(t -> departments.stream().noneMatch(d -> d.id() == t.departmentId()))
                .map(t -> team(viewer, t, resolved)).toList();
        if (!ownTeams.isEmpty()) {
            sections.add(section(ownTeams.size() == 1 ? "Your team" : "Your teams", ownTeams, catalogByKey));
        }
        model.addAttribute("sections", sections);
        model.addAttribute("frequencies", levels.frequencies(companyId));
        model.addAttribute("frequencyChoices", Frequency.values());
        model.addAttribute("catalog", catalogByKey.values());
        model.addAttribute("anyChangeable", sections.stream().flatMap(s -> s.levels().stream()).anyMatch(Level::changeable));
        return "organization/key-metrics";
    }

    @PostMapping("/choose")
    String choose(Viewer viewer, @RequestParam String scope, @RequestParam String key, @RequestParam String mode, RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            Mode chosen = switch (mode) {
                case "add" -> Mode.ADD;
                case "hide" -> Mode.HIDE;
                default -> throw new InvalidInputException("mode", "must be add or hide");
            };
            levels.choose(viewer, Scope.parse(scope), key, chosen);
            return name(viewer, key) + (chosen == Mode.ADD ? " is added to " : " is hidden for ") + levelName(viewer, Scope.parse(scope)) + ".";
        });
    }

    @PostMapping("/forget")
    String forget(Viewer viewer, @RequestParam String scope, @RequestParam String key, RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            levels.forget(viewer, Scope.parse(scope), key);
            return levelName(viewer, Scope.parse(scope)) + " follows the level above for " + name(viewer, key) + " again.";
        });
    }

    @PostMapping("/frequencies")
    String frequencies(Viewer viewer, @RequestParam String primary, @RequestParam String secondary, RedirectAttributes redirect) {
        return attempt(redirect, () -> {
            levels.setFrequencies(viewer, new TrackingFrequencies(frequency("primary", primary), frequency("secondary", secondary)));
            return "Primary metrics are tracked " + primary.toLowerCase(Locale.ROOT) + ", secondary " + secondary.toLowerCase(Locale.ROOT) + ".";
        });
    }

    private static Frequency frequency(String field, String value) {
        try {
            return Frequency.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "must be one of daily, weekly, monthly, quarterly");
        }
    }

    private Section section(String title, List<Level> columns, Map<String, MetricDefinition> catalogByKey) {
        List<MetricDefinition> metrics = columns.stream()
                .flatMap(l -> java.util.stream.Stream.concat(l.resolved().metrics().stream(), l.resolved().hidden().stream()))
                .map(KeyMetric::key).distinct().map(catalogByKey::get)
                .sorted(Comparator.comparing(MetricDefinition::kind).thenComparing(MetricDefinition::name)).toList();
        return new Section(title, columns, metrics);
    }

    private Level department(Viewer viewer, Department department, Map<String, ResolvedKeyMetrics> resolved) {
        String key = new Scope.Department(department.id()).key();
        return new Level(key, department.name() + " department", "/departments/" + department.id(),
                named("manager", department.managers()) + " · admins",
                mayChange(viewer, department.id()), resolved.get(key));
    }

    private Level team(Viewer viewer, Team team, Map<String, ResolvedKeyMetrics> resolved) {
        String key = new Scope.Team(team.id()).key();
        return new Level(key, team.name() + " team", "/teams/" + team.id(), team.memberCount() + " members · " + named("lead", team.leads())
                + " · " + team.departmentName() + " managers · admins", mayChange(viewer, team.departmentId()), resolved.get(key));
    }

    /** "lead: Lee Lead", "managers: A, B", "no lead". */
    private static String named(String role, List<PersonName> people) {
        if (people.isEmpty()) {
            return "no " + role;
        }
        return role + (people.size() == 1 ? "" : "s") + ": " + people.stream().map(PersonName::displayName).collect(Collectors.joining(", "));
    }

    private boolean sees(Viewer viewer, Scope scope) {
        return policy.scope(viewer, scope, Action.VIEW).allowed();
    }

    /** A department's managers choose its key metrics and its teams'; company admins everyone's. */
    private boolean mayChange(Viewer viewer, long departmentId) {
        return directory.department(viewer.companyId(), departmentId).map(d -> policy.keyMetrics(viewer, d).allowed()).orElse(false);
    }

    private String name(Viewer viewer, String key) {
        return catalog.find(viewer.companyId(), key).map(MetricDefinition::name).orElseThrow(() -> new NotFoundException("Metric", key));
    }

    private String levelName(Viewer viewer, Scope scope) {
        if (scope instanceof Scope.Department department) {
            return "The " + organization.department(viewer, department.id()).name() + " department";
        }
        if (scope instanceof Scope.Team team) {
            return "The " + organization.team(viewer, team.id()).name() + " team";
        }
        return "The company";
    }

    /** Runs a change; its message or its conflict goes back to the page as a flash. */
    private static String attempt(RedirectAttributes redirect, Supplier<String> change) {
        try {
            redirect.addFlashAttribute("message", change.get());
        } catch (ConflictException | InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/organization/key-metrics";
    }
}

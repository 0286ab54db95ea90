package dev.northstar.catalog;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.AccessPolicy.Action;
import dev.northstar.access.Decision;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.DepartmentRef;
import dev.northstar.access.OrganizationDirectory.TeamRef;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.ResolvedKeyMetrics.KeyMetric;
import dev.northstar.catalog.ResolvedKeyMetrics.Origin;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import dev.northstar.catalog.internal.KeyMetricLevelStore;
import dev.northstar.catalog.internal.LevelNames;
import dev.northstar.catalog.internal.MetricDefinitionStore;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.NotFoundException;
import dev.northstar.shared.Scope;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which key metrics each level of the organization tracks (C4, seed 000). The company adds metrics; a department
 * inherits the company's, a team its department's; each can hide an inherited metric and add its own. Company
 * admins choose for every level, a department's managers for the department and its teams. Whoever may see a scope
 * may read its resolved list. Tracking frequencies are set at company level per kind.
 * <p>
 * Resolution follows the organization as it is today: a team that moved inherits from its new department; an
 * archived team or department keeps its list (for its history) but cannot be changed until restored.
 */
@Service
@Transactional
public class KeyMetricLevels {

    /** One level of the chain from the company down to a scope, and the origin its additions have further down. */
    private record Step(KeyMetricLevel level, Origin origin) {
    }

    private final KeyMetricLevelStore store;
    private final MetricDefinitionStore definitions;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final OrganizationService organization;
    private final LevelNames names;
    private final Clock clock;

    KeyMetricLevels(KeyMetricLevelStore store, MetricDefinitionStore definitions, AccessPolicy policy, OrganizationDirectory directory,
                    OrganizationService organization, LevelNames names, Clock clock) {
        this.store = store;
        this.definitions = definitions;
        this.policy = policy;
        this.directory = directory;
        this.organization = organization;
        this.names = names;
        this.clock = clock;
    }

    /** The key metrics in force for a scope of the company, for pages and other modules (no access check). */
    @Transactional(readOnly = true)
    public ResolvedKeyMetrics resolved(long companyId, Scope scope) {
        return resolvedEach(companyId, List.of(scope)).get(0);
    }

    /**
     * {@link #resolved} for several scopes of the company (the Organization page's every level), reading the levels'
     * choices and the metrics' definitions once for all.
     */
    @Transactional(readOnly = true)
    public List<ResolvedKeyMetrics> resolvedEach(long companyId, List<Scope> scopes) {
        Map<KeyMetricLevel, Map<String, Mode>> choices = new LinkedHashMap<>();
        store.choices(companyId).forEach(c -> choices.computeIfAbsent(c.level(), l -> new LinkedHashMap<>()).put(c.metricKey(), c.mode()));
        Describer describer = new Describer(frequencies(companyId), definitions.all(companyId));
        return scopes.stream().map(scope -> resolved(companyId, scope, choices, describer)).toList();
    }

    private ResolvedKeyMetrics resolved(long companyId, Scope scope, Map<KeyMetricLevel, Map<String, Mode>> choices, Describer describer) {
        List<Step> chain = chain(companyId, scope);
        Map<String, Origin> inForce = new LinkedHashMap<>();
        Map<String, Origin> hidden = new LinkedHashMap<>();
        for (int i = 0; i < chain.size(); i++) {
            boolean last = i == chain.size() - 1;
            Origin here = last && !(scope instanceof Scope.Person) ? Origin.OWN : chain.get(i).origin();
            Map<String, Mode> chosen = choices.getOrDefault(chain.get(i).level(), Map.of());
            Map<String, Origin> next = new LinkedHashMap<>();
            hidden.clear(); // only the hides of the scope's own level are reported
            inForce.forEach((key, origin) -> {
                Mode mode = chosen.get(key);
                if (mode == Mode.HIDE) {
                    hidden.put(key, origin);
                } else {
                    // Added here too: the level keeps it even if the level above drops it, so it is its own.
                    next.put(key, mode == Mode.ADD ? here : origin);
                }
            });
            chosen.forEach((key, mode) -> {
                if (mode == Mode.ADD) {
                    next.putIfAbsent(key, here);
                }
            });
            inForce = next;
        }
        return new ResolvedKeyMetrics(scope.key(), describer.described(inForce), describer.described(hidden));
    }

    /** The key metrics in force for a scope the viewer may see. */
    @Transactional(readOnly = true)
    public ResolvedKeyMetrics resolved(Viewer viewer, Scope scope) {
        mayView(viewer, scope).orRefuse();
        return resolved(viewer.companyId(), scope);
    }

    /**
     * Adds a metric to a level, or hides an inherited one there, replacing the level's earlier choice about it. Hiding
     * needs the metric to be inherited; adding one that is inherited makes it the level's own.
     */
    public ResolvedKeyMetrics choose(Viewer viewer, Scope scope, String key, Mode mode) {
        KeyMetricLevel level = levelToChange(viewer, scope);
        long companyId = viewer.companyId();
        definitions.lock(companyId); // the metric must not be deleted meanwhile
        definitions.find(companyId, key).orElseThrow(() -> new NotFoundException("Metric", key));
        if (mode == Mode.HIDE) {
            if (level.equals(KeyMetricLevel.COMPANY)) {
                throw new InvalidInputException("mode", "hide is for departments and teams, which inherit; the company inherits nothing: "
                        + "to stop tracking one of its key metrics, take it off (DELETE)");
            }
            Scope above = above(companyId, scope);
            if (!resolved(companyId, above).keys().contains(key)) {
                throw new ConflictException("metric '%s' is not a key metric of %s, so %s does not inherit it: there is nothing to hide"
                        .formatted(key, names.of(companyId, levelOf(companyId, above)), names.of(companyId, level)));
            }
        }
        store.choose(companyId, level, key, mode, clock.instant(), viewer.personId());
        return resolved(companyId, scope);
    }

    /** Takes a level's choice about a metric away: the level then has it exactly when the level above passes it down. */
    public ResolvedKeyMetrics forget(Viewer viewer, Scope scope, String key) {
        KeyMetricLevel level = levelToChange(viewer, scope);
        store.forget(viewer.companyId(), level, key);
        return resolved(viewer.companyId(), scope);
    }

    @Transactional(readOnly = true)
    public TrackingFrequencies frequencies(long companyId) {
        Map<MetricDefinition.Kind, Frequency> chosen = store.frequencies(companyId);
        return new TrackingFrequencies(chosen.getOrDefault(MetricDefinition.Kind.PRIMARY, TrackingFrequencies.DEFAULT.primary()),
                chosen.getOrDefault(MetricDefinition.Kind.SECONDARY, TrackingFrequencies.DEFAULT.secondary()));
    }

    /** Sets how often each kind is tracked (company admins); a null frequency keeps the current one. */
    public TrackingFrequencies setFrequencies(Viewer viewer, TrackingFrequencies frequencies) {
        policy.companyData(viewer, "set how often key metrics are tracked").orRefuse();
        if (frequencies.primary() != null) {
            store.setFrequency(viewer.companyId(), MetricDefinition.Kind.PRIMARY, frequencies.primary());
        }
        if (frequencies.secondary() != null) {
            store.setFrequency(viewer.companyId(), MetricDefinition.Kind.SECONDARY, frequencies.secondary());
        }
        return frequencies(viewer.companyId());
    }

    private Decision mayView(Viewer viewer, Scope scope) {
        if (scope instanceof Scope.Department department) {
            return policy.department(viewer, department.id(), Action.VIEW);
        }
        if (scope instanceof Scope.Team team) {
            return policy.team(viewer, team.id(), Action.VIEW);
        }
        if (scope instanceof Scope.Person person) {
            return policy.person(viewer, person.id(), Action.VIEW);
        }
        return policy.company(viewer, Action.VIEW);
    }

    /** The level a scope names, once the viewer may change it and it is not archived. */
    private KeyMetricLevel levelToChange(Viewer viewer, Scope scope) {
        long companyId = viewer.companyId();
        if (scope instanceof Scope.Department department) {
            DepartmentRef ref = department(companyId, department.id());
            policy.keyMetrics(viewer, ref).orRefuse();
            if (organization.department(viewer, ref.id()).archived()) {
                throw new ConflictException("the " + ref.name() + " department is archived; restore it before changing its key metrics");
            }
            return KeyMetricLevel.department(ref.id());
        }
        if (scope instanceof Scope.Team team) {
            TeamRef ref = team(companyId, team.id());
            policy.keyMetrics(viewer, new DepartmentRef(ref.departmentId(), ref.departmentName())).orRefuse();
            if (organization.team(viewer, ref.id()).archived()) {
                throw new ConflictException("the " + ref.name() + " team is archived; restore it before changing its key metrics");
            }
            return KeyMetricLevel.team(ref.id());
        }
        if (scope instanceof Scope.Person) {
            throw new InvalidInputException("scope", "is a person, who follows their team's key metrics; choose them for the team, "
                    + "its department or the company");
        }
        policy.companyData(viewer, "choose the company's key metrics").orRefuse();
        return KeyMetricLevel.COMPANY;
    }

    /** The levels from the company down to the scope, each found in the company (404 otherwise). */
    private List<Step> chain(long companyId, Scope scope) {
        List<Step> chain = new ArrayList<>(List.of(new Step(KeyMetricLevel.COMPANY, Origin.COMPANY)));
        if (scope instanceof Scope.Department department) {
            chain.add(new Step(KeyMetricLevel.department(department(companyId, department.id()).id()), Origin.DEPARTMENT));
        } else if (scope instanceof Scope.Team team) {
            TeamRef ref = team(companyId, team.id());
            chain.add(new Step(KeyMetricLevel.department(ref.departmentId()), Origin.DEPARTMENT));
            chain.add(new Step(KeyMetricLevel.team(ref.id()), Origin.TEAM));
        } else if (scope instanceof Scope.Person person) {
            Long teamId = directory.person(companyId, person.id()).orElseThrow(() -> new NotFoundException("Person", person.id())).teamId();
            return teamId == null ? chain : chain(companyId, new Scope.Team(teamId));
        }
        return chain;
    }

    /** The scope a department or team inherits from. */
    private Scope above(long companyId, Scope scope) {
        return scope instanceof Scope.Team team ? new Scope.Department(team(companyId, team.id()).departmentId()) : Scope.COMPANY;
    }

    private KeyMetricLevel levelOf(long companyId, Scope scope) {
        List<Step> chain = chain(companyId, scope);
        return chain.get(chain.size() - 1).level();
    }

    /** Names resolved keys with their definitions and the company's tracking frequencies. */
    private record Describer(TrackingFrequencies frequencies, List<MetricDefinition> definitions) {

        List<KeyMetric> described(Map<String, Origin> keys) {
            if (keys.isEmpty()) {
                return List.of();
            }
            Map<String, MetricDefinition> byKey = new LinkedHashMap<>();
            definitions.forEach(d -> byKey.put(d.key(), d));
            return keys.entrySet().stream()
                    .map(e -> {
                        MetricDefinition d = byKey.get(e.getKey());
                        return new KeyMetric(d.key(), d.name(), d.kind(), e.getValue(), frequencies.of(d.kind()));
                    })
                    .sorted(Comparator.comparing(KeyMetric::kind).thenComparing(KeyMetric::origin).thenComparing(KeyMetric::name))
                    .toList();
        }
    }

    private DepartmentRef department(long companyId, long id) {
        return directory.department(companyId, id).orElseThrow(() -> new NotFoundException("Department", id));
    }

    private TeamRef team(long companyId, long id) {
        return directory.team(companyId, id).orElseThrow(() -> new NotFoundException("Team", id));
    }
}

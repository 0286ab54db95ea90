package dev.northstar.targets;

import dev.northstar.access.Viewer;
import dev.northstar.organization.Department;
import dev.northstar.organization.OrganizationService;
import dev.northstar.organization.Person;
import dev.northstar.organization.Team;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.MetricKeys.MetricTraits;
import dev.northstar.targets.TargetMismatch.Level;
import dev.northstar.targets.internal.KnownMetrics;
import dev.northstar.targets.internal.MismatchCheck;
import dev.northstar.targets.internal.MismatchCheck.Group;
import dev.northstar.targets.internal.StoredTarget;
import dev.northstar.targets.internal.TargetRows;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Warnings where targets do not add up: a company's against its departments', a department's against its teams', a
 * team's against its people's. Each viewer is warned only about levels they can see all of: company admins about the
 * company, and everyone about the departments and teams they see (whose teams and people they then see too).
 */
@Service
@Transactional(readOnly = true)
public class TargetMismatches {

    private final TargetRows rows;
    private final KnownMetrics metrics;
    private final OrganizationService organization;

    TargetMismatches(TargetRows rows, KnownMetrics metrics, OrganizationService organization) {
        this.rows = rows;
        this.metrics = metrics;
        this.organization = organization;
    }

    /** Every mismatch for the metric and period that the viewer can see. */
    public List<TargetMismatch> all(Viewer viewer, String metric, Period period) {
        MetricTraits traits = metrics.require(viewer.companyId(), metric);
        if (!traits.additive()) {
            return List.of(); // percents, ratios and durations need not add up
        }
        List<StoredTarget> targets = rows.overlappingAnyScope(viewer.companyId(), List.of(metric), period.start(), period.end())
                .getOrDefault(metric, List.of());
        return check(targets, period, traits, () -> groups(viewer, true));
    }

    /**
     * For each metric and period of one scope, the mismatches where the scope is the upper level or one of the lower
     * ones. A dashboard asks this for every metric it shows, so the targets of all of them are read at once, the
     * organization only when some metric has targets in its period, and its people only for a team or a person.
     */
    List<List<TargetMismatch>> about(Viewer viewer, Scope scope, List<Targets.Wanted> wanted, Map<String, MetricTraits> traits) {
        List<Targets.Wanted> additive = wanted.stream().filter(w -> traits.get(w.metric()).additive()).toList();
        Map<String, List<StoredTarget>> byMetric = additive.isEmpty() ? Map.of()
                : rows.overlappingAnyScope(viewer.companyId(), additive.stream().map(Targets.Wanted::metric).distinct().toList(),
                Targets.Wanted.firstDay(additive), Targets.Wanted.end(additive));
        String key = scope.key();
        boolean people = scope instanceof Scope.Team || scope instanceof Scope.Person;
        Supplier<List<Group>> groups = SingletonSupplier.of(() -> groups(viewer, people).stream()
                .filter(g -> g.scope().equals(key) || g.children().contains(key)).toList());
        List<List<TargetMismatch>> mismatches = new ArrayList<>();
        for (Targets.Wanted one : wanted) {
            MetricTraits metric = traits.get(one.metric());
            List<StoredTarget> targets = byMetric.getOrDefault(one.metric(), List.of()).stream()
                    .filter(t -> t.period().start().isBefore(one.period().end()) && t.period().end().isAfter(one.period().start())).toList();
            mismatches.add(metric.additive() ? check(targets, one.period(), metric, groups) : List.of());
        }
        return mismatches;
    }

    private static List<TargetMismatch> check(List<StoredTarget> targets, Period period, MetricTraits traits, Supplier<List<Group>> groups) {
        if (targets.isEmpty()) {
            return List.of();
        }
        Map<String, List<StoredTarget>> byScope = targets.stream().collect(Collectors.groupingBy(StoredTarget::scope));
        List<Group> involved = groups.get();
        return involved.isEmpty() ? List.of() : MismatchCheck.check(involved, byScope, period, traits.unit());
    }

    /** @param withPeople whether teams' groups list their people (without, a team's group is left out) */
    private List<Group> groups(Viewer viewer, boolean withPeople) {
        List<Department> departments = organization.departments(viewer).stream().filter(d -> !d.archived()).toList();
        List<Team> teams = organization.teams(viewer).stream().filter(t -> !t.archived()).toList();
        List<Person> people = withPeople
                ? organization.people(viewer).stream().filter(p -> p.active() && p.teamId() != null).toList() : List.of();
        List<Group> groups = new ArrayList<>();
        if (viewer.admin()) { // only admins see every department
            groups.add(new Group(Level.COMPANY, Scope.COMPANY.key(), organization.company(viewer).name(),
                    departments.stream().map(d -> new Scope.Department(d.id()).key()).toList()));
        }
        for (Department department : departments) {
            groups.add(new Group(Level.DEPARTMENT, new Scope.Department(department.id()).key(), department.name(),
                    teams.stream().filter(t -> t.departmentId() == department.id()).map(t -> new Scope.Team(t.id()).key()).toList()));
        }
        for (Team team : withPeople ? teams : List.<Team>of()) {
            groups.add(new Group(Level.TEAM, new Scope.Team(team.id()).key(), team.name(),
                    people.stream().filter(p -> p.teamId() == team.id()).map(p -> new Scope.Person(p.id()).key()).toList()));
        }
        return groups;
    }
}

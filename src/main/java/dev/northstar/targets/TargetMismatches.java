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
        return check(viewer, metric, traits, period, () -> groups(viewer, true));
    }

    /**
     * The mismatches where the scope is the upper level or one of the lower ones. The organization is read only when
     * the metric has targets in the period, and its people only when the scope is a team or a person: a dashboard asks
     * this for every metric it shows.
     */
    List<TargetMismatch> about(Viewer viewer, String metric, MetricTraits traits, Scope scope, Period period) {
        String key = scope.key();
        boolean people = scope instanceof Scope.Team || scope instanceof Scope.Person;
        return check(viewer, metric, traits, period, () -> groups(viewer, people).stream()
                .filter(g -> g.scope().equals(key) || g.children().contains(key)).toList());
    }

    private List<TargetMismatch> check(Viewer viewer, String metric, MetricTraits traits, Period period, Supplier<List<Group>> groups) {
        if (!traits.additive()) {
            return List.of(); // percents, ratios and durations need not add up
        }
        Map<String, List<StoredTarget>> byScope = rows.overlappingAnyScope(viewer.companyId(), metric, period).stream()
                .collect(Collectors.groupingBy(StoredTarget::scope));
        if (byScope.isEmpty()) {
            return List.of();
        }
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

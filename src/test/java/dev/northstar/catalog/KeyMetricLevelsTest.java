package dev.northstar.catalog;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.ResolvedKeyMetrics.KeyMetric;
import dev.northstar.catalog.ResolvedKeyMetrics.Origin;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.organization.DemoOrganization.Blueprint;
import dev.northstar.organization.DemoOrganization.DepartmentPlan;
import dev.northstar.organization.DemoOrganization.Login;
import dev.northstar.organization.OrganizationService;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Key metrics by level: the company adds, departments and teams inherit, hide and add, and each resolved list says
 * where every metric comes from. Each test builds its own organization: North (teams Alpha and Beta) and South (Gamma).
 */
@SpringBootTest
class KeyMetricLevelsTest {

    static final AtomicInteger RUN = new AtomicInteger();

    @Autowired KeyMetricLevels levels;
    @Autowired MetricLibrary library;
    @Autowired MetricCatalog catalog;
    @Autowired DemoOrganization demo;
    @Autowired OrganizationService organization;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;

    Viewer admin, manager, rep;
    long company, north, south, alpha, beta, gamma;
    Scope companyScope = Scope.COMPANY, northScope, southScope, alphaScope, betaScope, gammaScope;

    @BeforeEach
    void organization() {
        String domain = "levels" + RUN.incrementAndGet() + "x" + System.nanoTime() + ".test";
        var generated = demo.generate(new Blueprint("Levels " + domain, domain, List.of(
                new DepartmentPlan("North", List.of("Alpha", "Beta")), new DepartmentPlan("South", List.of("Gamma"))), 1,
                List.of(new Login("admin@" + domain, "Ada Admin", "admin", null, null),
                        new Login("manager@" + domain, "Max Manager", "manager", "North", null),
                        new Login("rep@" + domain, "Rae Rep", "member", "North", "Alpha")), 11L));
        company = generated.companyId();
        north = generated.departmentIds().get(0);
        south = generated.departmentIds().get(1);
        alpha = generated.teamIds().get(0);
        beta = generated.teamIds().get(1);
        gamma = generated.teamIds().get(2);
        northScope = new Scope.Department(north);
        southScope = new Scope.Department(south);
        alphaScope = new Scope.Team(alpha);
        betaScope = new Scope.Team(beta);
        gammaScope = new Scope.Team(gamma);
        admin = viewer(generated.personIds().get(0));
        manager = viewer(generated.personIds().get(1));
        rep = viewer(generated.personIds().get(2));
        library.install(admin);
    }

    @Test
    void eachLevelInheritsFromTheOneAboveHidesAndAddsAndSaysWhereEachMetricComesFrom() {
        levels.choose(admin, companyScope, "closed_won_revenue", Mode.ADD);
        levels.choose(admin, companyScope, "win_rate", Mode.ADD);
        levels.choose(admin, companyScope, "calls", Mode.ADD);
        levels.choose(admin, northScope, "win_rate", Mode.HIDE);
        levels.choose(admin, northScope, "meetings_booked", Mode.ADD);
        levels.choose(admin, alphaScope, "calls", Mode.HIDE);
        levels.choose(admin, alphaScope, "emails", Mode.ADD);

        assertThat(origins(levels.resolved(company, companyScope))).containsExactly(
                tuple("closed_won_revenue", Origin.OWN), tuple("win_rate", Origin.OWN), tuple("calls", Origin.OWN));
        var northList = levels.resolved(company, northScope);
        assertThat(origins(northList)).containsExactly(
                tuple("closed_won_revenue", Origin.COMPANY), tuple("calls", Origin.COMPANY), tuple("meetings_booked", Origin.OWN));
        assertThat(hidden(northList)).containsExactly(tuple("win_rate", Origin.COMPANY));
        assertThat(origins(levels.resolved(company, southScope))).containsExactly(
                tuple("closed_won_revenue", Origin.COMPANY), tuple("win_rate", Origin.COMPANY), tuple("calls", Origin.COMPANY));
        var alphaList = levels.resolved(company, alphaScope);
        assertThat(origins(alphaList)).containsExactly(
                tuple("closed_won_revenue", Origin.COMPANY), tuple("meetings_booked", Origin.DEPARTMENT), tuple("emails", Origin.OWN));
        assertThat(hidden(alphaList)).as("only this level's hides").containsExactly(tuple("calls", Origin.COMPANY));
        assertThat(origins(levels.resolved(company, betaScope))).containsExactly(
                tuple("closed_won_revenue", Origin.COMPANY), tuple("calls", Origin.COMPANY), tuple("meetings_booked", Origin.DEPARTMENT));
        // A person follows their team today; the team's own metrics come from their TEAM.
        var repList = levels.resolved(company, new Scope.Person(rep.personId()));
        assertThat(repList.scope()).isEqualTo("person:" + rep.personId());
        assertThat(origins(repList)).containsExactly(
                tuple("closed_won_revenue", Origin.COMPANY), tuple("meetings_booked", Origin.DEPARTMENT), tuple("emails", Origin.TEAM));
        // Primary before secondary, each with the company's frequency for its kind.
        assertThat(alphaList.metrics()).extracting(KeyMetric::name, KeyMetric::frequency).containsExactly(
                tuple("Closed-won revenue", Frequency.MONTHLY), tuple("Meetings booked", Frequency.WEEKLY), tuple("Emails", Frequency.WEEKLY));
    }

    @Test
    void takingAChoiceBackInheritsAgainAndAnOwnMetricOutlivesTheLevelAbove() {
        levels.choose(admin, companyScope, "calls", Mode.ADD);
        levels.choose(admin, alphaScope, "calls", Mode.HIDE);
        assertThat(levels.resolved(company, alphaScope).keys()).doesNotContain("calls");

        var back = levels.forget(admin, alphaScope, "calls");
        assertThat(origins(back)).containsExactly(tuple("calls", Origin.COMPANY));
        assertThat(back.hidden()).isEmpty();

        levels.choose(admin, alphaScope, "calls", Mode.ADD);
        assertThat(origins(levels.resolved(company, alphaScope))).containsExactly(tuple("calls", Origin.OWN));
        levels.forget(admin, companyScope, "calls");
        assertThat(levels.resolved(company, alphaScope).keys()).containsExactly("calls");
        assertThat(levels.resolved(company, betaScope).keys()).isEmpty();
    }

    @Test
    void onlyAnInheritedMetricCanBeHiddenAndTheCompanyHidesNothing() {
        levels.choose(admin, companyScope, "win_rate", Mode.ADD);
        levels.choose(admin, northScope, "win_rate", Mode.HIDE);

        assertThatThrownBy(() -> levels.choose(admin, alphaScope, "win_rate", Mode.HIDE)).isInstanceOf(ConflictException.class)
                .hasMessage("metric 'win_rate' is not a key metric of the North department, so the Alpha team does not inherit it: there is nothing to hide");
        assertThatThrownBy(() -> levels.choose(admin, southScope, "calls", Mode.HIDE)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is not a key metric of the company, so the South department does not inherit it");
        assertThatThrownBy(() -> levels.choose(admin, companyScope, "win_rate", Mode.HIDE)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("mode hide is for departments and teams");
        assertThatThrownBy(() -> levels.choose(admin, companyScope, "no_such_metric", Mode.ADD))
                .hasMessage("Metric 'no_such_metric' does not exist");
        assertThatThrownBy(() -> levels.choose(admin, new Scope.Person(rep.personId()), "calls", Mode.ADD)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("follows their team's key metrics");
    }

    @Test
    void aDepartmentManagerChoosesForTheirDepartmentAndItsTeamsOnly() {
        levels.choose(manager, northScope, "calls", Mode.ADD);
        levels.choose(manager, alphaScope, "emails", Mode.ADD);
        assertThat(levels.resolved(manager, alphaScope).keys()).containsExactly("calls", "emails");

        assertThatThrownBy(() -> levels.choose(manager, southScope, "calls", Mode.ADD)).isInstanceOf(AccessRefusedException.class)
                .hasMessage("only company admins and the managers of the South department can choose the key metrics of the department and its teams");
        assertThatThrownBy(() -> levels.choose(manager, gammaScope, "calls", Mode.ADD)).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("the managers of the South department");
        assertThatThrownBy(() -> levels.choose(manager, companyScope, "calls", Mode.ADD)).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("only company admins can choose the company's key metrics");
        assertThatThrownBy(() -> levels.resolved(manager, gammaScope)).isInstanceOf(AccessRefusedException.class);
        assertThat(levels.resolved(company, southScope).keys()).isEmpty();
    }

    @Test
    void aRepReadsTheirOwnLevelsAndChangesNone() {
        levels.choose(admin, alphaScope, "calls", Mode.ADD);
        assertThat(levels.resolved(rep, alphaScope).keys()).containsExactly("calls");
        assertThat(levels.resolved(rep, new Scope.Person(rep.personId())).keys()).containsExactly("calls");
        assertThat(levels.resolved(rep, companyScope).keys()).isEmpty();

        assertThatThrownBy(() -> levels.choose(rep, alphaScope, "emails", Mode.ADD)).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("the managers of the North department");
        assertThatThrownBy(() -> levels.forget(rep, alphaScope, "calls")).isInstanceOf(AccessRefusedException.class);
        assertThatThrownBy(() -> levels.resolved(rep, northScope)).isInstanceOf(AccessRefusedException.class)
                .hasMessage("you are not a manager of the North department");
        assertThatThrownBy(() -> levels.resolved(rep, gammaScope)).isInstanceOf(AccessRefusedException.class);
        assertThat(levels.resolved(company, alphaScope).keys()).containsExactly("calls");
    }

    @Test
    void aTeamThatMovesInheritsFromItsNewDepartmentAndKeepsItsOwnChoices() {
        levels.choose(admin, companyScope, "calls", Mode.ADD);
        levels.choose(admin, northScope, "meetings_booked", Mode.ADD);
        levels.choose(admin, southScope, "win_rate", Mode.ADD);
        levels.choose(admin, alphaScope, "calls", Mode.HIDE);
        levels.choose(admin, alphaScope, "emails", Mode.ADD);

        organization.moveTeam(admin, alpha, south);

        var moved = levels.resolved(company, alphaScope);
        assertThat(origins(moved)).containsExactly(tuple("win_rate", Origin.DEPARTMENT), tuple("emails", Origin.OWN));
        assertThat(hidden(moved)).containsExactly(tuple("calls", Origin.COMPANY));
        // Now in South, North's manager no longer chooses for it.
        assertThatThrownBy(() -> levels.choose(manager, alphaScope, "leads", Mode.ADD)).isInstanceOf(AccessRefusedException.class);
    }

    @Test
    void anArchivedTeamKeepsItsListButCannotBeChangedUntilRestored() {
        long team = organization.createTeam(admin, north, "Short-lived").id();
        Scope scope = new Scope.Team(team);
        levels.choose(admin, scope, "calls", Mode.ADD);
        organization.archiveTeam(admin, team, true);

        assertThat(levels.resolved(company, scope).keys()).containsExactly("calls");
        assertThatThrownBy(() -> levels.choose(admin, scope, "emails", Mode.ADD)).isInstanceOf(ConflictException.class)
                .hasMessage("the Short-lived team is archived; restore it before changing its key metrics");
        organization.archiveTeam(admin, team, false);
        assertThat(levels.choose(admin, scope, "emails", Mode.ADD).keys()).containsExactly("calls", "emails");
    }

    @Test
    void aKeyMetricCannotBeDeletedWhileALevelTracksItAndItsHidesGoWithIt() {
        levels.choose(admin, companyScope, "open_deals", Mode.ADD);
        levels.choose(admin, betaScope, "open_deals", Mode.ADD);
        levels.choose(admin, alphaScope, "open_deals", Mode.HIDE);
        catalog.delete(admin, "data_completeness"); // open_deals is otherwise used only by data_completeness

        assertThatThrownBy(() -> catalog.delete(admin, "open_deals")).isInstanceOf(ConflictException.class)
                .hasMessage("metric 'open_deals' is a key metric of the company, the Beta team; take it off those levels first");
        levels.forget(admin, companyScope, "open_deals");
        levels.forget(admin, betaScope, "open_deals");
        catalog.delete(admin, "open_deals");

        assertThat(catalog.find(company, "open_deals")).isEmpty();
        assertThat(jdbc.sql("select count(*) from key_metric_level where company_id = ?").param(company).query(Integer.class).single()).isZero();
    }

    @Test
    void trackingFrequenciesAreSetAtCompanyLevelPerKind() {
        assertThat(levels.frequencies(company)).isEqualTo(new TrackingFrequencies(Frequency.MONTHLY, Frequency.WEEKLY));
        assertThat(levels.setFrequencies(admin, new TrackingFrequencies(Frequency.QUARTERLY, null)))
                .isEqualTo(new TrackingFrequencies(Frequency.QUARTERLY, Frequency.WEEKLY));
        levels.choose(admin, companyScope, "win_rate", Mode.ADD);
        assertThat(levels.resolved(company, alphaScope).metrics()).extracting(KeyMetric::frequency).containsExactly(Frequency.QUARTERLY);

        assertThatThrownBy(() -> levels.setFrequencies(manager, new TrackingFrequencies(Frequency.DAILY, Frequency.DAILY)))
                .isInstanceOf(AccessRefusedException.class);
        assertThat(levels.frequencies(company).secondary()).isEqualTo(Frequency.WEEKLY);
    }

    @Test
    void aPersonInNoTeamFollowsTheCompany() {
        levels.choose(admin, companyScope, "calls", Mode.ADD);
        levels.choose(admin, northScope, "emails", Mode.ADD);
        assertThat(origins(levels.resolved(company, new Scope.Person(admin.personId())))).containsExactly(tuple("calls", Origin.COMPANY));
    }

    private Viewer viewer(long personId) {
        return directory.viewer(company, personId).orElseThrow();
    }

    private static List<org.assertj.core.groups.Tuple> origins(ResolvedKeyMetrics resolved) {
        return resolved.metrics().stream().map(m -> tuple(m.key(), m.origin())).toList();
    }

    private static List<org.assertj.core.groups.Tuple> hidden(ResolvedKeyMetrics resolved) {
        return resolved.hidden().stream().map(m -> tuple(m.key(), m.origin())).toList();
    }
}

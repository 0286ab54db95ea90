package dev.northstar.targets.internal;

import dev.northstar.catalog.MetricDefinition.Unit;
import dev.northstar.shared.Period;
import dev.northstar.targets.TargetMismatch;
import dev.northstar.targets.TargetMismatch.Level;
import dev.northstar.targets.internal.MismatchCheck.Group;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static dev.northstar.targets.internal.WhichTargetTest.CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;

class MismatchCheckTest {

    static final Period Q2 = CALENDAR.parse("FY2026-Q2");
    static final Group SALES = new Group(Level.DEPARTMENT, "department:1", "Sales", List.of("team:1", "team:2", "team:3"));

    @Test
    void teamsThatFallShortOfTheirDepartmentAreReportedWithTheTeamsWithoutATarget() {
        var targets = Map.of(
                "department:1", List.of(target("department:1", "FY2026-Q2", "10000")),
                "team:1", List.of(target("team:1", "FY2026-Q2", "4000")),
                "team:2", List.of(target("team:2", "FY2026-Q2", "5000")));
        assertThat(MismatchCheck.check(List.of(SALES), targets, Q2, Unit.CURRENCY)).singleElement().satisfies(m -> {
            assertThat(m.level()).isEqualTo(Level.DEPARTMENT);
            assertThat(m.scope()).isEqualTo("department:1");
            assertThat(m.name()).isEqualTo("Sales");
            assertThat(m.unit()).isEqualTo(Unit.CURRENCY);
            assertThat(m.expectedSum()).isEqualByComparingTo("10000");
            assertThat(m.actualSum()).isEqualByComparingTo("9000");
            assertThat(m.withoutTarget()).containsExactly("team:3");
        });
    }

    @Test
    void teamTargetsThatAddUpAreFineAlsoWhenOneTeamsIsTheSumOfItsMonths() {
        var targets = Map.of(
                "department:1", List.of(target("department:1", "FY2026-Q2", "10000")),
                "team:1", List.of(target("team:1", "2026-04", "1000"), target("team:1", "2026-05", "1000"), target("team:1", "2026-06", "2000")),
                "team:2", List.of(target("team:2", "FY2026-Q2", "5000")),
                "team:3", List.of(target("team:3", "FY2026-Q2", "1000")));
        assertThat(MismatchCheck.check(List.of(SALES), targets, Q2, Unit.COUNT)).isEmpty();
    }

    @Test
    void teamsOverTheirDepartmentAreReportedToo() {
        var targets = Map.of(
                "department:1", List.of(target("department:1", "FY2026-Q2", "10000")),
                "team:1", List.of(target("team:1", "FY2026-Q2", "6000")),
                "team:2", List.of(target("team:2", "FY2026-Q2", "5000")),
                "team:3", List.of(target("team:3", "FY2026-Q2", "0")));
        List<TargetMismatch> mismatches = MismatchCheck.check(List.of(SALES), targets, Q2, Unit.COUNT);
        assertThat(mismatches).singleElement().satisfies(m -> {
            assertThat(m.actualSum()).isEqualByComparingTo("11000");
            assertThat(m.withoutTarget()).isEmpty();
        });
    }

    @Test
    void aLevelNotYetBrokenDownOrWithoutItsOwnTargetIsNotWarnedAbout() {
        var onlyDepartment = Map.of("department:1", List.of(target("department:1", "FY2026-Q2", "10000")));
        assertThat(MismatchCheck.check(List.of(SALES), onlyDepartment, Q2, Unit.COUNT)).isEmpty();
        var onlyTeams = Map.of("team:1", List.of(target("team:1", "FY2026-Q2", "10000")));
        assertThat(MismatchCheck.check(List.of(SALES), onlyTeams, Q2, Unit.COUNT)).isEmpty();
    }

    @Test
    void proratedTargetsAreComparedWhereTheyWereSetNotInEveryPeriodInside() {
        // A prorated share is rounded to whole units, so shares of targets that add up for the year could differ by one
        // in a month: April is not compared; the year, where the targets were set, is.
        Group twoTeams = new Group(Level.DEPARTMENT, "department:1", "Sales", List.of("team:1", "team:2"));
        var targets = Map.of(
                "department:1", List.of(target("department:1", "FY2026", "12000")),
                "team:1", List.of(target("team:1", "FY2026", "6000")),
                "team:2", List.of(target("team:2", "2026-04", "100")));
        assertThat(MismatchCheck.check(List.of(twoTeams), targets, CALENDAR.parse("2026-04"), Unit.COUNT)).isEmpty();
        assertThat(MismatchCheck.check(List.of(twoTeams), targets, CALENDAR.parse("FY2026"), Unit.COUNT)).singleElement()
                .satisfies(m -> assertThat(m.withoutTarget()).containsExactly("team:2"));
    }

    private static StoredTarget target(String scope, String label, String value) {
        return new StoredTarget(scope, CALENDAR.parse(label), new BigDecimal(value));
    }
}

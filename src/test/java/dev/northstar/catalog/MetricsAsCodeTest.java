package dev.northstar.catalog;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricVersion.Change;
import dev.northstar.shared.InvalidInputException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** The catalog as one YAML file: exported, imported into another company, checked as a whole before anything is written. */
@SpringBootTest
class MetricsAsCodeTest {

    /** A metric with every kind of field, and text that YAML must quote. */
    static final String CUSTOM = """
            metrics:
              - key: enterprise_calls
                name: 'Enterprise calls: "connected" ≥ 1 minute'
                description: "Calls to enterprise accounts.\\nCounted when they occur, in the company's time zone."
                kind: secondary
                timing: leading
                category: activity
                area: acquisition
                parent: meetings_booked
                unit: count
                decimals: 0
                direction: higher_is_better
                cadence: daily
                reviewMeeting: '#1 weekly: Monday'
                actionWhenWorse: '- Call the top accounts first.'
                purpose: operating
                formula:
                  type: aggregate
                  source: activities
                  function: count
                  time: occurred
                  filters:
                    - field: type
                      values: [call]
                    - field: source
                      values: ['true', '007', logger]
                      negate: true
            """;

    @Autowired MetricCatalog catalog;
    @Autowired MetricLibrary library;
    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    Viewer first;
    Viewer second;

    @BeforeEach
    void companies() {
        first = NewCompany.admin(jdbc, directory);
        second = NewCompany.admin(jdbc, directory);
    }

    @Test
    void anExportImportedIntoAnotherCompanyExportsByteForByteTheSame() {
        library.install(first);
        catalog.importYaml(first, CUSTOM, false);
        String exported = catalog.exportYaml(first.companyId());

        MetricCatalog.Changes changes = catalog.importYaml(second, exported, false);

        assertThat(changes.created()).hasSize(MetricLibrary.definitions().size() + 1).contains("enterprise_calls", "win_rate");
        assertThat(catalog.exportYaml(second.companyId())).isEqualTo(exported);
        assertThat(catalog.all(second.companyId())).isEqualTo(catalog.all(first.companyId()));
        assertThat(exported).startsWith("# Northstar metric definitions").contains("\nmetrics:\n  - key: arpa\n    name: Average revenue per account\n");
        // Importing the same file again changes nothing and adds no versions.
        MetricCatalog.Changes again = catalog.importYaml(second, exported, false);
        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(again.unchanged()).hasSize(changes.created().size());
        assertThat(catalog.history(second.companyId(), "win_rate")).hasSize(1);
    }

    @Test
    void anImportUpdatesWhatChangedWithHistoryAndLeavesTheRest() {
        library.install(first);
        String changed = catalog.exportYaml(first.companyId()).replace("name: Win rate\n", "name: Win rate (decided deals)\n")
                + CUSTOM.replace("metrics:\n", "");

        MetricCatalog.Changes changes = catalog.importYaml(first, changed, false);

        assertThat(changes.created()).containsExactly("enterprise_calls");
        assertThat(changes.updated()).containsExactly("win_rate");
        assertThat(changes.unchanged()).hasSize(MetricLibrary.definitions().size() - 1);
        var history = catalog.history(first.companyId(), "win_rate");
        assertThat(history).extracting(MetricVersion::change).containsExactly(Change.CREATED, Change.UPDATED);
        assertThat(history.get(1).before()).containsEntry("name", "Win rate");
        assertThat(history.get(1).after()).containsEntry("name", "Win rate (decided deals)");
    }

    @Test
    void ownersTravelAsEmailAddresses() {
        String owned = CUSTOM.replace("parent: meetings_booked\n", "owner: " + first.email().toUpperCase() + "\n");
        catalog.importYaml(first, owned, false);
        assertThat(catalog.find(first.companyId(), "enterprise_calls").orElseThrow().ownerId()).isEqualTo(first.personId());
        String exported = catalog.exportYaml(first.companyId());
        assertThat(exported).contains("    owner: " + first.email() + "\n");

        var refusal = catchThrowableOfType(InvalidDefinitionsException.class, () -> catalog.importYaml(second, exported, false));
        assertThat(refusal.problems()).extracting(DefinitionProblem::metric, DefinitionProblem::field)
                .containsExactly(tuple("enterprise_calls", "owner"));
    }

    @Test
    void aFileWithAnyProblemWritesNothingAndNamesEveryProblem() {
        library.install(first);
        int versions = versions(first);
        String file = """
                metrics:
                  - key: win_rate
                    name: Renamed win rate
                    kind: primary
                    unit: percent
                    direction: higher_is_better
                    formula: {type: ratio, numerator: deals_won, denominator: deals_closed}
                  - key: brand_new
                    name: A fine new metric
                    kind: primary
                    unit: count
                    direction: higher_is_better
                    formula: {type: aggregate, source: deals, function: count, time: created}
                  - key: odd_kind
                    name: Odd
                    kind: tertiary
                    unit: count
                    direction: higher_is_better
                    formula: {type: manual}
                  - key: loop_a
                    name: Loop A
                    kind: primary
                    unit: count
                    direction: higher_is_better
                    formula: {type: derived, expression: loop_b + 1}
                  - key: loop_b
                    name: Loop B
                    kind: primary
                    unit: count
                    direction: higher_is_better
                    formula: {type: ratio, numerator: loop_a, denominator: deals_won}
                  - name: No key
                  - key: brand_new
                    name: Twice
                    kind: primary
                    unit: count
                    direction: higher_is_better
                    formula: {type: manual}
                  - key: sloppy
                    name: Sloppy
                    kind: primary
                    unit: count
                    direction: sideways
                    formula: {type: aggregate, source: activities, function: sum, field: amount, time: closed}
                """;

        var refusal = catchThrowableOfType(InvalidDefinitionsException.class, () -> catalog.importYaml(first, file, false));

        assertThat(refusal.problems()).extracting(DefinitionProblem::metric, DefinitionProblem::field).containsExactlyInAnyOrder(
                tuple("odd_kind", "kind"),
                tuple("metrics[5]", "key"),
                tuple("sloppy", "direction"),
                tuple("brand_new", "key"),
                tuple("loop_a", "formula.expression"));
        assertThat(refusal.problems()).extracting(DefinitionProblem::toString).contains(
                "metric 'odd_kind': kind is 'tertiary', which is not one of primary, secondary",
                "metric 'loop_a': formula.expression makes a cycle: loop_a -> loop_b -> loop_a",
                "metric 'brand_new': key appears more than once; each metric is defined once");
        assertThat(catalog.find(first.companyId(), "brand_new")).isEmpty();
        assertThat(catalog.find(first.companyId(), "win_rate").orElseThrow().name()).isEqualTo("Win rate");
        assertThat(versions(first)).isEqualTo(versions);
    }

    @Test
    void aMetricWhoseFieldsAreReadableIsCheckedInFullInTheSameImport() {
        var refusal = catchThrowableOfType(InvalidDefinitionsException.class, () -> catalog.importYaml(first, """
                metrics:
                  - key: sloppy
                    name: Sloppy
                    kind: primary
                    unit: count
                    direction: higher_is_better
                    formula: {type: aggregate, source: activities, function: sum, field: amount, time: closed}
                """, false));
        assertThat(refusal.problems()).extracting(DefinitionProblem::field).containsExactly("formula.field", "formula.time");
    }

    @Test
    void aDryRunReportsWithoutWriting() {
        MetricCatalog.Changes changes = catalog.importYaml(first, CUSTOM.replace("    parent: meetings_booked\n", ""), true);
        assertThat(changes.created()).containsExactly("enterprise_calls");
        assertThat(catalog.all(first.companyId())).isEmpty();
        assertThat(versions(first)).isZero();
    }

    @Test
    void aFileThatIsNotYamlOrNotACatalogIsRefusedSayingWhere() {
        assertThatThrownBy(() -> catalog.importYaml(first, "metrics:\n  - key: a\n   name: [unclosed\n", false))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("yaml cannot be read:").hasMessageContaining("line 3");
        assertThatThrownBy(() -> catalog.importYaml(first, "- key: a\n", false))
                .hasMessage("yaml must have one field, metrics, with a list of metric definitions");
        assertThatThrownBy(() -> catalog.importYaml(first, "metrics:\n  - key: a\n    key: b\n", false))
                .hasMessageContaining("duplicate key key");
        assertThat(List.of(catalog.exportYaml(first.companyId()))).containsExactly("""
                # Northstar metric definitions (metrics as code). Import this file with
                # POST /api/v1/metrics/import (Content-Type: application/yaml); add ?dryRun=true to check it first.
                metrics: []
                """);
    }

    private int versions(Viewer viewer) {
        return jdbc.sql("select count(*) from metric_definition_version where company_id = ?").param(viewer.companyId()).query(Integer.class).single();
    }
}

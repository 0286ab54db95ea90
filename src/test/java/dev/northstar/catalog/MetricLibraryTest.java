package dev.northstar.catalog;

import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The built-in library: installed in one click, again without changing anything, and never over a company's own changes. */
@SpringBootTest
class MetricLibraryTest {

    @Autowired MetricLibrary library;
    @Autowired MetricCatalog catalog;
    @Autowired JdbcClient jdbc;
    @Autowired OrganizationDirectory directory;
    Viewer admin;

    @BeforeEach
    void company() {
        admin = NewCompany.admin(jdbc, directory);
    }

    @Test
    void installingTwiceAddsEverythingOnceAndChangesNothingTheSecondTime() {
        List<String> keys = MetricLibrary.definitions().stream().map(MetricDefinition::key).toList();
        assertThat(keys).contains("closed_won_revenue", "win_rate", "average_deal_size", "sales_cycle_days", "weighted_pipeline", "calls",
                "meetings_booked", "lead_to_opportunity", "stage_conversion", "quota_attainment", "closed_won_revenue_target", "pipeline_coverage", "mrr", "nrr", "grr", "cac", "ltv", "ltv_to_cac", "data_completeness")
                .doesNotHaveDuplicates();

        MetricLibrary.Installed first = library.install(admin);
        assertThat(first.added()).containsExactlyElementsOf(keys);
        assertThat(first.skipped()).isEmpty();
        assertThat(catalog.all(admin.companyId())).containsExactlyInAnyOrderElementsOf(MetricLibrary.definitions());
        int versions = versions();
        assertThat(versions).isEqualTo(keys.size());

        MetricLibrary.Installed second = library.install(admin);
        assertThat(second.added()).isEmpty();
        assertThat(second.skipped()).containsExactlyElementsOf(keys);
        assertThat(versions()).isEqualTo(versions);
    }

    @Test
    void aCompanysOwnChangesStayAndOnlyWhatIsMissingIsAdded() {
        library.install(admin);
        Map<String, Object> winRate = catalog.document(admin.companyId(), catalog.find(admin.companyId(), "win_rate").orElseThrow());
        winRate.put("name", "Win rate (our way)");
        catalog.saveDocument(admin, "win_rate", winRate);
        catalog.delete(admin, "calls");

        MetricLibrary.Installed again = library.install(admin);

        assertThat(again.added()).containsExactly("calls");
        assertThat(again.skipped()).contains("win_rate").doesNotContain("calls");
        assertThat(catalog.find(admin.companyId(), "win_rate").orElseThrow().name()).isEqualTo("Win rate (our way)");
    }

    @Test
    void theLibrarysDefinitionsSayWhatToDoAndHowOftenToLook() {
        assertThat(MetricLibrary.definitions()).allSatisfy(d -> {
            assertThat(d.description()).as(d.key()).isNotBlank();
            assertThat(d.actionWhenWorse()).as(d.key()).isNotBlank().endsWith(".");
            assertThat(d.cadence()).as(d.key()).isNotNull();
            assertThat(d.area()).as(d.key()).isNotNull();
            assertThat(d.kind()).as(d.key()).isNotNull();
        });
        MetricDefinition cycle = MetricLibrary.definitions().stream().filter(d -> d.key().equals("sales_cycle_days")).findFirst().orElseThrow();
        assertThat(cycle.direction()).isEqualTo(MetricDefinition.Direction.LOWER_IS_BETTER);
        assertThat(cycle.formula()).isEqualTo(new Formula.Aggregate(Formula.Source.DEALS, Formula.Function.AVERAGE, "cycleDays",
                List.of(new Formula.Filter("outcome", List.of("won"), false)), Formula.TimeField.CLOSED));
    }

    @Test
    void onlyCompanyAdminsInstallIt() {
        Viewer member = NewCompany.member(jdbc, directory, admin);
        assertThatThrownBy(() -> library.install(member)).isInstanceOf(AccessRefusedException.class);
        assertThat(catalog.all(admin.companyId())).isEmpty();
    }

    private int versions() {
        return jdbc.sql("select count(*) from metric_definition_version where company_id = ?").param(admin.companyId()).query(Integer.class).single();
    }
}

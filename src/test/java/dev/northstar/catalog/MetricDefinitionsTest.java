package dev.northstar.catalog;

import dev.northstar.DemoFixture;
import dev.northstar.access.AccessRefusedException;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricVersion.Change;
import dev.northstar.organization.DemoOrganization;
import dev.northstar.shared.ConflictException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.yaml.snakeyaml.Yaml;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Definitions are checked field by field before they are saved, keep their history, and are not deleted while used. */
@SpringBootTest
class MetricDefinitionsTest {

    static final String ADMIN = "admin@demo.northstar.dev";
    static final String REP = "rep@demo.northstar.dev";
    static final AtomicInteger RUN = new AtomicInteger();

    /** A valid definition; each case below changes one thing in it. */
    static final String VALID = """
            name: Test metric
            kind: primary
            unit: count
            direction: higher_is_better
            formula: {type: aggregate, source: deals, function: count, time: closed}
            """;

    @Autowired MetricCatalog catalog;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;
    @Autowired DemoOrganization demo;
    DemoFixture org;
    Viewer admin;
    String run;

    @BeforeEach
    void demo() {
        org = new DemoFixture(jdbc, demo);
        admin = viewer(ADMIN);
        run = "r" + RUN.incrementAndGet() + "_";
        save(run + "base", VALID);
    }

    static Stream<Arguments> invalidDefinitions() {
        return Stream.of(
                invalid("an unknown kind", "kind: result", "kind", "is 'result', which is not one of primary, secondary"),
                invalid("an unknown unit", "unit: dollars", "unit", "not one of count, currency, percent, duration, ratio"),
                invalid("an unknown area", "area: sales", "area", "not one of acquisition, conversion"),
                invalid("a missing direction", "direction: null", "direction", "is required"),
                invalid("a missing name", "name: '  '", "name", "is required"),
                invalid("too many decimals", "decimals: 9", "decimals", "is 9; it is 0 to 6"),
                invalid("an unknown field", "colour: red", "colour", "is not a field here"),
                invalid("an owner from nowhere", "owner: nobody@nowhere.dev", "owner", "is not the e-mail address of a person in this company"),
                invalid("an unknown parent", "parent: nothing_here", "parent", "is 'nothing_here', which is not a metric of this company"),
                invalid("an unknown formula type", "formula: {type: magic}", "formula.type", "is 'magic', which is not one of aggregate"),
                invalid("a missing formula", "formula: null", "formula", "is required"),
                invalid("an unknown source", "formula: {type: aggregate, source: tickets, function: count, time: closed}",
                        "formula.source", "is 'tickets', which is not one of activities, deals, revenue"),
                invalid("count of a field", "formula: {type: aggregate, source: deals, function: count, field: amount, time: closed}",
                        "formula.field", "must be left out for count"),
                invalid("sum without a field", "formula: {type: aggregate, source: deals, function: sum, time: closed}",
                        "formula.field", "is required for sum of deals: one of amount, weightedAmount, cycleDays"),
                invalid("a sum of activities' amount", "formula: {type: aggregate, source: activities, function: sum, field: amount, time: occurred}",
                        "formula.field", "is 'amount', which sum of activities cannot take; use one of quantity"),
                invalid("a distinct count of an unknown field", "formula: {type: aggregate, source: revenue, function: count_distinct, field: stage, time: month}",
                        "formula.field", "use one of source, accountRef, segment, industry, person, account"),
                invalid("activities filtered by stage", "formula: {type: aggregate, source: activities, function: count, time: occurred, filters: [{field: stage, values: [won]}]}",
                        "formula.filters[0].field", "is 'stage', which activities cannot be filtered on"),
                invalid("a filter without values", "formula: {type: aggregate, source: deals, function: count, time: closed, filters: [{field: stage, values: []}]}",
                        "formula.filters[0].values", "must list at least one value"),
                invalid("a yes-or-no filter with another value", "formula: {type: aggregate, source: deals, function: count, time: open_at_end, filters: [{field: hasAmount, values: ['yes']}]}",
                        "formula.filters[0].values[0]", "hasAmount is 'true' or 'false'"),
                invalid("an unknown outcome", "formula: {type: aggregate, source: deals, function: count, time: closed, filters: [{field: outcome, values: [closed]}]}",
                        "formula.filters[0].values[0]", "a deal's outcome is open, won, lost"),
                invalid("activities by closing date", "formula: {type: aggregate, source: activities, function: count, time: closed}",
                        "formula.time", "is closed, which activities do not have; use occurred"),
                invalid("deals by month", "formula: {type: aggregate, source: deals, function: count, time: month}",
                        "formula.time", "use created, closed, open_at_end"),
                invalid("revenue by occurrence", "formula: {type: aggregate, source: revenue, function: sum, field: mrr, time: occurred}",
                        "formula.time", "use month"),
                invalid("an attainment of an unknown metric", "formula: {type: attainment, metric: nope}",
                        "formula.metric", "refers to 'nope', which is not a metric of this company"),
                invalid("an attainment without its metric", "formula: {type: attainment}", "formula.metric", "is required"),
                invalid("the target of an unknown metric", "formula: {type: target, metric: nope}",
                        "formula.metric", "refers to 'nope', which is not a metric of this company"),
                invalid("a ratio of an unknown metric", "formula: {type: ratio, numerator: nope, denominator: nope_either}",
                        "formula.numerator", "refers to 'nope', which is not a metric of this company"),
                invalid("a ratio without denominator", "formula: {type: ratio, numerator: $base}", "formula.denominator", "is required"),
                invalid("a derived formula over an unknown metric", "formula: {type: derived, expression: '$base * missing_metric'}",
                        "formula.expression", "refers to 'missing_metric'"),
                invalid("a derived formula that does not parse", "formula: {type: derived, expression: '$base +'}",
                        "formula.expression", "cannot be read"),
                invalid("a derived formula with another function", "formula: {type: derived, expression: 'SQRT($base)'}",
                        "formula.expression", "uses the function SQRT; only MIN, MAX and IF are allowed"),
                invalid("a derived formula with a power", "formula: {type: derived, expression: '$base ^ 2'}",
                        "formula.expression", "uses the operator ^"),
                invalid("a derived formula with text", "formula: {type: derived, expression: '\"a\" + $base'}",
                        "formula.expression", "contains the text"),
                invalid("a cumulative metric of an unknown base", "formula: {type: cumulative, base: gone, window: rolling, days: 90}",
                        "formula.base", "refers to 'gone'"),
                invalid("period to date of a day", "formula: {type: cumulative, base: $base, window: period_to_date, toDateOf: day}",
                        "formula.toDateOf", "is day for period_to_date; use week, month, quarter or year"),
                invalid("period to date without its grain", "formula: {type: cumulative, base: $base, window: period_to_date}",
                        "formula.toDateOf", "is required for period_to_date"),
                invalid("a rolling window of no days", "formula: {type: cumulative, base: $base, window: rolling, days: 0}",
                        "formula.days", "is 0 for a rolling window; it is 1 to 3660"),
                invalid("a rolling window of eleven years", "formula: {type: cumulative, base: $base, window: rolling, days: 4000}",
                        "formula.days", "is 4000 for a rolling window"),
                invalid("a rolling window without days", "formula: {type: cumulative, base: $base, window: rolling}",
                        "formula.days", "is required for a rolling window"),
                invalid("a rolling window of half a day", "formula: {type: cumulative, base: $base, window: rolling, days: 0.5}",
                        "formula.days", "must be a whole number"),
                invalid("a conversion to the same stage", "formula: {type: stage_conversion, from: proposal, to: proposal}",
                        "formula.to", "is the same stage as formula.from"),
                invalid("an unknown retention measure", "formula: {type: retention, measure: happiness}",
                        "formula.measure", "is 'happiness', which is not one of mrr, arr"));
    }

    private static Arguments invalid(String what, String change, String field, String reason) {
        return Arguments.of(what, change, field, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidDefinitions")
    void anInvalidDefinitionIsRefusedNamingTheFieldAndReasonAndNothingIsSaved(String what, String change, String field, String reason) {
        String key = run + "bad";
        Map<String, Object> document = yaml(VALID);
        document.putAll(yaml(change.replace("$base", run + "base")));
        var refusal = catchThrowableOfType(InvalidDefinitionsException.class, () -> catalog.saveDocument(admin, key, document));
        assertThat(refusal).as(what).isNotNull();
        assertThat(refusal.problems()).as(what).anySatisfy(p -> {
            assertThat(p.metric()).isEqualTo(key);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.reason()).contains(reason.replace("$base", run + "base"));
        });
        assertThat(catalog.find(admin.companyId(), key)).isEmpty();
        assertThat(catalog.history(admin.companyId(), key)).isEmpty();
    }

    @Test
    void aKeyIsLowerCaseLettersDigitsAndUnderscoresAndNotAPathOfTheApi() {
        assertThatThrownBy(() -> save("Win-Rate", VALID)).isInstanceOf(InvalidDefinitionsException.class)
                .hasMessageContaining("key is 'Win-Rate': a key is a lower-case letter");
        assertThatThrownBy(() -> save("export", VALID)).hasMessage("key 'export' is reserved; choose another key");
        assertThat(save(run + "ok_2", VALID).created()).isTrue();
    }

    @Test
    void everyValidFormulaTypeIsSavedAndReadBackAsItWasWritten() {
        String b = run + "base";
        for (String formula : new String[]{
                "{type: aggregate, source: activities, function: sum, field: quantity, time: occurred, filters: [{field: type, values: [call, meeting]}, {field: source, values: [logger], negate: true}]}",
                "{type: aggregate, source: deals, function: count, time: open_at_end, filters: [{field: hasAmount, values: ['true']}]}",
                "{type: aggregate, source: revenue, function: count_distinct, field: account, time: month}",
                "{type: ratio, numerator: " + b + ", denominator: " + b + "}",
                "{type: derived, expression: 'IF(" + b + " > 0, MAX(" + b + ", 2) / " + b + ", -1)'}",
                "{type: cumulative, base: " + b + ", window: period_to_date, toDateOf: quarter}",
                "{type: cumulative, base: " + b + ", window: rolling, days: 90}",
                "{type: stage_conversion, from: qualification, to: proposal, withinDays: 30}",
                "{type: retention, measure: nrr}",
                "{type: manual}",
                "{type: attainment, metric: " + b + "}",
                "{type: target, metric: " + b + "}"}) {
            Map<String, Object> document = yaml(VALID);
            document.put("formula", yaml("f: " + formula).get("f"));
            String key = run + "ok_" + Math.abs(formula.hashCode() % 10000);
            MetricCatalog.Saved saved = catalog.saveDocument(admin, key, document);
            assertThat(catalog.document(admin.companyId(), saved.definition()).get("formula")).as(formula).isEqualTo(document.get("formula"));
        }
    }

    @Test
    void aFormulaThatComesBackToItselfIsRefusedNamingTheCycle() {
        String a = run + "a";
        String b = run + "b";
        String c = run + "c";
        save(a, VALID);
        save(b, formula(VALID, "{type: ratio, numerator: " + a + ", denominator: " + run + "base}"));
        save(c, formula(VALID, "{type: derived, expression: '" + b + " * 2'}"));

        assertThatThrownBy(() -> save(a, formula(VALID, "{type: cumulative, base: " + c + ", window: rolling, days: 7}")))
                .isInstanceOf(InvalidDefinitionsException.class)
                .hasMessage("formula.base makes a cycle: %s -> %s -> %s -> %s", a, c, b, a);
        assertThatThrownBy(() -> save(run + "self", formula(VALID, "{type: derived, expression: '" + run + "self + 1'}")))
                .hasMessage("formula.expression makes a cycle: %1$sself -> %1$sself", run);
        assertThat(catalog.find(admin.companyId(), a).orElseThrow().formula()).isInstanceOf(Formula.Aggregate.class);
    }

    @Test
    void aKpiTreeParentMayNotBeAnAncestorOfItself() {
        save(run + "child", VALID + "parent: " + run + "base\n");
        assertThatThrownBy(() -> save(run + "base", VALID + "parent: " + run + "child\n"))
                .hasMessage("parent makes a cycle in the KPI tree: %1$sbase -> %1$schild -> %1$sbase", run);
    }

    @Test
    void everyEditKeepsTheWholeDefinitionBeforeAndAfterWithWhoAndWhen() {
        String key = run + "edited";
        save(key, VALID);
        save(key, VALID.replace("Test metric", "Renamed metric"));
        assertThat(save(key, VALID.replace("Test metric", "Renamed metric")).created()).isFalse(); // unchanged: no version
        save(key, VALID.replace("Test metric", "Renamed metric") + "owner: " + REP + "\n");

        var history = catalog.history(admin.companyId(), key);
        assertThat(history).extracting(MetricVersion::version).containsExactly(1, 2, 3);
        assertThat(history).extracting(MetricVersion::change).containsExactly(Change.CREATED, Change.UPDATED, Change.UPDATED);
        assertThat(history.get(0).before()).isNull();
        assertThat(history.get(1).before()).containsEntry("name", "Test metric").containsEntry("formula", yaml(VALID).get("formula"));
        assertThat(history.get(1).after()).containsEntry("name", "Renamed metric").doesNotContainKey("owner");
        assertThat(history.get(2).after()).containsEntry("owner", REP);
        assertThat(history.get(2).changedById()).isEqualTo(admin.personId());
        assertThat(history.get(2).changedByName()).isEqualTo(admin.displayName());
        assertThat(history.get(2).changedAt()).isAfterOrEqualTo(history.get(1).changedAt());
        assertThat(catalog.find(admin.companyId(), key).orElseThrow().ownerId()).isEqualTo(org.person(REP));
    }

    @Test
    void aMetricOthersUseCannotBeDeletedAndADeletedOneKeepsItsHistory() {
        String used = run + "used";
        save(used, VALID);
        save(run + "user_one", formula(VALID, "{type: ratio, numerator: " + used + ", denominator: " + run + "base}"));
        save(run + "user_two", VALID + "parent: " + used + "\n");

        assertThatThrownBy(() -> catalog.delete(admin, used)).isInstanceOf(ConflictException.class)
                .hasMessage("metric '%1$sused' is used by %1$suser_one, %1$suser_two (in a formula or as KPI-tree parent); change or delete those first", run);
        catalog.delete(admin, run + "user_one");
        catalog.delete(admin, run + "user_two");
        catalog.delete(admin, used);

        assertThat(catalog.find(admin.companyId(), used)).isEmpty();
        var history = catalog.history(admin.companyId(), used);
        assertThat(history).extracting(MetricVersion::change).containsExactly(Change.CREATED, Change.DELETED);
        assertThat(history.get(1).after()).isNull();
        assertThat(history.get(1).before()).containsEntry("key", used);
        // The same key can start again; its versions go on from the last one.
        save(used, VALID);
        assertThat(catalog.history(admin.companyId(), used)).extracting(MetricVersion::version).containsExactly(1, 2, 3);
    }

    @Test
    void onlyCompanyAdminsChangeDefinitionsAndAnotherCompanyDoesNotSeeThem() {
        assertThatThrownBy(() -> catalog.saveDocument(viewer(REP), run + "reps", yaml(VALID))).isInstanceOf(AccessRefusedException.class)
                .hasMessageContaining("only company admins can define and change metrics");
        assertThatThrownBy(() -> catalog.delete(viewer(REP), run + "base")).isInstanceOf(AccessRefusedException.class);
        Viewer other = viewer("admin@other.northstar.dev");
        assertThat(catalog.find(other.companyId(), run + "base")).isEmpty();
        assertThat(catalog.all(admin.companyId())).extracting(MetricDefinition::key).contains(run + "base");
        assertThat(catalog.all(other.companyId())).extracting(MetricDefinition::key).doesNotContain(run + "base");
    }

    @Test
    void theJavaApiChecksTheOwnerIsAPersonOfTheCompany() {
        MetricDefinition base = catalog.find(admin.companyId(), run + "base").orElseThrow();
        long stranger = org.person("admin@other.northstar.dev");
        MetricDefinition owned = new MetricDefinition(run + "owned", "Owned", null, base.kind(), null, null, null, null, base.unit(), 0,
                base.direction(), stranger, null, null, null, null, base.formula());
        assertThatThrownBy(() -> catalog.save(admin, owned)).isInstanceOf(InvalidDefinitionsException.class)
                .hasMessage("owner is person %d, who is not a person of this company", stranger);
    }

    private MetricCatalog.Saved save(String key, String yamlDocument) {
        return catalog.saveDocument(admin, key, yaml(yamlDocument));
    }

    private static String formula(String document, String formula) {
        return document.replaceAll("formula: .*\n", "formula: " + formula + "\n");
    }

    private Viewer viewer(String email) {
        long person = org.person(email);
        long company = jdbc.sql("select company_id from person where id = ?").param(person).query(Long.class).single();
        return directory.viewer(company, person).orElseThrow();
    }

    static Map<String, Object> yaml(String text) {
        return new LinkedHashMap<>(new Yaml().<Map<String, Object>>load(text));
    }
}

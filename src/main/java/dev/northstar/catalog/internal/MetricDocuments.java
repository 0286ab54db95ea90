package dev.northstar.catalog.internal;

import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonEntry;
import dev.northstar.catalog.DefinitionProblem;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricDefinition.Area;
import dev.northstar.catalog.MetricDefinition.Cadence;
import dev.northstar.catalog.MetricDefinition.Category;
import dev.northstar.catalog.MetricDefinition.Direction;
import dev.northstar.catalog.MetricDefinition.Kind;
import dev.northstar.catalog.MetricDefinition.Purpose;
import dev.northstar.catalog.MetricDefinition.Timing;
import dev.northstar.catalog.MetricDefinition.Unit;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;


/**
 * A metric definition as a document: the JSON of the API, an entry of the YAML file and a version in the history are
 * the same map, fields in a fixed order, empty fields left out, enum values in lower case, the formula as
 * {@link FormulaDocuments} writes it. The owner is written as the person's e-mail address, which means the same
 * person in every copy of Northstar (an id would not survive an export into another installation).
 */
@Component
public class MetricDocuments {

    /** The fields of a document, in the order they are written. */
    public static final Set<String> FIELDS = new LinkedHashSet<>(List.of("key", "name", "description", "kind", "timing", "category",
            "area", "parent", "unit", "decimals", "direction", "owner", "cadence", "reviewMeeting", "actionWhenWorse", "purpose", "formula"));

    private final OrganizationDirectory directory;

    MetricDocuments(OrganizationDirectory directory) {
        this.directory = directory;
    }

    /** Writes definitions of one company; owners' addresses are looked up once, and only when a definition has one. */
    public Function<MetricDefinition, Map<String, Object>> writer(long companyId) {
        Map<Long, String> emails = new LinkedHashMap<>();
        return definition -> {
            if (definition.ownerId() != null && emails.isEmpty()) {
                emails.putAll(directory.everyone(companyId).stream().collect(Collectors.toMap(e -> e.ref().id(), PersonEntry::email)));
            }
            return write(definition, emails::get);
        };
    }

    public Map<String, Object> write(long companyId, MetricDefinition definition) {
        return writer(companyId).apply(definition);
    }

    /**
     * Reads one document; the key comes from the document or, when the document has none, from {@code key} (the
     * API's path). Every problem is added to {@code problems}, named by the metric's key; what cannot be read is null.
     */
    public MetricDefinition read(long companyId, Object document, String key, List<DefinitionProblem> problems) {
        String metric = key;
        if (document instanceof Map<?, ?> map && map.get("key") != null) {
            metric = String.valueOf(map.get("key"));
        }
        DocumentReader reader = new DocumentReader(metric, problems);
        if (!(document instanceof Map<?, ?>)) {
            reader.problem("definition", "must be an object with the fields " + String.join(", ", FIELDS));
            return null;
        }
        Map<String, Object> f = reader.object(document, "", FIELDS);
        if (key != null && f.get("key") != null && !key.equals(metric)) {
            reader.problem("key", "is '" + metric + "' but the address names '" + key + "'; send the same key in both");
        }
        Integer decimals = reader.integer(f, "decimals", "decimals");
        return new MetricDefinition(metric,
                reader.text(f, "name", "name"),
                reader.text(f, "description", "description"),
                reader.choice(f, "kind", "kind", Kind.class),
                reader.choice(f, "timing", "timing", Timing.class),
                reader.choice(f, "category", "category", Category.class),
                reader.choice(f, "area", "area", Area.class),
                reader.text(f, "parent", "parent"),
                reader.choice(f, "unit", "unit", Unit.class),
                decimals == null ? 0 : decimals,
                reader.choice(f, "direction", "direction", Direction.class),
                owner(companyId, reader.text(f, "owner", "owner"), reader),
                reader.choice(f, "cadence", "cadence", Cadence.class),
                reader.text(f, "reviewMeeting", "reviewMeeting"),
                reader.text(f, "actionWhenWorse", "actionWhenWorse"),
                reader.choice(f, "purpose", "purpose", Purpose.class),
                f.containsKey("formula") ? FormulaDocuments.read(f.get("formula"), "formula", reader) : missingFormula(reader));
    }

    private static dev.northstar.catalog.Formula missingFormula(DocumentReader reader) {
        reader.problem("formula", "is required");
        return null;
    }

    private Long owner(long companyId, String email, DocumentReader reader) {
        if (email == null || email.isBlank()) {
            return null;
        }
        var person = directory.personByEmail(companyId, email.strip());
        if (person.isEmpty()) {
            reader.problem("owner", "is '" + email + "', which is not the e-mail address of a person in this company");
            return null;
        }
        return person.get().id();
    }

    private static Map<String, Object> write(MetricDefinition d, Function<Long, String> ownerEmail) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("key", d.key());
        document.put("name", d.name());
        put(document, "description", d.description());
        put(document, "kind", EnumWords.of(d.kind()));
        put(document, "timing", EnumWords.of(d.timing()));
        put(document, "category", EnumWords.of(d.category()));
        put(document, "area", EnumWords.of(d.area()));
        put(document, "parent", d.parentKey());
        put(document, "unit", EnumWords.of(d.unit()));
        document.put("decimals", d.decimals());
        put(document, "direction", EnumWords.of(d.direction()));
        put(document, "owner", d.ownerId() == null ? null : ownerEmail.apply(d.ownerId()));
        put(document, "cadence", EnumWords.of(d.cadence()));
        put(document, "reviewMeeting", d.reviewMeeting());
        put(document, "actionWhenWorse", d.actionWhenWorse());
        put(document, "purpose", EnumWords.of(d.purpose()));
        put(document, "formula", d.formula() == null ? null : FormulaDocuments.write(d.formula()));
        return document;
    }

    private static void put(Map<String, Object> document, String name, Object value) {
        if (value != null) {
            document.put(name, value);
        }
    }
}

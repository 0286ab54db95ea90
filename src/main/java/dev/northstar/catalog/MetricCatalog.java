package dev.northstar.catalog;

import dev.northstar.access.AccessPolicy;
import dev.northstar.access.OrganizationDirectory;
import dev.northstar.access.OrganizationDirectory.PersonRef;
import dev.northstar.access.Viewer;
import dev.northstar.catalog.MetricVersion.Change;
import dev.northstar.catalog.internal.DefinitionRules;
import dev.northstar.catalog.internal.KeyMetricLevelStore;
import dev.northstar.catalog.internal.LevelNames;
import dev.northstar.catalog.internal.MetricDefinitionStore;
import dev.northstar.catalog.internal.MetricDocuments;
import dev.northstar.catalog.internal.MetricsYaml;
import dev.northstar.catalog.internal.References;
import dev.northstar.shared.ConflictException;
import dev.northstar.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The company's metric definitions (C3): the public API of the catalog. Definitions are locked: each is checked as a
 * whole before it is saved (fields, formula, references to other metrics, cycles), every change appends a version
 * with the whole definition before and after it, and a metric that others use cannot be deleted. Everyone in the
 * company may read definitions; company admins change them.
 */
@Service
@Transactional
public class MetricCatalog {

    /** The definition as stored, and whether this save created it. */
    public record Saved(MetricDefinition definition, boolean created) {
    }

    /** What a batch (an import, the library) did or, in a dry run, would do: keys of created, updated and unchanged metrics. */
    public record Changes(List<String> created, List<String> updated, List<String> unchanged) {
    }

    private final MetricDefinitionStore store;
    private final MetricDocuments documents;
    private final KeyMetricLevelStore levels;
    private final LevelNames levelNames;
    private final AccessPolicy policy;
    private final OrganizationDirectory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    MetricCatalog(MetricDefinitionStore store, MetricDocuments documents, KeyMetricLevelStore levels, LevelNames levelNames,
                  AccessPolicy policy, OrganizationDirectory directory, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.documents = documents;
        this.levels = levels;
        this.levelNames = levelNames;
        this.policy = policy;
        this.directory = directory;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<MetricDefinition> find(long companyId, String key) {
        return store.find(companyId, key);
    }

    /** Every definition of the company, by key. */
    @Transactional(readOnly = true)
    public List<MetricDefinition> all(long companyId) {
        return store.all(companyId);
    }

    /** Every change to the metric, oldest first, also after it was deleted; empty when it never existed. */
    @Transactional(readOnly = true)
    public List<MetricVersion> history(long companyId, String key) {
        Map<Long, String> names = new HashMap<>();
        return store.versions(companyId, key).stream()
                .map(v -> new MetricVersion(v.version(), v.change(), v.changedAt(), v.changedBy(),
                        v.changedBy() == null ? null : names.computeIfAbsent(v.changedBy(),
                                id -> directory.person(companyId, id).map(PersonRef::name).orElse(null)),
                        v.before(), v.after()))
                .toList();
    }

    /** Creates or replaces a definition (company admins). */
    public Saved save(Viewer viewer, MetricDefinition definition) {
        Changes changes = write(viewer, List.of(definition), List.of(), false);
        return new Saved(store.find(viewer.companyId(), definition.key()).orElseThrow(), changes.created().contains(definition.key()));
    }

    /**
     * Creates or replaces a definition given as a document (the API's JSON), named {@code key}; every problem, from an
     * unknown enum value to a cycle, is reported at once.
     */
    public Saved saveDocument(Viewer viewer, String key, Object document) {
        refuseUnlessAdmin(viewer);
        List<DefinitionProblem> problems = new ArrayList<>();
        MetricDefinition definition = documents.read(viewer.companyId(), document, key, problems);
        if (definition == null) {
            throw new InvalidDefinitionsException(problems);
        }
        Changes changes = write(viewer, List.of(definition), problems, false);
        return new Saved(store.find(viewer.companyId(), key).orElseThrow(), changes.created().contains(key));
    }

    /** The definition as a document, as the API and the YAML file show it. */
    public Map<String, Object> document(long companyId, MetricDefinition definition) {
        return documents.write(companyId, definition);
    }

    /** Every definition of the company as one YAML file (metrics as code), in key order. */
    @Transactional(readOnly = true)
    public String exportYaml(long companyId) {
        return MetricsYaml.write(store.all(companyId).stream().map(documents.writer(companyId)).toList());
    }

    /**
     * Imports a YAML file as {@link #exportYaml} writes it (company admins): everything is checked first, and when
     * anything is wrong nothing is written and every problem is reported, each naming the metric, the field and the
     * reason. Otherwise new metrics are created and changed ones updated, each with a version; metrics the file does
     * not mention are left alone. A dry run checks and reports without writing.
     */
    public Changes importYaml(Viewer viewer, String yaml, boolean dryRun) {
        refuseUnlessAdmin(viewer);
        List<Object> entries = MetricsYaml.read(yaml);
        List<DefinitionProblem> problems = new ArrayList<>();
        List<MetricDefinition> batch = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (!(entry instanceof Map<?, ?> map) || map.get("key") == null) {
                problems.add(new DefinitionProblem("metrics[" + i + "]", entry instanceof Map<?, ?> ? "key" : "definition",
                        entry instanceof Map<?, ?> ? "is required" : "must be an object with the fields of a metric definition"));
                continue;
            }
            MetricDefinition definition = documents.read(viewer.companyId(), entry, null, problems);
            if (definition != null) {
                batch.add(definition);
            }
        }
        return write(viewer, batch, problems, dryRun);
    }

    /** Deletes a metric that no other metric uses and no level adds as a key metric (company admins); its history stays. */
    public void delete(Viewer viewer, String key) {
        refuseUnlessAdmin(viewer);
        long companyId = viewer.companyId();
        store.lock(companyId);
        MetricDefinition definition = store.find(companyId, key).orElseThrow(() -> new NotFoundException("Metric", key));
        List<String> users = References.referrers(key, byKey(store.all(companyId)));
        if (!users.isEmpty()) {
            throw new ConflictException("metric '" + key + "' is used by " + String.join(", ", users)
                    + " (in a formula or as KPI-tree parent); change or delete those first");
        }
        List<KeyMetricLevel> levels = this.levels.levelsAdding(companyId, key);
        if (!levels.isEmpty()) {
            throw new ConflictException("metric '" + key + "' is a key metric of "
                    + levels.stream().map(level -> levelNames.of(companyId, level)).collect(Collectors.joining(", "))
                    + "; take it off those levels first");
        }
        this.levels.forgetHides(companyId, key);
        store.delete(companyId, key);
        store.appendVersion(companyId, key, Change.DELETED, now(), viewer.personId(), documents.write(companyId, definition), null);
        events.publishEvent(new MetricDefinitionsChanged(companyId, List.of(key)));
    }

    /**
     * Checks a batch against the catalog as it would be afterwards and, unless this is a dry run, writes it: new
     * definitions are created, changed ones replaced, each with a version; identical ones are left alone. Nothing is
     * written when anything is wrong. {@code readingProblems} are those found while reading the batch: definitions
     * with such problems still count as existing for the others' references, but are not checked further.
     */
    Changes write(Viewer viewer, List<MetricDefinition> batch, List<DefinitionProblem> readingProblems, boolean dryRun) {
        refuseUnlessAdmin(viewer);
        long companyId = viewer.companyId();
        store.lock(companyId);
        Map<String, MetricDefinition> stored = byKey(store.all(companyId));
        Map<String, MetricDefinition> all = new LinkedHashMap<>(stored);
        List<DefinitionProblem> problems = new ArrayList<>(readingProblems);
        Set<String> unreadable = new HashSet<>();
        readingProblems.forEach(p -> unreadable.add(p.metric()));
        Set<String> seen = new HashSet<>();
        List<MetricDefinition> checked = new ArrayList<>();
        for (MetricDefinition definition : batch) {
            if (definition.key() != null && !seen.add(definition.key())) {
                problems.add(new DefinitionProblem(definition.key(), "key", "appears more than once; each metric is defined once"));
                continue;
            }
            if (definition.key() != null) {
                all.put(definition.key(), definition);
            }
            if (!unreadable.contains(definition.key())) {
                checked.add(definition);
            }
        }
        problems.addAll(DefinitionRules.check(checked, all, id -> directory.person(companyId, id).isPresent()));
        if (!problems.isEmpty()) {
            throw new InvalidDefinitionsException(problems);
        }
        return apply(viewer, checked, stored, dryRun);
    }

    private Changes apply(Viewer viewer, List<MetricDefinition> batch, Map<String, MetricDefinition> stored, boolean dryRun) {
        long companyId = viewer.companyId();
        Function<MetricDefinition, Map<String, Object>> document = documents.writer(companyId);
        Instant now = now();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (MetricDefinition definition : batch) {
            MetricDefinition before = stored.get(definition.key());
            if (before == null) {
                created.add(definition.key());
                if (!dryRun) {
                    store.insert(companyId, definition, now, viewer.personId());
                    store.appendVersion(companyId, definition.key(), Change.CREATED, now, viewer.personId(), null, document.apply(definition));
                }
            } else if (before.equals(definition)) {
                unchanged.add(definition.key());
            } else {
                updated.add(definition.key());
                if (!dryRun) {
                    store.update(companyId, definition, now, viewer.personId());
                    store.appendVersion(companyId, definition.key(), Change.UPDATED, now, viewer.personId(),
                            document.apply(before), document.apply(definition));
                }
            }
        }
        if (!dryRun && created.size() + updated.size() > 0) {
            List<String> changed = new ArrayList<>(created);
            changed.addAll(updated);
            events.publishEvent(new MetricDefinitionsChanged(companyId, changed));
        }
        return new Changes(created, updated, unchanged);
    }

    private void refuseUnlessAdmin(Viewer viewer) {
        policy.companyData(viewer, "define and change metrics").orRefuse();
    }

    private Instant now() {
        return clock.instant();
    }

    private static Map<String, MetricDefinition> byKey(List<MetricDefinition> definitions) {
        Map<String, MetricDefinition> byKey = new LinkedHashMap<>();
        definitions.forEach(d -> byKey.put(d.key(), d));
        return byKey;
    }
}

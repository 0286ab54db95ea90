package dev.northstar.catalog.api;

import dev.northstar.access.Viewer;
import dev.northstar.catalog.DefinitionProblem;
import dev.northstar.catalog.InvalidDefinitionsException;
import dev.northstar.catalog.MetricCatalog;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.catalog.MetricLibrary;
import dev.northstar.catalog.MetricVersion;
import dev.northstar.shared.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The metric catalog's JSON API, and its YAML file (metrics as code). Everyone in the company reads definitions;
 * company admins change them ({@link MetricCatalog} asks the access policy).
 */
@RestController
@RequestMapping(path = "/api/v1/metrics", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Metrics", description = "Metric definitions, their history, the built-in library, and the catalog as a YAML file")
class MetricsApi {

    static final String YAML = "application/yaml";
    private static final String DOCUMENT = "A definition: key, name, description, kind (primary, secondary), timing (leading, lagging), "
            + "category (activity, performance, customer_satisfaction), area (acquisition, conversion, activation, retention, expansion, "
            + "operations), parent (a metric key), unit (count, currency, percent, duration, ratio), decimals (0-6), direction "
            + "(higher_is_better, lower_is_better), owner (a person's e-mail), cadence (daily, weekly, monthly, quarterly), reviewMeeting, "
            + "actionWhenWorse, purpose (reporting, operating), formula ({type: aggregate|ratio|derived|cumulative|stage_conversion|"
            + "retention|manual|attainment|target, ...}).";

    private final MetricCatalog catalog;
    private final MetricLibrary library;

    MetricsApi(MetricCatalog catalog, MetricLibrary library) {
        this.catalog = catalog;
        this.library = library;
    }

    @GetMapping
    @Operation(summary = "Every metric definition of the company, by key", description = DOCUMENT)
    List<Map<String, Object>> all(Viewer viewer) {
        return catalog.all(viewer.companyId()).stream().map(d -> catalog.document(viewer.companyId(), d)).toList();
    }

    @GetMapping("/{key}")
    @Operation(summary = "One metric definition")
    Map<String, Object> one(Viewer viewer, @PathVariable String key) {
        return catalog.document(viewer.companyId(), definition(viewer, key));
    }

    @PutMapping(path = "/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace a metric definition (company admins)", description = DOCUMENT
            + " Answers 201 when created, 200 when replaced, with the stored definition; every problem is listed in errors.")
    ResponseEntity<Map<String, Object>> put(Viewer viewer, @PathVariable String key, @RequestBody Object document) {
        MetricCatalog.Saved saved = catalog.saveDocument(viewer, key, document);
        return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(catalog.document(viewer.companyId(), saved.definition()));
    }

    @DeleteMapping("/{key}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a metric no other metric and no level uses (company admins); its history stays")
    void delete(Viewer viewer, @PathVariable String key) {
        catalog.delete(viewer, key);
    }

    @GetMapping("/{key}/history")
    @Operation(summary = "Every change to a metric, oldest first, with who, when, and the definition before and after; also after deletion")
    List<MetricVersion> history(Viewer viewer, @PathVariable String key) {
        List<MetricVersion> history = catalog.history(viewer.companyId(), key);
        if (history.isEmpty()) {
            throw new NotFoundException("Metric", key);
        }
        return history;
    }

    @PostMapping("/library")
    @Operation(summary = "Install the built-in library of sales KPIs (company admins)",
            description = "Adds the library's metrics the company does not have and leaves the keys it has alone; answers what was added and skipped.")
    MetricLibrary.Installed installLibrary(Viewer viewer) {
        return library.install(viewer);
    }

    @GetMapping(path = "/export", produces = YAML)
    @Operation(summary = "Every definition as one YAML file (metrics as code)")
    ResponseEntity<String> export(Viewer viewer) {
        return ResponseEntity.ok()
                .contentType(new MediaType("application", "yaml", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"metrics.yaml\"")
                .body(catalog.exportYaml(viewer.companyId()));
    }

    /** What an import did or, in a dry run, would do. */
    record ImportAnswer(boolean dryRun, List<String> created, List<String> updated, List<String> unchanged) {
    }

    @PostMapping(path = "/import", consumes = {YAML, "application/x-yaml", "text/yaml"})
    @Operation(summary = "Import a YAML file of definitions (company admins)",
            description = "All or nothing: every definition is checked first and, when anything is wrong, nothing is written and every "
                    + "problem is listed (metric, field, reason). Creates new metrics, updates changed ones (with history), leaves the rest; "
                    + "dryRun=true only checks and reports.")
    ImportAnswer importYaml(Viewer viewer, @RequestBody byte[] body, @RequestParam(defaultValue = "false") boolean dryRun) {
        MetricCatalog.Changes changes = catalog.importYaml(viewer, new String(body, StandardCharsets.UTF_8), dryRun);
        return new ImportAnswer(dryRun, changes.created(), changes.updated(), changes.unchanged());
    }

    /** Like any bad input (400, the first problem's field), with every problem listed. */
    @ExceptionHandler(InvalidDefinitionsException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidDefinitionsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid input");
        problem.setProperty("field", e.field());
        problem.setProperty("errors", e.problems().stream().map(MetricsApi::error).toList());
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static Map<String, String> error(DefinitionProblem problem) {
        return Map.of("metric", String.valueOf(problem.metric()), "field", problem.field(), "reason", problem.reason());
    }

    private MetricDefinition definition(Viewer viewer, String key) {
        return catalog.find(viewer.companyId(), key).orElseThrow(() -> new NotFoundException("Metric", key));
    }
}

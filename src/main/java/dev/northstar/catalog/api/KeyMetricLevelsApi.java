package dev.northstar.catalog.api;

import dev.northstar.access.Viewer;
import dev.northstar.catalog.KeyMetricLevel.Mode;
import dev.northstar.catalog.KeyMetricLevels;
import dev.northstar.catalog.ResolvedKeyMetrics;
import dev.northstar.catalog.TrackingFrequencies;
import dev.northstar.catalog.TrackingFrequencies.Frequency;
import dev.northstar.catalog.internal.EnumWords;
import dev.northstar.shared.InvalidInputException;
import dev.northstar.shared.Scope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/** Which key metrics each level tracks, and how often (C4). Access is decided by {@link KeyMetricLevels}. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Key metrics", description = "Key metrics by company, department and team level, and tracking frequencies")
class KeyMetricLevelsApi {

    private static final String SCOPE = "Scopes: company, department:{id}, team:{id}, person:{id} (a person follows their team).";

    private final KeyMetricLevels levels;

    KeyMetricLevelsApi(KeyMetricLevels levels) {
        this.levels = levels;
    }

    @GetMapping("/scopes/{scope}/key-metric-levels")
    @Operation(summary = "The key metrics in force for a scope, each with its origin (OWN, TEAM, DEPARTMENT, COMPANY), and the inherited ones hidden there",
            description = SCOPE + " Readable by whoever may see the scope.")
    ResolvedKeyMetrics resolved(Viewer viewer, @PathVariable String scope) {
        return levels.resolved(viewer, Scope.parse(scope));
    }

    /** The body of a level choice; boxed and textual, so that a missing or unknown mode is answered by name. */
    record LevelChoice(String mode) {
    }

    @PutMapping(path = "/scopes/{scope}/key-metric-levels/{key}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a metric to a level, or hide an inherited one there: {\"mode\":\"add\"} or {\"mode\":\"hide\"}",
            description = "Company admins for every level; a department's managers for the department and its teams. Answers the scope's resolved list.")
    ResolvedKeyMetrics choose(Viewer viewer, @PathVariable String scope, @PathVariable String key, @RequestBody LevelChoice choice) {
        return levels.choose(viewer, Scope.parse(scope), key, choice(choice.mode(), "mode", Mode.class));
    }

    @DeleteMapping("/scopes/{scope}/key-metric-levels/{key}")
    @Operation(summary = "Take a level's choice about a metric away: the level inherits it again as the level above has it")
    ResolvedKeyMetrics forget(Viewer viewer, @PathVariable String scope, @PathVariable String key) {
        return levels.forget(viewer, Scope.parse(scope), key);
    }

    @GetMapping("/tracking-frequencies")
    @Operation(summary = "How often primary and secondary key metrics are tracked (default: primary MONTHLY, secondary WEEKLY)")
    TrackingFrequencies frequencies(Viewer viewer) {
        return levels.frequencies(viewer.companyId());
    }

    /** Either may be left out to keep it. */
    record FrequenciesRequest(String primary, String secondary) {
    }

    @PutMapping(path = "/tracking-frequencies", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Set how often each kind of key metric is tracked (company admins): DAILY, WEEKLY, MONTHLY or QUARTERLY")
    TrackingFrequencies setFrequencies(Viewer viewer, @RequestBody FrequenciesRequest request) {
        Frequency primary = request.primary() == null ? null : choice(request.primary(), "primary", Frequency.class);
        Frequency secondary = request.secondary() == null ? null : choice(request.secondary(), "secondary", Frequency.class);
        return levels.setFrequencies(viewer, new TrackingFrequencies(primary, secondary));
    }

    private static <E extends Enum<E>> E choice(String value, String field, Class<E> type) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required: one of " + EnumWords.all(type));
        }
        return EnumWords.parse(value, type)
                .orElseThrow(() -> new InvalidInputException(field, "is '" + value + "', which is not one of " + EnumWords.all(type)));
    }
}

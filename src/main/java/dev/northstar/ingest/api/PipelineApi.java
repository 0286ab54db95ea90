package dev.northstar.ingest.api;

import dev.northstar.access.Viewer;
import dev.northstar.ingest.Deals;
import dev.northstar.ingest.PipelineStages;
import dev.northstar.ingest.PipelineStages.Stage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Pipeline and deals", description = "The company's pipeline stages, and deals with their stage history")
class PipelineApi {

    private final PipelineStages stages;
    private final Deals deals;

    PipelineApi(PipelineStages stages, Deals deals) {
        this.stages = stages;
        this.deals = deals;
    }

    @GetMapping("/pipeline-stages")
    @Operation(summary = "The pipeline's stages in order, with win probability and outcome (OPEN, WON, LOST)")
    List<Stage> stages(Viewer viewer) {
        return stages.stages(viewer);
    }

    @PutMapping("/pipeline-stages")
    @Operation(summary = "Replace the pipeline (company admins)", description = "The list order is the stage order. A stage that deals "
            + "are in cannot be left out; changing a stage's outcome applies to the deals in it.")
    List<Stage> replace(Viewer viewer, @RequestBody List<StageRequest> replacement) {
        return stages.replace(viewer, replacement.stream()
                .map(s -> new Stage(s.key(), s.name(), 0, s.winProbability(), s.outcome())).toList());
    }

    /** A stage as sent: its position is its place in the list. */
    record StageRequest(String key, String name, java.math.BigDecimal winProbability, PipelineStages.Outcome outcome) {
    }

    @GetMapping("/deals/{id}")
    @Operation(summary = "A deal with its stage history (visible to whoever may see its owner)")
    Deals.Deal deal(Viewer viewer, @PathVariable long id) {
        return deals.deal(viewer, id);
    }
}

package dev.northstar.ingest.demo;

import dev.northstar.ingest.PipelineStages;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Locale;

/** The pipeline a company's demo deals move through: its own stages, or the defaults, written on first use. */
@Component
class DemoPipeline {

    private final PipelineStages stages;

    DemoPipeline(PipelineStages stages) {
        this.stages = stages;
    }

    List<Stage> stagesOf(long companyId) {
        return stages.stages(companyId).stream().map(DemoPipeline::stage).toList();
    }

    static Stage stage(PipelineStages.Stage stage) {
        return new Stage(stage.key(), stage.name(), stage.position(), stage.winProbability(), stage.outcome().name().toLowerCase(Locale.ROOT));
    }
}

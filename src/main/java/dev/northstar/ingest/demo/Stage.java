package dev.northstar.ingest.demo;

import java.math.BigDecimal;
import java.util.List;

/** A pipeline stage as the generator moves deals through it; {@code outcome} is open, won or lost. */
public record Stage(String key, String name, int position, BigDecimal winProbability, String outcome) {

    public static final String OPEN = "open";
    public static final String WON = "won";
    public static final String LOST = "lost";

    /** The pipeline of a company that never configured one. */
    public static List<Stage> defaults() {
        return dev.northstar.ingest.PipelineStages.DEFAULTS.stream().map(Stage::of).toList();
    }

    /** A stage of the company's pipeline, as the generator sees it. */
    static Stage of(dev.northstar.ingest.PipelineStages.Stage stage) {
        return new Stage(stage.key(), stage.name(), stage.position(), stage.winProbability(), stage.outcome().stored());
    }

    public boolean open() {
        return OPEN.equals(outcome);
    }
}

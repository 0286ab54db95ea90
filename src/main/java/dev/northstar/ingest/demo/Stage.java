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
        return List.of(
                new Stage("prospecting", "Prospecting", 1, BigDecimal.valueOf(10), OPEN),
                new Stage("qualification", "Qualification", 2, BigDecimal.valueOf(25), OPEN),
                new Stage("proposal", "Proposal", 3, BigDecimal.valueOf(50), OPEN),
                new Stage("negotiation", "Negotiation", 4, BigDecimal.valueOf(75), OPEN),
                new Stage("won", "Won", 5, BigDecimal.valueOf(100), WON),
                new Stage("lost", "Lost", 6, BigDecimal.ZERO, LOST));
    }

    public boolean open() {
        return OPEN.equals(outcome);
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.catalog.MetricDefinition;
import dev.northstar.targets.Targets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Starts an {@link Evaluation} for a company, reading its aggregates one of three ways; everything else (ratios,
 * derived formulas, windows, stage conversion, retention, manual values, targets) is the same in all three.
 */
@Component
public class Evaluations {

    /** Where rolled-up aggregates are read from. */
    public enum Aggregates {
        /** From the raw records: the reference. */
        RAW,
        /** From the rollups where they hold the answer (no cell of the period waiting), else from the raw records. */
        ROLLUPS_WHEN_CURRENT,
        /** From the rollups as they are, even while cells wait: what verify compares with the reference. */
        ROLLUPS_AS_THEY_ARE
    }

    private final JdbcClient jdbc;
    private final ManualValueStore manual;
    private final Targets targets;

    Evaluations(JdbcClient jdbc, ManualValueStore manual, Targets targets) {
        this.jdbc = jdbc;
        this.manual = manual;
        this.targets = targets;
    }

    public Evaluation start(long companyId, Function<String, Optional<MetricDefinition>> others, Aggregates aggregates) {
        AggregateQuery raw = new AggregateQuery(jdbc);
        AggregateValues values = aggregates == Aggregates.RAW ? raw
                : new RolledUpAggregates(new RollupStore(jdbc), raw, aggregates == Aggregates.ROLLUPS_AS_THEY_ARE);
        return new Evaluation(jdbc, manual, targets, CompanyFacts.read(jdbc, companyId), others, values);
    }
}

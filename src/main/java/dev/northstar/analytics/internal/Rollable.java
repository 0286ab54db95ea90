package dev.northstar.analytics.internal;

import dev.northstar.catalog.Formula;
import dev.northstar.catalog.Formula.Aggregate;
import dev.northstar.catalog.Formula.Function;
import dev.northstar.catalog.Formula.Source;
import dev.northstar.catalog.Formula.TimeField;
import dev.northstar.catalog.MetricDefinition;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which metrics are rolled up per person and day: aggregates whose value for any set of days and people is made of
 * the same parts of each (person, day) cell, and whose every input is in the record's own row, so that the cells a
 * record changes are exactly those that ingest marks. That is COUNT, SUM, AVERAGE, MIN and MAX of activities by
 * occurred time and of deals by created or closed date, except what depends on other tables: {@code weightedAmount}
 * (the stage's win probability) and the {@code segment} and {@code industry} filters (the deal's account). Those, and
 * every other kind of metric, are read from the raw records until they get structures of their own.
 */
public final class Rollable {

    private static final Set<Function> ADDITIVE = EnumSet.of(Function.COUNT, Function.SUM, Function.AVERAGE, Function.MIN, Function.MAX);
    private static final List<String> FROM_OTHER_TABLES = List.of("weightedAmount", "segment", "industry");

    private Rollable() {
    }

    public static Optional<Aggregate> aggregate(MetricDefinition metric) {
        Formula formula = metric.formula();
        if (!(formula instanceof Aggregate aggregate) || aggregate.source() == null || !ADDITIVE.contains(aggregate.function())) {
            return Optional.empty();
        }
        boolean byOwnDate = aggregate.source() == Source.ACTIVITIES
                ? aggregate.time() == null || aggregate.time() == TimeField.OCCURRED
                : aggregate.source() == Source.DEALS && aggregate.time() != TimeField.OPEN_AT_END;
        boolean ownRow = !fromOtherTables(aggregate.field())
                && (aggregate.filters() == null || aggregate.filters().stream().noneMatch(f -> fromOtherTables(f.field())));
        return byOwnDate && ownRow ? Optional.of(aggregate) : Optional.empty();
    }

    private static boolean fromOtherTables(String field) {
        return field != null && FROM_OTHER_TABLES.contains(field);
    }

    /**
     * What a metric's rollups are computed from: its formula, and the company's zone (an activity's day), currency
     * (which amounts count) and week start day (the weeks of {@link RollupCells}), and the version of the cells' layout.
     * Rollups built from another fingerprint are not read.
     */
    static String fingerprint(Aggregate aggregate, CompanyFacts company) {
        return aggregate + " zone=" + company.calendar().zone().getId() + " currency=" + company.currency()
                + " weekStart=" + company.calendar().weekStart() + " cells=1";
    }
}

package dev.northstar.analytics.internal;

import dev.northstar.analytics.MetricEvaluationException;
import dev.northstar.analytics.MetricValue;
import dev.northstar.catalog.Formula;
import dev.northstar.catalog.MetricDefinition;
import dev.northstar.shared.Period;
import dev.northstar.shared.Scope;
import dev.northstar.targets.Targets;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One evaluation of a metric, with the metrics it refers to: each (metric, scope, period) is computed once, and a
 * metric met again while it is being computed is a cycle, reported with its path instead of overflowing the stack.
 */
public final class Evaluation {

    private final CompanyFacts company;
    private final Function<String, Optional<MetricDefinition>> others;
    private final AggregateValues aggregates;
    private final StageConversionQuery conversions;
    private final RetentionQuery retention;
    private final ManualValueStore manual;
    private final Targets targets;
    private final Map<Asked, MetricValue> computed = new HashMap<>();
    private final List<String> path = new ArrayList<>();

    /** A value asked for: a leaderboard asks thousands, so the key is a record, not a string built each time. */
    private record Asked(String metric, Scope scope, LocalDate start, LocalDate end) {
    }

    /** Started by {@link Evaluations}, which says where its aggregates come from. */
    Evaluation(JdbcClient jdbc, ManualValueStore manual, Targets targets, CompanyFacts company,
                       Function<String, Optional<MetricDefinition>> others, AggregateValues aggregates) {
        this.company = company;
        this.others = others;
        this.aggregates = aggregates;
        this.conversions = new StageConversionQuery(jdbc);
        this.retention = new RetentionQuery(jdbc);
        this.manual = manual;
        this.targets = targets;
    }

    /**
     * A hint that values of this scope for these periods follow (a dashboard's metrics this period and the last, a
     * series): where the rollups hold them, they are read together.
     */
    public void expectPeriods(Scope scope, Collection<Period> periods) {
        expectPeriods(List.of(scope), periods);
    }

    /** {@link #expectPeriods(Scope, Collection)} for several scopes (a page's children), whose cells are read together. */
    public void expectPeriods(Collection<Scope> scopes, Collection<Period> periods) {
        aggregates.expectPeriods(scopes, periods);
    }

    public MetricValue value(MetricDefinition metric, Scope scope, Period period) {
        refuseCycle(metric);
        Asked key = new Asked(metric.key(), scope, period.start(), period.end());
        MetricValue known = computed.get(key);
        if (known != null) {
            return known;
        }
        path.add(metric.key());
        try {
            MetricValue value = compute(metric, scope, period);
            computed.put(key, value);
            return value;
        } finally {
            path.remove(path.size() - 1);
        }
    }

    /**
     * Many people's values of one metric for one period (a leaderboard of thousands), by person id. Aggregates that the
     * rollups hold are read for all of them at once, and so are the ratios, derived and cumulative metrics made of
     * them; any other metric is evaluated person by person, as {@link #value} would.
     */
    public Map<Long, MetricValue> people(MetricDefinition metric, List<Long> people, Period period) {
        if (people.isEmpty()) {
            return Map.of();
        }
        refuseCycle(metric);
        path.add(metric.key());
        try {
            Formula formula = metric.formula();
            if (formula instanceof Formula.Aggregate aggregate) {
                Optional<Map<Long, MetricValue>> read = aggregates.people(metric, aggregate, new Frame(company, period), people);
                if (read.isPresent()) {
                    return read.get();
                }
            } else if (formula instanceof Formula.Ratio ratio) {
                Map<Long, MetricValue> numerators = people(other(ratio.numerator(), metric), people, period);
                Map<Long, MetricValue> denominators = people(other(ratio.denominator(), metric), people, period);
                return each(people, id -> MetricValue.ratio(numerators.get(id).value(), denominators.get(id).value()));
            } else if (formula instanceof Formula.Derived derived) {
                Map<String, Map<Long, MetricValue>> parts = new HashMap<>();
                return each(people, id -> DerivedFormula.evaluate(metric.key(), derived.expression(),
                        key -> parts.computeIfAbsent(key, k -> people(other(k, metric), people, period)).get(id)));
            } else if (formula instanceof Formula.Cumulative cumulative) {
                return people(other(cumulative.base(), metric), people,
                        CumulativeWindow.of(metric.key(), cumulative, company.calendar(), period));
            }
        } finally {
            path.remove(path.size() - 1);
        }
        return each(people, id -> value(metric, new Scope.Person(id), period));
    }

    private static Map<Long, MetricValue> each(List<Long> people, Function<Long, MetricValue> value) {
        Map<Long, MetricValue> values = new HashMap<>(people.size() * 2);
        for (Long person : people) {
            values.put(person, value.apply(person));
        }
        return values;
    }

    /** A metric met again while it is being computed is a cycle, reported with its path. */
    private void refuseCycle(MetricDefinition metric) {
        if (path.contains(metric.key())) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(metric.key()), path.size()));
            cycle.add(metric.key());
            throw MetricEvaluationException.cycle(cycle);
        }
    }

    private MetricValue compute(MetricDefinition metric, Scope scope, Period period) {
        Formula formula = metric.formula();
        Frame frame = new Frame(company, period);
        if (formula instanceof Formula.Aggregate aggregate) {
            return aggregates.value(metric, aggregate, frame, scope);
        }
        if (formula instanceof Formula.Ratio ratio) {
            MetricValue numerator = value(other(ratio.numerator(), metric), scope, period);
            MetricValue denominator = value(other(ratio.denominator(), metric), scope, period);
            return MetricValue.ratio(numerator.value(), denominator.value());
        }
        if (formula instanceof Formula.Derived derived) {
            return DerivedFormula.evaluate(metric.key(), derived.expression(), key -> value(other(key, metric), scope, period));
        }
        if (formula instanceof Formula.Cumulative cumulative) {
            return value(other(cumulative.base(), metric), scope, CumulativeWindow.of(metric.key(), cumulative, company.calendar(), period));
        }
        if (formula instanceof Formula.StageConversion conversion) {
            return conversions.value(conversion, frame, scope);
        }
        if (formula instanceof Formula.Retention measure) {
            return retention.value(measure.measure(), frame, scope);
        }
        if (formula instanceof Formula.Manual) {
            return manual.value(company.companyId(), metric.key(), scope, period);
        }
        if (formula instanceof Formula.Attainment attainment) {
            MetricDefinition measured = other(attainment.metric(), metric);
            return MetricValue.ratio(value(measured, scope, period).value(), target(measured, scope, period));
        }
        if (formula instanceof Formula.Target target) {
            return MetricValue.of(target(other(target.metric(), metric), scope, period));
        }
        throw new MetricEvaluationException("metric '" + metric.key() + "' has no formula");
    }

    /** The target of {@code metric} that applies to the scope and period, or null when there is none. */
    private BigDecimal target(MetricDefinition metric, Scope scope, Period period) {
        return targets.applicableValue(company.companyId(), metric, scope, period).orElse(null);
    }

    private MetricDefinition other(String key, MetricDefinition usedBy) {
        return others.apply(key).orElseThrow(() -> MetricEvaluationException.unknown(key, usedBy.key()));
    }
}

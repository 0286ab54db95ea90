package dev.northstar.targets.internal;

import dev.northstar.shared.Period;
import dev.northstar.targets.ApplicableTarget.Source;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which target applies to a period, from the targets set for one metric and scope (docs/targets.md):
 * <ol>
 *   <li>the one set for exactly that period;</li>
 *   <li>for counts and money, the sum of targets set for smaller periods that tile it (cover every day once), using the
 *   fewest, largest pieces when there are several ways;</li>
 *   <li>a target set for the smallest enclosing period: for counts and money its share by days, rounded half up to whole
 *   units; for percents, ratios and durations the same value;</li>
 *   <li>none.</li>
 * </ol>
 */
public final class WhichTarget {

    private WhichTarget() {
    }

    /** A target found for a period, and the periods it comes from. */
    public record Found(BigDecimal value, Source source, List<Period> from) {

        static final Found NONE = new Found(null, Source.NONE, List.of());

        /** SET, SUM_OF_SMALLER, PRORATED_FROM:{label} or NONE. */
        public String found() {
            return source == Source.PRORATED_FROM ? source + ":" + from.get(0).label() : source.name();
        }

        /** Set or summed: exact numbers, which the mismatch check compares (a prorated one is compared where it was set). */
        public boolean exact() {
            return source == Source.SET || source == Source.SUM_OF_SMALLER;
        }
    }

    public static Found find(List<StoredTarget> targets, Period period, boolean additive) {
        Optional<StoredTarget> set = targets.stream().filter(t -> t.covers(period)).findFirst();
        if (set.isPresent()) {
            return new Found(set.get().value(), Source.SET, List.of(set.get().period()));
        }
        if (additive) {
            Optional<List<StoredTarget>> pieces = Tiling.fewestPieces(targets.stream().filter(t -> t.inside(period)).toList(), period);
            if (pieces.isPresent()) {
                BigDecimal sum = pieces.get().stream().map(StoredTarget::value).reduce(BigDecimal.ZERO, BigDecimal::add);
                return new Found(sum, Source.SUM_OF_SMALLER, pieces.get().stream().map(StoredTarget::period).toList());
            }
        }
        return targets.stream().filter(t -> t.encloses(period))
                .min(Comparator.comparingLong((StoredTarget t) -> t.period().days()).thenComparing(t -> t.period().start()))
                .map(enclosing -> new Found(additive ? prorate(enclosing, period) : enclosing.value(), Source.PRORATED_FROM,
                        List.of(enclosing.period())))
                .orElse(Found.NONE);
    }

    /** The enclosing target's share by calendar days: 90,000 for a 91-day quarter gives a 30-day month 29,670. */
    static BigDecimal prorate(StoredTarget enclosing, Period period) {
        return enclosing.value().multiply(BigDecimal.valueOf(period.days()))
                .divide(BigDecimal.valueOf(enclosing.period().days()), 0, RoundingMode.HALF_UP);
    }
}

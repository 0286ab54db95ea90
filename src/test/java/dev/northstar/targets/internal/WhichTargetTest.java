package dev.northstar.targets.internal;

import dev.northstar.shared.FiscalCalendar;
import dev.northstar.shared.Period;
import dev.northstar.targets.ApplicableTarget.Source;
import dev.northstar.targets.internal.WhichTarget.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which target applies, with hand-computed numbers. The calendar's fiscal year is the calendar year, weeks start on
 * Monday. FY2026-Q1 has 90 days (31 + 28 + 31), Q2 91 (30 + 31 + 30), FY2026 365.
 */
class WhichTargetTest {

    static final FiscalCalendar CALENDAR = FiscalCalendar.of("UTC", 1, 1);

    /**
     * @param set      the targets set, as label=value separated by spaces
     * @param asked    the period asked for
     * @param additive whether the unit adds up (counts and money) or not (percents, ratios, durations)
     * @param from     the labels it comes from, separated by spaces
     */
    @ParameterizedTest(name = "{0} -> {1} (additive {2}): {3} {4} from {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # set for exactly the period
            2026-03=1000                                        | 2026-03   | true  | 1000  | SET            | 2026-03
            # the same days named as a range are the same period
            2026-03-01..2026-03-31=1000                         | 2026-03   | true  | 1000  | SET            | 2026-03-01..2026-03-31
            # the months of a quarter add up to it
            2026-01=1000 2026-02=2000 2026-03=3000              | FY2026-Q1 | true  | 6000  | SUM_OF_SMALLER | 2026-01 2026-02 2026-03
            # quarters and months mixed, as long as every day is covered once
            FY2026-Q1=6000 FY2026-Q2=7000 2026-07=1000 2026-08=1000 2026-09=1000 FY2026-Q4=8000 | FY2026 | true | 24000 | SUM_OF_SMALLER | FY2026-Q1 FY2026-Q2 2026-07 2026-08 2026-09 FY2026-Q4
            # a month missing: no sum; the year prorated instead, 36,500 x 90 / 365
            2026-01=1000 2026-03=3000 FY2026=36500              | FY2026-Q1 | true  | 9000  | PRORATED_FROM  | FY2026
            # a quarterly quota of 90,000 gives 30-day April 90,000 x 30 / 91 = 29,670.33, rounded to 29,670
            FY2026-Q2=90000                                     | 2026-04   | true  | 29670 | PRORATED_FROM  | FY2026-Q2
            # and 31-day May 30,659.34 -> 30,659; the months' shares need not add up to the quarter exactly
            FY2026-Q2=90000                                     | 2026-05   | true  | 30659 | PRORATED_FROM  | FY2026-Q2
            # half up: 10 x 1 / 4 = 2.5 -> 3
            2026-04-01..2026-04-04=10                           | 2026-04-02 | true | 3     | PRORATED_FROM  | 2026-04-01..2026-04-04
            # the smallest enclosing period wins: the quarter, not the year
            FY2026-Q2=90000 FY2026=300000                       | 2026-04   | true  | 29670 | PRORATED_FROM  | FY2026-Q2
            # a week inside a month: 3,100 x 7 / 31
            2026-03=3100                                        | 2026-W10  | true  | 700   | PRORATED_FROM  | 2026-03
            # a week across two months (30 March to 5 April) is inside neither: the year's share, 36,500 x 7 / 365
            2026-03=3100 2026-04=3000 FY2026=36500              | 2026-W14  | true  | 700   | PRORATED_FROM  | FY2026
            2026-03=3100 2026-04=3000                           | 2026-W14  | true  |       | NONE           |
            # percents do not add up: the months' rates say nothing about the quarter's
            2026-01=20 2026-02=25 2026-03=30                    | FY2026-Q1 | false |       | NONE           |
            # but a year's rate is every month's rate
            2026-01=20 2026-02=25 2026-03=30 FY2026=25          | FY2026-Q1 | false | 25    | PRORATED_FROM  | FY2026
            FY2026-Q2=40                                        | 2026-04   | false | 40    | PRORATED_FROM  | FY2026-Q2
            # smaller periods that leave a gap, and nothing larger
            2026-01=1000 2026-03=3000                           | FY2026-Q1 | true  |       | NONE           |
            # nothing set
            ''                                                  | 2026-03   | true  |       | NONE           |
            """)
    void whichTargetApplies(String set, String asked, boolean additive, BigDecimal value, Source source, String from) {
        Found found = WhichTarget.find(targets(set), CALENDAR.parse(asked), additive);
        if (value == null) {
            assertThat(found.value()).isNull();
        } else {
            assertThat(found.value()).isEqualByComparingTo(value);
        }
        assertThat(found.source()).isEqualTo(source);
        assertThat(found.from()).extracting(Period::label).containsExactlyElementsOf(from == null ? List.of() : Arrays.asList(from.split(" ")));
    }

    @Test
    void theFewestLargestPiecesAreAddedWhenSeveralWaysCoverThePeriod() {
        List<StoredTarget> set = new ArrayList<>(targets("2026-01=1000 2026-02=2000 2026-03=3000"));
        for (LocalDate day = LocalDate.of(2026, 1, 1); day.getMonthValue() == 1; day = day.plusDays(1)) {
            set.add(target(day.toString(), "10")); // January's days add up to 310, not January's 1,000
        }
        Found found = WhichTarget.find(set, CALENDAR.parse("FY2026-Q1"), true);
        assertThat(found.value()).isEqualByComparingTo("6000");
        assertThat(found.from()).extracting(Period::label).containsExactly("2026-01", "2026-02", "2026-03");
        assertThat(found.found()).isEqualTo("SUM_OF_SMALLER");
    }

    @Test
    void theWordSaysWhereAProratedTargetComesFrom() {
        assertThat(WhichTarget.find(targets("FY2026-Q2=90000"), CALENDAR.parse("2026-04"), true).found())
                .isEqualTo("PRORATED_FROM:FY2026-Q2");
        assertThat(WhichTarget.find(List.of(), CALENDAR.parse("2026-04"), true).found()).isEqualTo("NONE");
    }

    static List<StoredTarget> targets(String set) {
        if (set == null || set.isBlank()) {
            return List.of();
        }
        return Arrays.stream(set.trim().split("\\s+")).map(pair -> pair.split("=")).map(p -> target(p[0], p[1])).toList();
    }

    static StoredTarget target(String label, String value) {
        return new StoredTarget("team:1", CALENDAR.parse(label), new BigDecimal(value));
    }
}

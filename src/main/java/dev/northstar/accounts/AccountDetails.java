package dev.northstar.accounts;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One account's metrics on a day, as the viewer may see them: the readings (in page order), which of them the viewer
 * may change, and the health score. {@code comparedWith} says what each value is compared with.
 */
public record AccountDetails(Account account, LocalDate asOf, Compare comparedWith, List<MetricReading> readings,
                             Map<String, Boolean> editable, Health health, AccountMetrics.Catalog catalog, String currency) {

    /** What a value's gain or loss is counted against. */
    public enum Compare {
        MONTH("a month earlier"), UPDATE("the value before its last update");

        private final String words;

        Compare(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        public String key() {
            return this == MONTH ? "today" : "last-update";
        }

        public static Compare of(String key) {
            return "last-update".equals(key) ? UPDATE : MONTH;
        }
    }

    /** The top four as the admins chose them, among the readings the viewer may see. */
    public List<MetricReading> top() {
        return readings.stream().filter(r -> r.metric().topPosition() != null)
                .sorted(java.util.Comparator.comparing(r -> r.metric().topPosition())).toList();
    }

    public List<MetricReading> inFamily(Long familyId) {
        return readings.stream().filter(r -> java.util.Objects.equals(r.metric().familyId(), familyId)).toList();
    }
}

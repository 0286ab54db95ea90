package dev.northstar.accounts;

import dev.northstar.targets.Status;

import java.math.BigDecimal;
import java.util.List;

/**
 * An account's health score (0 to 100, null when no weighted metric has a status), its band, and the parts it was
 * made of, so that a page can show how it came about.
 */
public record Health(BigDecimal score, Band band, List<Part> parts) {

    /**
     * One weighted metric: its status and the points that status gives (null when it does not count). The metrics a
     * viewer may not see are one part with their weights only: status and points null.
     */
    public record Part(String metric, Status status, int weight, BigDecimal points) {
    }

    public enum Band {
        HEALTHY("Healthy", Status.GREEN), WATCH("Watch", Status.AMBER), AT_RISK("At risk", Status.RED), UNKNOWN("No score", Status.NO_DATA);

        private final String word;
        private final Status status;

        Band(String word, Status status) {
            this.word = word;
            this.status = status;
        }

        public String word() {
            return word;
        }

        /** The status whose colour and mark the band is shown with. */
        public Status status() {
            return status;
        }

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}

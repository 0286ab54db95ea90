package dev.northstar.targets;

import dev.northstar.shared.InvalidInputException;

import java.math.BigDecimal;

/**
 * What turns a value into a status, and how pace is counted. {@code amberPercent} is where amber starts, as a percent
 * of pace: with 90, a higher-is-better value is amber from 90% up to 100% of pace and red below 90%; a lower-is-better
 * value is amber above 100% up to 110% (100 + (100 - 90)) and red above that. 100 means there is no amber band.
 */
public record Thresholds(BigDecimal amberPercent, PacingMode pacing) {

    public static final BigDecimal DEFAULT_AMBER_PERCENT = new BigDecimal("90");

    /** What a company gets until an admin changes it. */
    public static final Thresholds DEFAULT = new Thresholds(DEFAULT_AMBER_PERCENT, PacingMode.LINEAR);

    public Thresholds {
        if (amberPercent == null || pacing == null) {
            throw new IllegalArgumentException("thresholds need both an amber percent and a pacing mode");
        }
        checkAmberPercent(amberPercent);
    }

    /** Amber starts somewhere above 0% and at most at 100% of pace. */
    public static void checkAmberPercent(BigDecimal amberPercent) {
        if (amberPercent.signum() <= 0 || amberPercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidInputException("amberPercent", "must be more than 0 and at most 100 (percent of pace where amber starts), not "
                    + amberPercent.toPlainString());
        }
    }
}

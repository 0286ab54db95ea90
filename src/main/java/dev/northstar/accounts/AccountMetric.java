package dev.northstar.accounts;

import dev.northstar.access.AccessPolicy.AccountAudience;
import dev.northstar.targets.Status;

import java.math.BigDecimal;

/**
 * One account metric as the company's admins defined it. A system metric has a {@link Measure} and is computed; an
 * entered one is typed or imported per account and day. Its status compares a value with the target (the account's
 * own, or this default): {@code greenAt} and {@code amberAt} are percentages of the target from which it is green or
 * amber; for a lower-is-better metric they are the percentages up to which it is.
 *
 * @param topPosition 1 to 4 for the account summary's top four, else null
 * @param healthWeight how much its status counts in the health score (0: not at all)
 */
public record AccountMetric(long id, String key, String name, Long familyId, Measure measure, Display display, Integer rankScale,
                            boolean higherIsBetter, BigDecimal target, BigDecimal greenAt, BigDecimal amberAt,
                            String greenColour, String amberColour, String redColour, AccountAudience viewRole,
                            AccountAudience editRole, Integer topPosition, int healthWeight, int position) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public boolean system() {
        return measure != null;
    }

    /** Green, amber or red against the target; no target: {@link Status#NONE}; no value: {@link Status#NO_DATA}. */
    public Status status(BigDecimal value, BigDecimal target) {
        if (target == null) {
            return Status.NONE;
        }
        if (value == null) {
            return Status.NO_DATA;
        }
        if (target.signum() == 0) {
            boolean good = higherIsBetter ? value.signum() >= 0 : value.signum() <= 0;
            return good ? Status.GREEN : Status.RED;
        }
        // value / target in percent against the thresholds, multiplied out: no division (the portfolio does this 400,000 times)
        BigDecimal percentTimesTarget = value.multiply(HUNDRED);
        int green = percentTimesTarget.compareTo(greenAt.multiply(target.abs()));
        int amber = percentTimesTarget.compareTo(amberAt.multiply(target.abs()));
        if (higherIsBetter) {
            return green >= 0 ? Status.GREEN : amber >= 0 ? Status.AMBER : Status.RED;
        }
        return green <= 0 ? Status.GREEN : amber <= 0 ? Status.AMBER : Status.RED;
    }

    /** The colour the admins chose for a status; grey without one. */
    public String colour(Status status) {
        return switch (status) {
            case GREEN -> greenColour;
            case AMBER -> amberColour;
            case RED -> redColour;
            default -> "#8a94a6";
        };
    }

    public String format(BigDecimal value, String currency) {
        return display.format(value, currency, rankScale);
    }

    /** The rule in words, for the pages that explain a colour: "green from 100 % of target, amber from 80 %". */
    public String thresholdsInWords() {
        String green = greenAt.stripTrailingZeros().toPlainString();
        String amber = amberAt.stripTrailingZeros().toPlainString();
        return higherIsBetter
                ? "green from " + green + " % of the target, amber from " + amber + " %, red below"
                : "green up to " + green + " % of the target, amber up to " + amber + " %, red above";
    }

    public String source() {
        return system() ? "computed: " + measure.explanation() : "entered per account and day";
    }
}

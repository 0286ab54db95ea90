package dev.northstar.targets.internal;

import dev.northstar.shared.InvalidInputException;

import java.math.BigDecimal;

/** What a target may be: a number from 0, with at most six decimals, below a quadrillion. */
public final class TargetValues {

    private static final BigDecimal LIMIT = new BigDecimal("1000000000000000");
    private static final int MOST_DECIMALS = 6;

    private TargetValues() {
    }

    /** The value as stored: trailing zeros dropped, so that 100.00 and 100 are the same target. */
    public static BigDecimal check(BigDecimal value) {
        if (value == null) {
            throw new InvalidInputException("value", "must be given: the target as a number, e.g. 90000");
        }
        if (value.signum() < 0) {
            throw new InvalidInputException("value", "must not be negative, not " + value.toPlainString()
                    + "; for a metric where lower is better, the target is the highest value still on target");
        }
        if (value.compareTo(LIMIT) >= 0) {
            throw new InvalidInputException("value", "must be below 1,000,000,000,000,000, not " + value.toPlainString());
        }
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.scale() > MOST_DECIMALS) {
            throw new InvalidInputException("value", "may have at most " + MOST_DECIMALS + " decimals, not " + value.toPlainString());
        }
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }
}

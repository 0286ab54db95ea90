package dev.northstar.accounts;

import dev.northstar.shared.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * What a system metric computes for an account on a day, from the records in Northstar. Each is compared with its
 * value a month earlier (gain or loss). Money is counted in the company's currency only.
 */
public enum Measure {
    MRR("Monthly recurring revenue", Display.MONEY,
            "the account's recurring revenue lines for the month of the day"),
    ARR("Annual recurring revenue", Display.MONEY, "the month's recurring revenue × 12"),
    NRR("Net revenue retention", Display.PERCENT,
            "the month's recurring revenue over the month before's; none when the account paid nothing the month before"),
    MRR_CHANGE("Recurring revenue gained or lost", Display.MONEY, "the month's recurring revenue minus the month before's"),
    REVENUE_YTD("Won revenue this fiscal year", Display.MONEY,
            "the amounts of the account's deals won from the start of the fiscal year to the day"),
    OPEN_PIPELINE("Open pipeline", Display.MONEY, "the amounts of the account's deals created by the day and not closed by then"),
    ACTIVITIES_30D("Activities, last 30 days", Display.NUMBER, "activities recorded against the account in the 30 days up to the day");

    private final String label;
    private final Display display;
    private final String explanation;

    Measure(String label, Display display, String explanation) {
        this.label = label;
        this.display = display;
        this.explanation = explanation;
    }

    public String label() {
        return label;
    }

    public Display display() {
        return display;
    }

    public String explanation() {
        return explanation;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether it reads recurring revenue lines (by month) rather than deals or activities. */
    public boolean recurring() {
        return this == MRR || this == ARR || this == NRR || this == MRR_CHANGE;
    }

    public static Measure of(String key) {
        return Arrays.stream(values()).filter(m -> m.key().equals(key)).findFirst()
                .orElseThrow(() -> new InvalidInputException("measure", "'" + key + "' is not one of " + Arrays.stream(values()).map(Measure::key).toList()));
    }
}

package dev.northstar.alerts;

import dev.northstar.shared.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What breaches an alert rule, with what its threshold means. */
public enum Condition {
    /** The value is above the threshold. */
    ABOVE("above %s"),
    /** The value is below the threshold. */
    BELOW("below %s"),
    /** The value is worse than the same days of the previous period by the threshold, in percent (1 to 100). */
    WORSENS_BY("worse than the previous period by %s %%"),
    /** The value is behind where its pace to target says it should be by today, by the threshold in percent. */
    BEHIND_PACE_BY("behind pace by %s %%"),
    /** Nothing was recorded for the metric in the last so many days (a broken feed). */
    NO_DATA_FOR_DAYS("without data for %s days");

    private final String words;

    Condition(String words) {
        this.words = words;
    }

    /** As written in the API and the database: {@code above}, {@code worsens_by}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The condition with its threshold in words: "above 100", "behind pace by 20 %". */
    public String words(String threshold) {
        return words.formatted(threshold);
    }

    public static Condition parse(String key) {
        return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst().orElseThrow(() -> new InvalidInputException("condition",
                "must be one of " + Arrays.stream(values()).map(Condition::key).collect(Collectors.joining(", "))));
    }
}

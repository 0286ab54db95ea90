package dev.northstar.catalog.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Enum values as documents, the YAML file and messages write them: in lower case, read without regard to case. */
public final class EnumWords {

    private EnumWords() {
    }

    public static String of(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    /** Every value of the type, for messages: "primary, secondary". */
    public static <E extends Enum<E>> String all(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(EnumWords::of).collect(Collectors.joining(", "));
    }

    public static <E extends Enum<E>> Optional<E> parse(String text, Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.name().equalsIgnoreCase(text.strip())).findFirst();
    }
}

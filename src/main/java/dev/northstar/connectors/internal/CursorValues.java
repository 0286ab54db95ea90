package dev.northstar.connectors.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Cursor values in order: numerically when both are numbers, as instants when both are timestamps with an
 * offset, else as text (ISO dates and times without offsets sort correctly as text).
 */
final class CursorValues {

    private CursorValues() {
    }

    static String max(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return compare(a, b) >= 0 ? a : b;
    }

    static int compare(String a, String b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        OffsetDateTime s = timestamp(a);
        OffsetDateTime t = timestamp(b);
        if (s != null && t != null) {
            return s.toInstant().compareTo(t.toInstant());
        }
        return a.compareTo(b);
    }

    private static BigDecimal number(String text) {
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static OffsetDateTime timestamp(String text) {
        try {
            return OffsetDateTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

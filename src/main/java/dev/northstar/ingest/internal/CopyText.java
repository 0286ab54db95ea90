package dev.northstar.ingest.internal;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** One value in PostgreSQL's COPY text format: {@code \N} for null, backslash escapes for the separators. */
public final class CopyText {

    private CopyText() {
    }

    public static void append(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
            return;
        }
        // An instant in UTC: PostgreSQL takes offsets only up to ±15:59, java.time up to ±18:00.
        String text = value instanceof BigDecimal number ? number.toPlainString()
                : value instanceof OffsetDateTime time ? time.withOffsetSameInstant(ZoneOffset.UTC).toString() : value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }
}

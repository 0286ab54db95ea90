package dev.northstar.ingest.internal;

import dev.northstar.ingest.ReadingRules;

import java.math.BigDecimal;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.regex.Pattern;

/**
 * Turns the text of one field into a number, date or instant by the {@link ReadingRules} of a file (or the API's),
 * or says why it cannot: {@link BadValue} carries a reason meant for the person who made the file.
 */
public final class ValueReader {

    /** A value that cannot be read; the message is the reason. */
    public static final class BadValue extends Exception {
        BadValue(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern CURRENCY_CODE = Pattern.compile("^[A-Z]{3}|[A-Z]{3}$");
    private static final String CURRENCY_SYMBOLS = "$€£¥₹₩₽₺₪฿₫₱₦";

    private final ReadingRules rules;
    private final ZoneId zone;
    private final char decimalSeparator;
    private final char groupingSeparator;
    private final DateTimeFormatter dateFormat;

    public ValueReader(ReadingRules rules, ZoneId zone) {
        this.rules = rules;
        this.zone = zone;
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(rules.javaLocale());
        this.decimalSeparator = symbols.getDecimalSeparator();
        // Some locales group with a (narrow) no-break space; spaces are removed before grouping is checked.
        char grouping = symbols.getGroupingSeparator();
        this.groupingSeparator = Character.isSpaceChar(grouping) ? ' ' : grouping;
        this.dateFormat = "iso".equals(rules.dateFormat()) ? null : new DateTimeFormatterBuilder()
                .appendPattern(rules.dateFormat())
                .optionalStart().appendLiteral(' ').appendPattern("H:mm").optionalStart().appendPattern(":ss").optionalEnd().optionalEnd()
                .toFormatter(rules.javaLocale()).withResolverStyle(ResolverStyle.STRICT);
    }

    public ZoneId zone() {
        return zone;
    }

    /** A number as the locale writes it, with optional currency symbol or code and accounting parentheses. */
    public BigDecimal number(String raw) throws BadValue {
        // Swedish, Norwegian, Finnish and others write negative numbers with the minus sign U+2212, not a hyphen.
        String text = withoutSpaces(raw).replace('\u2212', '-');
        boolean negative = false;
        if (text.length() > 2 && text.startsWith("(") && text.endsWith(")")) {
            negative = true;
            text = text.substring(1, text.length() - 1);
        }
        if (text.startsWith("-")) {
            negative = !negative;
            text = text.substring(1);
        }
        text = CURRENCY_CODE.matcher(text).replaceAll("");
        text = stripSymbols(text);
        if (text.startsWith("-")) {
            negative = !negative;
            text = text.substring(1);
        }
        String integer = text;
        String fraction = "";
        int decimal = text.lastIndexOf(decimalSeparator);
        if (decimal >= 0) {
            integer = text.substring(0, decimal);
            fraction = text.substring(decimal + 1);
        }
        if (integer.indexOf(groupingSeparator) >= 0 && groupingSeparator != decimalSeparator) {
            String[] groups = integer.split(Pattern.quote(String.valueOf(groupingSeparator)), -1);
            for (int i = 1; i < groups.length; i++) {
                if (groups[i].length() != 3 || groups[0].isEmpty() || groups[0].length() > 3) {
                    throw new BadValue(notANumber(raw));
                }
            }
            integer = String.join("", groups);
        }
        String plain = (negative ? "-" : "") + integer + (fraction.isEmpty() && decimal < 0 ? "" : "." + fraction);
        if (!PLAIN_NUMBER.matcher(plain).matches()) {
            throw new BadValue(notANumber(raw));
        }
        return new BigDecimal(plain);
    }

    private String notANumber(String raw) {
        return "'" + raw + "' is not a number as " + rules.locale() + " writes them, e.g. " + ReadingRules.example(rules.locale());
    }

    /** A day; a date-time is taken as its day in the company's time zone. */
    public LocalDate date(String raw) throws BadValue {
        return inRange(anyDate(raw), raw);
    }

    private LocalDate anyDate(String raw) throws BadValue {
        String text = raw.strip();
        if (dateFormat == null) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException notJustADate) {
                OffsetDateTime instant = instantOrNull(text);
                return instant != null ? dayInZone(instant, raw) : throwBad("'" + raw + "' is not a date; use the form 2026-03-31");
            }
        }
        try {
            return LocalDate.from(dateFormat.parse(text));
        } catch (DateTimeParseException e) {
            // Spreadsheets hand over date cells as ISO dates, whatever format the text columns use.
            OffsetDateTime iso = instantOrNull(text);
            if (iso != null) {
                return dayInZone(iso, raw);
            }
            return throwBad("'" + raw + "' is not a date in the form " + ReadingRules.DATE_FORMATS.get(rules.dateFormat()));
        }
    }

    /** An instant: with an offset as given, without one in the company's time zone, a bare date at its start. */
    public OffsetDateTime instant(String raw) throws BadValue {
        OffsetDateTime instant = anyInstant(raw);
        inRange(instant.toLocalDate(), raw);
        inRange(instant.withOffsetSameInstant(java.time.ZoneOffset.UTC).toLocalDate(), raw); // as it is stored
        return instant;
    }

    private OffsetDateTime anyInstant(String raw) throws BadValue {
        String text = raw.strip();
        if (dateFormat == null) {
            OffsetDateTime instant = instantOrNull(text);
            if (instant == null) {
                throw new BadValue("'" + raw + "' is not a date and time; use ISO 8601, e.g. 2026-05-04T09:30:00Z or 2026-05-04 09:30");
            }
            return instant;
        }
        try {
            var parsed = dateFormat.parse(text);
            LocalDate day = LocalDate.from(parsed);
            LocalDateTime local = parsed.isSupported(ChronoField.HOUR_OF_DAY)
                    ? day.atTime(parsed.get(ChronoField.HOUR_OF_DAY), parsed.get(ChronoField.MINUTE_OF_HOUR),
                    parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0)
                    : day.atStartOfDay();
            return local.atZone(zone).toOffsetDateTime();
        } catch (java.time.DateTimeException e) {
            OffsetDateTime iso = instantOrNull(text);
            if (iso != null) {
                return iso;
            }
            throw new BadValue("'" + raw + "' is not a date (and time) in the form " + ReadingRules.DATE_FORMATS.get(rules.dateFormat()));
        }
    }

    /** The first day of a month, from 2026-03 or any day in it. */
    public LocalDate month(String raw) throws BadValue {
        String text = raw.strip();
        try {
            return inRange(YearMonth.parse(text).atDay(1), raw);
        } catch (DateTimeParseException notYearMonth) {
            return date(text).withDayOfMonth(1);
        }
    }

    /**
     * Years 1 to 9999, as people write them: java.time reads years up to ±999,999,999, which PostgreSQL cannot
     * store, and a value it refuses would fail the whole load instead of one row.
     */
    private static LocalDate inRange(LocalDate day, String raw) throws BadValue {
        if (day.getYear() < 1 || day.getYear() > 9999) {
            throw new BadValue("'" + raw + "' is out of the range of dates (years 1 to 9999)");
        }
        return day;
    }

    /** The day of an instant in the company's zone; at the ends of the time-line that day may not exist. */
    private LocalDate dayInZone(OffsetDateTime instant, String raw) throws BadValue {
        try {
            return instant.atZoneSameInstant(zone).toLocalDate();
        } catch (java.time.DateTimeException e) {
            throw new BadValue("'" + raw + "' is out of the range of dates");
        }
    }

    private OffsetDateTime instantOrNull(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notWithOffset) {
            String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
            try {
                return OffsetDateTime.parse(iso);
            } catch (DateTimeParseException stillNotWithOffset) {
                try {
                    return LocalDateTime.parse(iso).atZone(zone).toOffsetDateTime();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(iso).atStartOfDay(zone).toOffsetDateTime();
                    } catch (DateTimeParseException notADate) {
                        return null;
                    }
                }
            }
        }
    }

    private static <T> T throwBad(String reason) throws BadValue {
        throw new BadValue(reason);
    }

    private static String withoutSpaces(String raw) {
        StringBuilder text = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                text.append(c);
            }
        }
        return text.toString();
    }

    private static String stripSymbols(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && CURRENCY_SYMBOLS.indexOf(text.charAt(start)) >= 0) start++;
        while (end > start && CURRENCY_SYMBOLS.indexOf(text.charAt(end - 1)) >= 0) end--;
        return text.substring(start, end);
    }
}

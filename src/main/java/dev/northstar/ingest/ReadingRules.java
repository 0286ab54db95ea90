package dev.northstar.ingest;

import java.text.DecimalFormatSymbols;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the text of a file is read: the locale of its numbers ("1,234.50" or "1.234,50") and the format of its
 * dates. JSON from the API is always read with {@link #API}: ISO 8601 dates and plain numbers.
 *
 * @param locale     a language tag such as en-US or de-DE
 * @param dateFormat {@code iso} or one of {@link #DATE_FORMATS}' keys
 */
public record ReadingRules(String locale, String dateFormat) {

    /** The date formats offered, by key; each also takes an optional time of day after the date. */
    public static final Map<String, String> DATE_FORMATS = dateFormats();

    /** The number locales offered, with an example of how they write a number. */
    public static final List<String> LOCALES = List.of("en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "it-IT", "nl-NL", "sv-SE",
            "nb-NO", "da-DK", "fi-FI", "pl-PL", "pt-BR", "de-CH", "ja-JP");

    /** Declared after the formats, which its constructor checks against. */
    public static final ReadingRules API = new ReadingRules("en-US", "iso");

    public ReadingRules {
        locale = locale == null || locale.isBlank() ? "en-US" : locale.strip();
        dateFormat = dateFormat == null || dateFormat.isBlank() ? "iso" : dateFormat.strip();
        if (!DATE_FORMATS.containsKey(dateFormat)) {
            throw new dev.northstar.shared.InvalidInputException("dateFormat", "must be one of " + DATE_FORMATS.keySet() + ", not '" + dateFormat + "'");
        }
        if (Locale.forLanguageTag(locale).getLanguage().isEmpty()) {
            throw new dev.northstar.shared.InvalidInputException("locale", "must be a language tag such as en-US or de-DE, not '" + locale + "'");
        }
    }

    public Locale javaLocale() {
        return Locale.forLanguageTag(locale);
    }

    /** How this locale writes one thousand two hundred and a half, for the form. */
    public static String example(String locale) {
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.forLanguageTag(locale));
        return "1" + symbols.getGroupingSeparator() + "200" + symbols.getDecimalSeparator() + "50";
    }

    private static Map<String, String> dateFormats() {
        Map<String, String> formats = new LinkedHashMap<>();
        formats.put("iso", "2026-03-31 (ISO)");
        formats.put("M/d/uuuu", "3/31/2026 (US)");
        formats.put("d/M/uuuu", "31/3/2026 (UK, FR, ES)");
        formats.put("d.M.uuuu", "31.3.2026 (DE, NO, FI)");
        formats.put("d-M-uuuu", "31-3-2026 (NL)");
        formats.put("M/d/uu", "3/31/26 (US, short year)");
        formats.put("d/M/uu", "31/3/26 (UK, short year)");
        formats.put("d.M.uu", "31.3.26 (DE, short year)");
        return java.util.Collections.unmodifiableMap(formats);
    }
}

package dev.northstar.ingest.files;

import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.ingest.internal.ValueReader;

import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A first guess at how to read a file, from its header and first rows, for the person to correct: columns whose
 * name is a field's known name first, then names containing one; the date format that reads every sample; a
 * comma-decimal locale when the numbers say so.
 */
final class ColumnGuess {

    private static final Pattern DATE_LIKE = Pattern.compile("^\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}([ T].*)?$");
    private static final Pattern COMMA_DECIMAL = Pattern.compile("^-?[\\d.\\s]*\\d,\\d{1,2}$");

    private ColumnGuess() {
    }

    static ImportSettings guess(RecordKind kind, List<String> header, List<TabularFile.Row> samples) {
        Map<String, String> columns = columns(kind, header);
        String locale = samples.stream().flatMap(r -> r.cells().stream())
                .anyMatch(c -> c != null && COMMA_DECIMAL.matcher(c.strip()).matches()) ? "de-DE" : "en-US";
        String dateFormat = dateFormat(samples);
        return new ImportSettings(columns, Map.of(), locale, dateFormat, null, false);
    }

    static String normalized(String header) {
        return header.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    static Map<String, String> columns(RecordKind kind, List<String> header) {
        Map<String, String> columns = new LinkedHashMap<>();
        Set<String> used = new HashSet<>();
        for (boolean exact : new boolean[]{true, false}) {
            for (RecordKind.Field field : kind.fields()) {
                if (columns.containsKey(field.key())) {
                    continue;
                }
                outer:
                for (String known : field.headers()) {
                    for (String column : header) {
                        String name = normalized(column);
                        boolean fits = exact ? name.equals(known) : known.length() >= 5 && name.contains(known);
                        if (fits && !used.contains(column)) {
                            columns.put(field.key(), column);
                            used.add(column);
                            break outer;
                        }
                    }
                }
            }
        }
        return columns;
    }

    /** The first format that reads every date-like sample cell, in any column (headers may be in any language). */
    private static String dateFormat(List<TabularFile.Row> samples) {
        List<String> values = samples.stream().flatMap(r -> r.cells().stream())
                .filter(v -> v != null && DATE_LIKE.matcher(v.strip()).matches()).toList();
        for (String format : ReadingRules.DATE_FORMATS.keySet()) {
            ValueReader reader = new ValueReader(new ReadingRules("en-US", format), ZoneOffset.UTC);
            if (values.stream().allMatch(v -> readable(reader, v))) {
                return format;
            }
        }
        return "iso";
    }

    private static boolean readable(ValueReader reader, String value) {
        try {
            reader.instant(value);
            return true;
        } catch (ValueReader.BadValue e) {
            return false;
        }
    }
}

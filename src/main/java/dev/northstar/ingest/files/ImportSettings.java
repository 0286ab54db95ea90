package dev.northstar.ingest.files;

import dev.northstar.ingest.ReadingRules;
import dev.northstar.ingest.RecordKind;
import dev.northstar.shared.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to read one file: which column feeds which field (by header name, so that a saved template fits the next
 * export of the same system), values that hold for every row, and how numbers and dates are written.
 *
 * @param columns     field key to column header
 * @param constants   field key to a value for every row, for a field no column holds (e.g. type = call)
 * @param emailDomain    people import only: for rows without e-mail address, first.last@this domain
 * @param skipLookalikes leave out rows that repeat an earlier row in everything but their id
 */
public record ImportSettings(Map<String, String> columns, Map<String, String> constants, String locale, String dateFormat,
                             String emailDomain, boolean skipLookalikes) {

    public ImportSettings {
        columns = columns == null ? Map.of() : Map.copyOf(withoutBlanks(columns));
        constants = constants == null ? Map.of() : Map.copyOf(withoutBlanks(constants));
        new ReadingRules(locale, dateFormat); // checks both
        locale = locale == null || locale.isBlank() ? "en-US" : locale.strip();
        dateFormat = dateFormat == null || dateFormat.isBlank() ? "iso" : dateFormat.strip();
        emailDomain = emailDomain == null || emailDomain.isBlank() ? null : emailDomain.strip().replaceFirst("^@", "");
    }

    public ReadingRules rules() {
        return new ReadingRules(locale, dateFormat);
    }

    /** Checks the mapping against the file: known fields, existing columns, every required field fed. */
    public void check(RecordKind kind, List<String> header) {
        for (var entry : columns.entrySet()) {
            if (kind.field(entry.getKey()).isEmpty()) {
                throw new InvalidInputException("columns", "'" + entry.getKey() + "' is not a field of " + kind.label().toLowerCase());
            }
            if (!header.contains(entry.getValue())) {
                throw new InvalidInputException("columns", "the file has no column '" + entry.getValue() + "' (for " + entry.getKey() + ")");
            }
        }
        for (RecordKind.Field field : kind.fields()) {
            if (field.required() && !columns.containsKey(field.key()) && !constants.containsKey(field.key())
                    && !(kind == RecordKind.PEOPLE && field.key().equals("email"))) {
                throw new InvalidInputException(field.key(), "is required: choose the column that holds " + field.label().toLowerCase()
                        + (kind == RecordKind.PEOPLE ? "" : ", or give one value for every row"));
            }
        }
    }

    private static Map<String, String> withoutBlanks(Map<String, String> map) {
        Map<String, String> kept = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key != null && value != null && !value.isBlank()) {
                kept.put(key, value.strip());
            }
        });
        return kept;
    }
}

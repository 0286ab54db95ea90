package dev.northstar.catalog.internal;

import dev.northstar.catalog.DefinitionProblem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one metric's document (a map from JSON or YAML) and collects every problem instead of stopping
 * at the first, so that an import can list them all. A value that cannot be read is recorded as a problem and read
 * as null. Text fields take numbers and booleans too, because YAML reads an unquoted {@code true} or {@code 2024} as one.
 */
final class DocumentReader {

    private final Problems problems;

    DocumentReader(String metric, List<DefinitionProblem> problems) {
        this.problems = new Problems(metric, problems);
    }

    void problem(String field, String reason) {
        problems.add(field, reason);
    }

    /** The value as an object with text keys, each one of {@code allowed}; null (and a problem) when it is not one. */
    Map<String, Object> object(Object value, String field, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            problem(field, "must be an object with the fields " + String.join(", ", allowed));
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (var entry : map.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!allowed.contains(name)) {
                problem(prefixed(field, name), "is not a field here; the fields are " + String.join(", ", allowed));
            } else {
                fields.put(name, entry.getValue());
            }
        }
        return fields;
    }

    String text(Map<String, Object> fields, String name, String field) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        problem(field, "must be text");
        return null;
    }

    Integer integer(Map<String, Object> fields, String name, String field) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if ((value instanceof Integer || value instanceof Long || value instanceof Short)
                && ((Number) value).longValue() == ((Number) value).intValue()) {
            return ((Number) value).intValue();
        }
        problem(field, "must be a whole number, not " + describe(value));
        return null;
    }

    Boolean bool(Map<String, Object> fields, String name, String field) {
        Object value = fields.get(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        problem(field, "must be true or false, not " + describe(value));
        return null;
    }

    List<Object> list(Map<String, Object> fields, String name, String field) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        problem(field, "must be a list");
        return List.of();
    }

    /** An enum value, written in any case (documents write lower case). */
    <E extends Enum<E>> E choice(Map<String, Object> fields, String name, String field, Class<E> type) {
        String value = text(fields, name, field);
        if (value == null) {
            return null;
        }
        Optional<E> choice = EnumWords.parse(value, type);
        if (choice.isEmpty()) {
            problem(field, "is '" + value + "', which is not one of " + EnumWords.all(type));
        }
        return choice.orElse(null);
    }

    static String prefixed(String path, String name) {
        return path == null || path.isEmpty() ? name : path + "." + name;
    }

    private static String describe(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }
}

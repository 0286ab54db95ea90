package dev.northstar.catalog.internal;

import dev.northstar.shared.InvalidInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Metrics as code: the catalog as one YAML file, {@code metrics:} followed by one document per metric (see
 * {@link MetricDocuments}), in key order. Written the same way every time, so that the file diffs cleanly in version
 * control and an export of an import of an export is byte for byte the export.
 */
public final class MetricsYaml {

    private static final String HEADER = """
            # Northstar metric definitions (metrics as code). Import this file with
            # POST /api/v1/metrics/import (Content-Type: application/yaml); add ?dryRun=true to check it first.
            """;
    /** Large enough for any catalog, small enough that a stray upload cannot exhaust memory. */
    private static final int MAX_CODE_POINTS = 8 * 1024 * 1024;

    private MetricsYaml() {
    }

    public static String write(List<Map<String, Object>> documents) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setSplitLines(false); // one line per value: a changed description is a one-line diff
        options.setWidth(Integer.MAX_VALUE);
        options.setDereferenceAliases(true); // two metrics sharing a list object must not become an anchor and an alias
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("metrics", documents);
        return HEADER + new Yaml(new Representer(options), options).dump(file);
    }

    /** The file's metric entries, each still to be read as a document; a file that is not YAML is refused with its line. */
    public static List<Object> read(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(MAX_CODE_POINTS);
        Object file;
        try {
            file = new Yaml(new SafeConstructor(options)).load(text);
        } catch (YAMLException e) {
            throw new InvalidInputException("yaml", "cannot be read: " + e.getMessage().replaceAll("\\s+", " ").strip());
        }
        if (!(file instanceof Map<?, ?> map) || !map.keySet().equals(Set.of("metrics")) || !(map.get("metrics") instanceof List<?>)) {
            throw new InvalidInputException("yaml", "must have one field, metrics, with a list of metric definitions");
        }
        return new ArrayList<>((List<?>) map.get("metrics")); // an empty entry is null, reported by the caller
    }
}

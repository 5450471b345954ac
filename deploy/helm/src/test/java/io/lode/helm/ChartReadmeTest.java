package io.lode.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The chart README's parameter table against values.yaml: every key documented with its default, nothing documented
 * that the chart does not have. A map is one row when the README names it (resources, selectors), else its keys are.
 */
class ChartReadmeTest {

    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `(.*)` \\| (.+) \\|$");

    @Test
    void theParameterTableListsEveryValueWithItsDefault() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Helm.DIR.resolve("README.md"))) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                assertThat(documented.put(row.group(1), row.group(2))).as("%s documented once", row.group(1)).isNull();
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        flatten("", new YAMLMapper().readValue(Helm.CHART.resolve("values.yaml").toFile(), Map.class), documented,
                values);

        assertThat(documented.keySet()).as("README rows that are keys of values.yaml")
                .containsExactlyInAnyOrderElementsOf(values.keySet());
        values.forEach((key, value) -> {
            if (!(value instanceof Map<?, ?> || value instanceof List<?>)) {
                assertThat(documented.get(key)).as("default of %s", key).isEqualTo(
                        value instanceof String text ? "\"" + text + "\"" : String.valueOf(value));
            }
        });
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> documented,
                                Map<String, Object> into) {
        map.forEach((key, value) -> {
            String path = prefix + key;
            if (value instanceof Map<?, ?> inner && !inner.isEmpty() && !documented.containsKey(path)) {
                flatten(path + ".", inner, documented, into);
            } else {
                into.put(path, value);
            }
        });
    }
}

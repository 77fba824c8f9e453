package org.zhijian.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDatasetCatalogue
{
    @Test
    void aBuiltInDatasetMustKeepTheColumnsZhijiansStepsRead(@TempDir Path conf)
            throws IOException
    {
        Path datasets = Files.createDirectories(conf.resolve("datasets"));
        try (var files = Files.list(Path.of("conf", "datasets"))) {
            for (Path file : files.toList()) {
                Files.copy(file, datasets.resolve(file.getFileName().toString()));
            }
        }
        Path reference = Files.createDirectories(conf.resolve("reference"));
        for (String list : new String[] {"equipment_types.csv", "licence_products.csv"}) {
            Files.copy(Path.of("conf", "reference", list), reference.resolve(list));
        }
        Path inspections = datasets.resolve("inspections.yaml");
        String text = Files.readString(inspections, StandardCharsets.UTF_8);
        int start = text.indexOf("  - name: in_province");
        int end = text.indexOf("references:", start);
        Files.writeString(inspections, text.substring(0, start) + text.substring(end), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> DatasetCatalogue.load(conf)).isInstanceOf(ConfigException.class)
                .hasMessage(inspections + ": zhijian's own steps read the columns in_province; keep them (mark them optional if the files do not have them)");
    }
}

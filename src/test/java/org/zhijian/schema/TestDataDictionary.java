package org.zhijian.schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestDataDictionary
{
    private static final Path DOCUMENT = Path.of("docs", "data-dictionary.md");

    @Test
    void documentMatchesTheSchemaInCode()
            throws IOException
    {
        String expected = DataDictionary.markdown(Datasets.CATALOGUE);
        if (Boolean.getBoolean("zhijian.updateDocs")) {
            Files.writeString(DOCUMENT, expected, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(DOCUMENT, StandardCharsets.UTF_8))
                .as("docs/data-dictionary.md is stale; regenerate it with -Dzhijian.updateDocs=true")
                .isEqualTo(expected);
    }

    @Test
    void everyDatasetHasItsKeyColumnsAndUniqueColumnNames()
    {
        for (SourceDataset dataset : org.zhijian.schema.Datasets.CATALOGUE.all()) {
            assertThat(dataset.columnNames()).doesNotHaveDuplicates();
            assertThat(dataset.columnNames()).containsAll(dataset.keyColumns());
            assertThat(Datasets.CATALOGUE.forFileName(dataset.tableName() + ".CSV")).contains(dataset);
            assertThat(Datasets.CATALOGUE.forFileName(dataset.tableName() + ".xlsx")).contains(dataset);
        }
        assertThat(Datasets.CATALOGUE.forFileName("_injected.csv")).isEmpty();
        assertThat(Rule.forId("code.credit_check")).contains(Rule.CREDIT_CODE_CHECK);
    }
}

package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;
import org.zhijian.indicators.IndicatorCatalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestReportDefinition
{
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));

    @Test
    void theShippedBriefHasTheElevenSheetsInOrder()
    {
        ReportDefinition brief = ReportDefinition.load(Path.of("reports", "brief.yaml"), CATALOGUE);
        assertThat(brief.sections()).extracting(section -> section.sheet().zh())
                .containsExactly("概要", "品牌经济", "标准化", "质量监管", "特种设备", "预警", "预测", "信用", "考核排名", "数据质量", "说明");
        assertThat(brief.sections()).extracting(section -> section.sheet().en())
                .containsExactly("Summary", "Brand economy", "Standardization", "Sampling and cases", "Special equipment", "Warnings", "Forecast", "Credit", "Ranking", "Data quality", "Method notes");
        assertThat(brief.sections().stream().flatMap(section -> section.blocks().stream()).filter(block -> block.chart() != null).map(block -> block.chart().type()))
                .contains("bar", "hbar", "line", "stacked", "stacked_hbar", "rank_interval", "fan");
    }

    @Test
    void aChartOfAColumnTheBlockDoesNotShowIsRefusedWithItsPlace(@TempDir Path directory)
            throws IOException
    {
        Path file = write(directory, """
                title: {zh: 简报, en: Brief}
                sections:
                  - id: sampling
                    sheet: {zh: 质量监管, en: Sampling}
                    blocks:
                      - id: by_city
                        title: {zh: 各市, en: By city}
                        sql: SELECT 1 AS x
                        columns:
                          - {name: x, header: {zh: 甲, en: X}, format: percent}
                        chart: {id: by_city, type: bar, title: {zh: 图, en: Chart}, x: x, y: [rate]}
                """);
        assertThatThrownBy(() -> ReportDefinition.load(file, CATALOGUE)).isInstanceOf(ConfigException.class)
                .hasMessage(file + ": section sampling block by_city chart by_city: y column rate is not one of the block's columns [x]");
    }

    @Test
    void anUnknownFormatChartTypeOrTargetIsRefused(@TempDir Path directory)
            throws IOException
    {
        String block = """
                title: {zh: 简报, en: Brief}
                sections:
                  - id: s
                    sheet: {zh: 甲, en: A}
                    blocks:
                      - id: b
                        title: {zh: 乙, en: B}
                        sql: SELECT 1 AS x
                        columns:
                          - {name: x, header: {zh: 甲, en: X}, format: FORMAT}
                        chart: {id: c, type: TYPE, title: {zh: 图, en: Chart}, x: x, y: [x], target: TARGET}
                """;
        Path format = write(directory, block.replace("FORMAT", "percentage").replace("TYPE", "bar").replace("TARGET", "sampling_pass_rate"));
        assertThatThrownBy(() -> ReportDefinition.load(format, CATALOGUE)).hasMessageContaining("column x: format must be one of").hasMessageEndingWith("not percentage");
        Path type = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "pie").replace("TARGET", "sampling_pass_rate"));
        assertThatThrownBy(() -> ReportDefinition.load(type, CATALOGUE)).hasMessageContaining("chart c: type must be one of").hasMessageEndingWith("not pie");
        Path target = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "bar").replace("TARGET", "pass_rate"));
        assertThatThrownBy(() -> ReportDefinition.load(target, CATALOGUE)).hasMessageEndingWith("target names no indicator of the catalogue: pass_rate");
        Path placeholder = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "bar").replace("TARGET", "sampling_pass_rate")
                .replace("en: B}", "en: \"B, {yaer}\"}"));
        assertThatThrownBy(() -> ReportDefinition.load(placeholder, CATALOGUE)).isInstanceOf(ConfigException.class)
                .hasMessage(placeholder + ": section s block b: unknown placeholder {yaer} (known: [period, quarters, trend, trend_years, year, year_id])");
        // A fan without its bands, and a line that is neither target nor threshold.
        Path fan = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "fan").replace("TARGET", "sampling_pass_rate"));
        assertThatThrownBy(() -> ReportDefinition.load(fan, CATALOGUE)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("chart c: fan needs y (the actual values, the median), low and high (the outer band) and inner");
        Path line = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "bar").replace("TARGET", "sampling_pass_rate, line: goal"));
        assertThatThrownBy(() -> ReportDefinition.load(line, CATALOGUE)).hasMessageEndingWith("chart c: line must be target or threshold, not goal");
        Path sheet = write(directory, block.replace("FORMAT", "percent").replace("TYPE", "bar").replace("TARGET", "sampling_pass_rate").replace("en: A}", "en: \"A/B\"}"));
        assertThatThrownBy(() -> ReportDefinition.load(sheet, CATALOGUE)).hasMessageContaining("sheet name 'A/B' must have at most 31 characters");
    }

    @Test
    void methodsBelongToTheNotesAndNeedTheirWords(@TempDir Path directory)
            throws IOException
    {
        ReportDefinition brief = ReportDefinition.load(Path.of("reports", "brief.yaml"), CATALOGUE);
        assertThat(brief.sections().get(brief.sections().size() - 1).methods()).extracting(ReportDefinition.Method::id)
                .containsExactly("below_threshold", "significant_drop", "repeated_failures", "prevention");
        String yaml = """
                title: {zh: 简报, en: Brief}
                sections:
                  - id: s
                    sheet: {zh: 甲, en: A}
                    BUILTIN
                    methods:
                      - {id: m, name: {zh: 方法, en: Method}TEXT}
                """;
        Path blocks = write(directory, yaml.replace("BUILTIN", "builtin: summary").replace("TEXT", ", text: {zh: 说明, en: Text}"));
        assertThatThrownBy(() -> ReportDefinition.load(blocks, CATALOGUE)).isInstanceOf(ConfigException.class)
                .hasMessage(blocks + ": section s: methods belong to the section with builtin: notes");
        Path wordless = write(directory, yaml.replace("BUILTIN", "builtin: notes").replace("TEXT", ""));
        assertThatThrownBy(() -> ReportDefinition.load(wordless, CATALOGUE)).isInstanceOf(ConfigException.class)
                .hasMessage(wordless + ": section s: every method needs id, name and text");
    }

    private static Path write(Path directory, String yaml)
            throws IOException
    {
        return Files.writeString(directory.resolve("report.yaml"), yaml);
    }
}

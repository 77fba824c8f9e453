package org.zhijian.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;

import static org.assertj.core.api.Assertions.assertThat;

/** The workbook from given query results, without Spark: missing values, notes, charts and the summary. */
class TestBriefWorkbook
{
    static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    static final org.zhijian.reference.ReferenceData REFERENCE = org.zhijian.reference.ReferenceDataLoader.load(Path.of("conf", "reference"));
    private static final String DEFINITION = """
            title: {zh: 浙江省质量工作简报, en: Zhejiang quality brief}
            sections:
              - id: summary
                sheet: {zh: 概要, en: Summary}
                builtin: summary
              - id: sampling
                sheet: {zh: 质量监管, en: Sampling}
                blocks:
                  - id: by_city
                    title: {zh: "各市抽查（{period}）", en: "By city, {period}"}
                    sql: SELECT 1
                    columns:
                      - {name: region, header: {zh: 地区, en: Region}}
                      - {name: pass_rate, header: {zh: 批次合格率, en: Pass rate}, format: percent}
                      - {name: status, header: {zh: 状态, en: Status}, format: status}
                    chart: {id: by_city, type: bar, title: {zh: 合格率, en: Pass rate}, x: region, y: [pass_rate], target: sampling_pass_rate, only: {region_level: city}}
                  - id: food
                    title: {zh: 食品, en: Food}
                    sql: SELECT 1
                    columns:
                      - {name: region, header: {zh: 地区, en: Region}}
                      - {name: pass_rate, header: {zh: 食品合格率, en: Food pass rate}, format: percent}
                    chart: {id: food, type: hbar, title: {zh: 食品, en: Food}, x: region, y: [pass_rate]}
              - id: notes
                sheet: {zh: 说明, en: Notes}
                builtin: notes
                methods:
                  - {id: below_threshold, name: {zh: 预警：合格率低于阈值, en: Below threshold}, text: {zh: 按季度作错误发现率控制。, en: Each quarter under false-discovery control.}}
            """;

    @Test
    void aMissingFigureShowsAsADashWithANoteAndIsLeftOutOfItsChart(@TempDir Path directory)
            throws IOException
    {
        ReportDefinition definition = ReportDefinition.load(Files.writeString(directory.resolve("brief.yaml"), DEFINITION), CATALOGUE);
        List<String> columns = List.of("region_level", "region", "pass_rate", "status");
        Map<String, ReportQueries.Table> tables = Map.of(
                "by_city", new ReportQueries.Table(columns, rows(
                        new Object[] {"city", "杭州市", 0.95, "green"},
                        new Object[] {"city", "宁波市", null, null},
                        new Object[] {"province", "浙江省", 0.93, "amber"})),
                "food", new ReportQueries.Table(columns, rows(new Object[] {"city", "杭州市", null, null})));
        BriefData data = new BriefData(ReportPeriod.of(Periods.parse("2025-Q3")), 7, List.of(
                new BriefData.Value("sampling_pass_rate", "2025-Q3", "province", "330000", "浙江省", 93.0, 100.0, 0.93, "ratio", 0.9, "amber", 0.012, null)), BriefData.Warnings.NONE);
        BriefText text = new BriefText("zh");
        BriefView view = new BriefViewBuilder(data, definition, "brief.yaml", tables, CATALOGUE, text, REFERENCE).build();
        Map<String, Charts.Rendered> drawn = render(view, definition, tables, text);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
            new BriefWorkbook(view, drawn).write(book);
            book.write(bytes);
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
            Sheet sampling = workbook.getSheet("质量监管");
            assertThat(sampling.getRow(0).getCell(0).getStringCellValue()).isEqualTo("质量监管（2025年第三季度）");
            assertThat(sampling.getRow(2).getCell(0).getStringCellValue()).isEqualTo("各市抽查（2025年第三季度）");
            Row hangzhou = sampling.getRow(4);
            assertThat(hangzhou.getCell(1).getNumericCellValue()).isEqualTo(0.95);
            assertThat(hangzhou.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(hangzhou.getCell(2).getStringCellValue()).isEqualTo("绿");
            Row ningbo = sampling.getRow(5);
            assertThat(ningbo.getCell(1).getStringCellValue()).isEqualTo("—");
            assertThat(ningbo.getCell(2).getStringCellValue()).isEqualTo("—");
            assertThat(sampling.getRow(7).getCell(0).getStringCellValue()).startsWith("注：“—”表示本期无数据");
            // The first block's chart is drawn; the second's has no known value: a note instead of an empty chart.
            assertThat(((XSSFDrawing) sampling.getDrawingPatriarch()).getShapes()).hasSize(1);
            assertThat(texts(sampling)).contains("本期无可绘制的数据，未出图。");
            assertThat(drawn).containsOnlyKeys("summary_target_progress", "by_city");

            Sheet summary = workbook.getSheet("概要");
            assertThat(summary.getRow(0).getCell(0).getStringCellValue()).isEqualTo("浙江省质量工作简报（2025年第三季度）");
            Row passRate = summary.getRow(4 + (int) CATALOGUE.indicators().stream().takeWhile(indicator -> !indicator.id().equals("sampling_pass_rate"))
                    .filter(indicator -> !indicator.special() && indicator.frequency().contains("quarter")).count());
            assertThat(passRate.getCell(0).getStringCellValue()).isEqualTo("监督抽查批次合格率");
            assertThat(passRate.getCell(1).getNumericCellValue()).isEqualTo(0.93);
            assertThat(passRate.getCell(4).getStringCellValue()).isEqualTo("黄");
            assertThat(passRate.getCell(5).getNumericCellValue()).isCloseTo(1.2, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(passRate.getCell(6).getStringCellValue()).isEqualTo("—");
            // Indicators with no value in the mart are dashes, not zeros; the yearly ones follow under their year.
            assertThat(texts(summary)).contains("年度指标（2024年，截至本期末最近的完整年度）");
            Row food = summary.getRow(passRate.getRowNum() + 1);
            assertThat(food.getCell(0).getStringCellValue()).isEqualTo("食品抽查批次合格率");
            assertThat(food.getCell(1).getStringCellValue()).isEqualTo("—");

            // The method notes: every indicator's definition, then the methods under their own header.
            Sheet notes = workbook.getSheet("说明");
            int methods = CATALOGUE.indicators().size() + 2;
            assertThat(notes.getRow(methods).getCell(0).getStringCellValue()).isEqualTo("方法编号");
            assertThat(notes.getRow(methods + 1).getCell(0).getStringCellValue()).isEqualTo("below_threshold");
            assertThat(notes.getRow(methods + 1).getCell(1).getStringCellValue()).isEqualTo("预警：合格率低于阈值");
            assertThat(notes.getRow(methods + 1).getCell(2).getStringCellValue()).isEqualTo("按季度作错误发现率控制。");
        }
    }

    private static List<Object[]> rows(Object[]... rows)
    {
        return new ArrayList<>(Arrays.asList(rows));
    }

    private static List<String> texts(Sheet sheet)
    {
        List<String> texts = new ArrayList<>();
        for (Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                texts.add(row.getCell(0).getStringCellValue());
            }
        }
        return texts;
    }

    @Test
    void aStatusOutsideTheColoursIsRefusedNamingTheDefinitionBlockAndColumn(@TempDir Path directory)
            throws IOException
    {
        ReportDefinition definition = ReportDefinition.load(Files.writeString(directory.resolve("brief.yaml"), DEFINITION), CATALOGUE);
        List<String> columns = List.of("region_level", "region", "pass_rate", "status");
        Map<String, ReportQueries.Table> tables = Map.of(
                "by_city", new ReportQueries.Table(columns, rows(new Object[] {"city", "杭州市", 0.95, "purple"})),
                "food", new ReportQueries.Table(columns, rows()));
        BriefData data = new BriefData(ReportPeriod.of(Periods.parse("2025-Q3")), 7, List.of(), BriefData.Warnings.NONE);
        BriefText text = new BriefText("en");
        BriefViewBuilder brief = new BriefViewBuilder(data, definition, "reports/brief.yaml", tables, CATALOGUE, text, REFERENCE);
        org.assertj.core.api.Assertions.assertThatThrownBy(brief::build).isInstanceOf(org.zhijian.ZhijianException.class)
                .hasMessage("reports/brief.yaml: section sampling block by_city column status: 'purple' is not a status colour (green, amber or red)");
    }

    /** Every chart of the view drawn and rendered, as the job does. */
    static Map<String, Charts.Rendered> render(BriefView view, ReportDefinition definition, Map<String, ReportQueries.Table> tables, BriefText text)
            throws IOException
    {
        Charts charts = new Charts(ChartFonts.resolve(Optional.empty(), BriefViewBuilder.labels(definition, tables, CATALOGUE, text, REFERENCE)));
        return charts.renderAll(view.charts());
    }
}

package org.zhijian.report;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.scenario.Assumption;
import org.zhijian.scenario.ScenarioEngine;
import org.zhijian.scenario.ScenarioFixtures;
import org.zhijian.scenario.ScenarioJob;
import org.zhijian.scenario.ScenarioModel;
import org.zhijian.scenario.ScenarioSpec;
import org.zhijian.scenario.ScenarioView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planners' workbook from a run whose results are given (no Spark): goal-seek findings and
 * their colours, the target assessments, the sensitivity order, and the paths with one scenario,
 * with several, and without targets.
 */
class TestScenarioWorkbook
{
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    private static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));

    @TempDir
    Path directory;

    /**
     * The uncertain fixture (three targets: brand contribution 20% in 2029, adoption 20% in 2029,
     * 9 valid brands in Hangzhou in 2028) with chances 90%, 60% and 20%; sensitivities of the first
     * target given out of order; one goal seek of each status.
     */
    private ScenarioJob.Outcome outcome(String name, String yaml)
            throws IOException
    {
        ScenarioSpec spec = ScenarioFixtures.load(directory, name, yaml);
        ScenarioModel model = ScenarioModel.of(spec, ScenarioFixtures.base());
        List<ScenarioEngine.Goal> goals = new ArrayList<>();
        for (ScenarioSpec.Target target : spec.targets()) {
            int region = target.region().equals(ScenarioSpec.PROVINCE) ? 0 : ScenarioFixtures.base().cities().indexOf(target.region()) + 1;
            goals.add(new ScenarioEngine.Goal(ScenarioSpec.INDICATORS.indexOf(target.indicator()), region, target.year() - 2025, target.value(), true));
        }
        List<ScenarioEngine.Quantile> quantiles = new ArrayList<>();
        for (int indicator = 0; indicator < 4; indicator++) {
            double start = ScenarioSpec.isRate(ScenarioSpec.INDICATORS.get(indicator)) ? 0.15 : 6;
            double step = ScenarioSpec.isRate(ScenarioSpec.INDICATORS.get(indicator)) ? 0.01 : 1;
            for (int region = 0; region < 3; region++) {
                for (int year = 0; year <= spec.horizon(); year++) {
                    double p50 = start + step * year + region * step / 10;
                    double spread = step * year;
                    quantiles.add(new ScenarioEngine.Quantile(indicator, region, year, p50 - 2 * spread, p50 - spread, p50, p50 + spread, p50 + 2 * spread, p50));
                }
            }
        }
        List<ScenarioEngine.Chance> chances = new ArrayList<>();
        List<ScenarioEngine.Reference> references = new ArrayList<>();
        double[] main = {0.9, 0.6, 0.2};
        for (int k = 0; k < goals.size(); k++) {
            for (int region = 0; region < 3; region++) {
                chances.add(new ScenarioEngine.Chance(k, region, region == goals.get(k).region() ? main[k] : 0.5));
            }
            references.add(new ScenarioEngine.Reference(k, 0.2, main[k]));
        }
        List<ScenarioEngine.Sensitivity> sensitivities = new ArrayList<>();
        List<ScenarioEngine.GoalSeek> seeks = new ArrayList<>();
        if (!goals.isEmpty()) {
            sensitivities.add(new ScenarioEngine.Sensitivity(0, new ScenarioModel.Move(Assumption.SALES_GROWTH, 0), 0.199, 0.201, 0.88, 0.92));
            sensitivities.add(new ScenarioEngine.Sensitivity(0, new ScenarioModel.Move(Assumption.NEW_BRANDS, 1), 0.18, 0.23, 0.7, 0.95));
            sensitivities.add(new ScenarioEngine.Sensitivity(0, new ScenarioModel.Move(null, -1), 0.19, 0.21, 0.8, 0.93));
            seeks.add(new ScenarioEngine.GoalSeek(0, Assumption.NEW_BRANDS, ScenarioEngine.GoalSeek.Status.MET, 1.0, 0.9));
            seeks.add(new ScenarioEngine.GoalSeek(1, Assumption.ADOPTION_CHANGE, ScenarioEngine.GoalSeek.Status.REACHED, 1.5, 0.81));
            seeks.add(new ScenarioEngine.GoalSeek(2, Assumption.NEW_BRANDS, ScenarioEngine.GoalSeek.Status.UNREACHABLE, 3.0, 0.42));
            seeks.add(new ScenarioEngine.GoalSeek(1, Assumption.BRAND_SALES_GROWTH, ScenarioEngine.GoalSeek.Status.NO_EFFECT, 3.0, 0.6));
        }
        return new ScenarioJob.Outcome(spec, model, goals, new ScenarioEngine.Result(quantiles, chances, references, sensitivities, seeks), 0);
    }

    private static ScenarioJob.Result run(ScenarioJob.Outcome... outcomes)
    {
        return new ScenarioJob.Result("test", ScenarioFixtures.base(), List.of(outcomes), null, Map.of(), 0);
    }

    private record Rendered(XSSFWorkbook book, Map<String, Charts.Rendered> charts) {}

    private static Rendered render(ScenarioJob.Result run, String language)
            throws IOException
    {
        ScenarioText text = new ScenarioText(language, CATALOGUE, REFERENCE);
        ScenarioView view = ScenarioView.of(run);
        Charts charts = new Charts(ChartFonts.resolve(Optional.empty(), text.chartLabels(List.of(run.outcomes().get(0).spec().name()))));
        try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
            ScenarioWorkbook.render(view, text, charts, book);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            book.write(bytes);
            return new Rendered(new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray())), book.charts());
        }
    }

    @Test
    void oneScenarioWithTargetsHasEverySheetButTheComparison()
            throws IOException
    {
        Rendered rendered = render(run(outcome("uncertain", ScenarioFixtures.uncertain("uncertain", 100))), "zh");
        assertThat(sheets(rendered.book())).containsExactly("假设", "结果", "明细", "目标概率", "敏感性", "目标倒推");
        assertThat(rendered.charts().keySet()).containsExactly("fan_brand_contribution_rate", "fan_strategic_brand_share", "fan_valid_brands", "fan_intl_adoption_rate",
                "probability", "tornado_1", "tornado_2", "tornado_3");
        // 4 indicators x 3 regions x 5 years.
        assertThat(rendered.book().getSheet("明细").getLastRowNum()).isEqualTo(60);
        // The base year's province total: sales 400, brands 6, 4 of 25 standards adopt (16.0%).
        Row total = find(rendered.book().getSheet("假设"), "浙江省");
        assertThat(total.getCell(2).getNumericCellValue()).isEqualTo(400.0);
        assertThat(total.getCell(4).getNumericCellValue()).isEqualTo(6.0);
        assertThat(total.getCell(7).getNumericCellValue()).isEqualTo(0.16);
    }

    @Test
    void eachTargetIsAssessedByItsChanceAndColouredSo()
            throws IOException
    {
        XSSFWorkbook book = render(run(outcome("uncertain", ScenarioFixtures.uncertain("uncertain", 100))), "zh").book();
        Sheet targets = book.getSheet("目标概率");
        List<Row> rows = rowsAfter(targets, "指标", 3);
        assertThat(rows).extracting(row -> row.getCell(6).getNumericCellValue()).containsExactly(0.9, 0.6, 0.2);
        assertThat(rows).extracting(row -> row.getCell(7).getStringCellValue()).containsExactly("较有把握", "有风险", "难以达成");
        assertThat(rows).extracting(row -> fill(row.getCell(7))).containsExactly("C6EFCE", "FFEB9C", "FFC7CE");
        // The third target is Hangzhou's, shown by name.
        assertThat(rows.get(2).getCell(3).getStringCellValue()).isEqualTo("杭州市");
        assertThat(rows.get(2).getCell(1).getNumericCellValue()).isEqualTo(9.0);
    }

    @Test
    void sensitivitiesAreListedLargestMoveFirstInPercentagePoints()
            throws IOException
    {
        Sheet sheet = render(run(outcome("uncertain", ScenarioFixtures.uncertain("uncertain", 100))), "zh").book().getSheet("敏感性");
        List<Row> rows = rowsAfter(sheet, "假设", 3);
        assertThat(rows).extracting(row -> row.getCell(0).getStringCellValue()).containsExactly("每年新认定名牌数", "省级冲击", "营业收入年增长率");
        assertThat(rows).extracting(row -> row.getCell(1).getStringCellValue()).containsExactly("其他", "全部", "战略性（高新/装备）");
        // P50 0.18 against the reference 0.20: -2 percentage points.
        assertThat(rows.get(0).getCell(4).getNumericCellValue()).isCloseTo(-2.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rows.get(0).getCell(5).getNumericCellValue()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void goalSeekSaysWhatEachLeverFoundWithTheLevelsItNeeds()
            throws IOException
    {
        Sheet sheet = render(run(outcome("uncertain", ScenarioFixtures.uncertain("uncertain", 100))), "en").book().getSheet("Goal seek");
        List<Row> rows = rowsAfter(sheet, "Target", 4);
        assertThat(rows).extracting(row -> row.getCell(2).getStringCellValue()).containsExactly("Already at least 80% likely; no move needed",
                "Reaches 80% at ×1.50 its mean", "Not reachable within ×3 (42% at ×3)", "This lever does not move this indicator");
        assertThat(rows).extracting(row -> fill(row.getCell(2))).containsExactly("C6EFCE", "", "FFC7CE", "");
        // A factor and a needed level only where one was found.
        assertThat(rows.get(1).getCell(3).getNumericCellValue()).isEqualTo(1.5);
        assertThat(rows.get(1).getCell(5).getNumericCellValue()).isGreaterThan(rows.get(1).getCell(4).getNumericCellValue());
        assertThat(rows.get(2).getCell(3).getStringCellValue()).isEqualTo(ReportWorkbook.MISSING);
        assertThat(rows.get(2).getCell(0).getStringCellValue()).endsWith(", Hangzhou)");
    }

    @Test
    void withoutTargetsTheTargetSheetsSaySoAndDrawNothing()
            throws IOException
    {
        String yaml = ScenarioFixtures.fixed("plain").replaceAll("targets:[\\s\\S]*", "");
        Rendered rendered = render(run(outcome("plain", yaml)), "zh");
        assertThat(text(rendered.book().getSheet("目标概率"))).contains("情景文件未设目标（targets）。");
        assertThat(text(rendered.book().getSheet("敏感性"))).contains("情景文件未设目标，无敏感性分析。");
        assertThat(text(rendered.book().getSheet("目标倒推"))).contains("情景文件未设目标，无目标倒推。");
        assertThat(rendered.charts().keySet()).noneMatch(name -> name.startsWith("tornado") || name.equals("probability"));
    }

    @Test
    void severalScenariosAreComparedSideBySide()
            throws IOException
    {
        Rendered rendered = render(run(outcome("uncertain", ScenarioFixtures.uncertain("uncertain", 100)), outcome("fixed", ScenarioFixtures.fixed("fixed"))), "en");
        assertThat(sheets(rendered.book())).containsExactly("Assumptions", "Results", "Detail", "Targets", "Sensitivity", "Goal seek", "Compare");
        assertThat(rendered.charts().keySet()).contains("compare_valid_brands");
        Sheet compare = rendered.book().getSheet("Compare");
        Row header = compare.getRow(3);
        assertThat(header.getCell(1).getStringCellValue()).isEqualTo("uncertain");
        assertThat(header.getCell(2).getStringCellValue()).isEqualTo("fixed");
        // The fixed scenario's horizon is 3 years, the main one's 4: its last year is empty.
        Row last = compare.getRow(8);
        assertThat(last.getCell(0).getNumericCellValue()).isEqualTo(2029.0);
        assertThat(last.getCell(2).getStringCellValue()).isEqualTo(ReportWorkbook.MISSING);
        // Probability chart: one series per scenario over the main scenario's targets; fixed has none of them.
        assertThat(rowsAfter(rendered.book().getSheet("Targets"), "Indicator", 3)).hasSize(3);
    }

    private static List<String> sheets(XSSFWorkbook book)
    {
        List<String> names = new ArrayList<>();
        book.forEach(sheet -> names.add(sheet.getSheetName()));
        return names;
    }

    /** The first row whose first cell is {@code first}. */
    private static Row find(Sheet sheet, String first)
    {
        for (Row row : sheet) {
            Cell cell = row.getCell(0);
            if (cell != null && cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && cell.getStringCellValue().equals(first)) {
                return row;
            }
        }
        throw new AssertionError("no row starts with " + first + " in " + sheet.getSheetName());
    }

    /** The {@code count} rows after the first header that starts with {@code header}. */
    private static List<Row> rowsAfter(Sheet sheet, String header, int count)
    {
        int index = find(sheet, header).getRowNum();
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            rows.add(sheet.getRow(index + i));
        }
        return rows;
    }

    private static String text(Sheet sheet)
    {
        StringBuilder all = new StringBuilder();
        sheet.forEach(row -> row.forEach(cell -> all.append(cell.toString()).append('\n')));
        return all.toString();
    }

    private static String fill(Cell cell)
    {
        XSSFCellStyle style = (XSSFCellStyle) cell.getCellStyle();
        return style.getFillForegroundXSSFColor() == null ? "" : style.getFillForegroundXSSFColor().getARGBHex().substring(2);
    }
}

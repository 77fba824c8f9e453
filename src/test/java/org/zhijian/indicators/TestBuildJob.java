package org.zhijian.indicators;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.lake.LakeTables;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.RawFileInspector;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunIds;
import org.zhijian.lake.TableName;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.apache.spark.sql.functions.col;

/**
 * build on ingested sample data: figures match the raw file, reruns are identical, one period is
 * rebuilt alone. Three builds in all: the whole build every other test reads, made first, a
 * rebuild that must equal it, and the one-period build, made last (it moves the forecasts' origin).
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class TestBuildJob
{
    private static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    private static final BuildJob.Settings SETTINGS = BuildJob.Settings.load(Path.of("conf"), CATALOGUE);
    private static final List<TableName> TABLES = List.of(LakeTables.INDICATOR_VALUES, LakeTables.CREDIT_RATINGS, LakeTables.EARLY_WARNINGS, LakeTables.COMPOSITE_INDEX,
            LakeTables.PASS_RATE_BY_CATEGORY, LakeTables.BRANDS_BY_LEVEL, LakeTables.STANDARDS_BY_KIND, LakeTables.SCENARIO_BASE, LakeTables.CLUSTER_LOCATION_QUOTIENT, LakeTables.FORECASTS,
            LakeTables.FORECAST_BACKTEST, LakeTables.FORECAST_ACCURACY, LakeTables.PREVENTION_WARNINGS, LakeTables.CREDIT_LISTS, LakeTables.EQUIPMENT_WARNINGS);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);
    private static final org.zhijian.report.BriefJob.Inputs BRIEF = new org.zhijian.report.BriefJob.Inputs(CATALOGUE, REFERENCE,
            SETTINGS.scorecard(), org.zhijian.report.ReportDefinition.load(Path.of("reports", "brief.yaml"), CATALOGUE), "reports/brief.yaml");

    @TempDir
    static Path directory;
    private static Path raw;
    private static Path lakePath;
    private static SparkSession spark;
    /** The whole build the lake is as it left it, once made. */
    private static BuildJob.Result wholeBuild;

    @BeforeAll
    static void ingest()
            throws IOException
    {
        spark = SharedSpark.session();
        raw = directory.resolve("raw");
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.005, 3, 2025, 0, List.of(OutputFormat.CSV), raw), line -> {});
        lakePath = directory.resolve("lake");
        new IngestJob(spark, REFERENCE, line -> {}).run(new IngestJob.Request("ingest", raw.toString(), lakePath.toString(), RawFileInspector.Options.defaults(),
                AS_OF, false, 0.05, false, true, 0), RunIds.next());
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void theProvincesPassRateIsPassedOverSampledBatchesOfTheRawFileAndRerunsAreIdentical()
            throws IOException
    {
        BuildJob.Result first = fullyBuilt();
        assertThat(first.lastYear()).isEqualTo(2025);
        long[] counted = org.zhijian.generate.RawCounts.passedAndSampled(raw, 2025);
        long passed = counted[0];
        long sampled = counted[1];
        Row province = values().where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025'").first();
        // A quarter's case rate is held to a quarter of the yearly target of 200 per 10,000.
        assertThat(values().where("indicator_id = 'case_rate' AND region_level = 'province' AND period = '2025-Q3'").first().<Double>getAs("target")).isEqualTo(50.0);
        assertThat(province.getAs("numerator").equals((double) passed)).isTrue();
        assertThat((double) province.getAs("denominator")).isEqualTo((double) sampled);
        assertThat((double) province.getAs("value")).isEqualTo((double) passed / sampled);
        // Cities sum to the province.
        Row cities = values().where("indicator_id = 'sampling_pass_rate' AND region_level = 'city' AND period = '2025'").agg(org.apache.spark.sql.functions.sum("numerator"), org.apache.spark.sql.functions.sum("denominator")).first();
        assertThat(cities.getDouble(0)).isEqualTo((double) passed);
        assertThat(cities.getDouble(1)).isEqualTo((double) sampled);

        // Every table is written, and a second build writes the same rows.
        assertThat(first.tables().keySet()).containsExactlyInAnyOrderElementsOf(TABLES.stream().map(TableName::toString).toList());
        java.util.Map<TableName, List<Row>> before = new java.util.HashMap<>();
        for (TableName table : TABLES) {
            before.put(table, table(table).collectAsList());
            // A sample this small has too few units per county for an equipment warning (TestEquipmentWarnings has them).
            if (!table.equals(LakeTables.EQUIPMENT_WARNINGS)) {
                assertThat(before.get(table)).as(table.toString()).isNotEmpty();
            }
        }
        wholeBuild = build(Optional.empty());
        for (TableName table : TABLES) {
            assertThat(table(table).collectAsList()).as(table.toString()).isEqualTo(before.get(table));
        }
    }

    @Test
    void theSpecialEquipmentLicenceAndRecallIndicatorsAgreeWithTheRawFiles()
            throws IOException
    {
        fullyBuilt();
        LocalDate yearEnd = LocalDate.of(2025, 12, 31);
        assertThat(province("equipment_registered", "2025").getDouble(0)).isEqualTo((double) org.zhijian.generate.RawSupervision.registered(raw, yearEnd)).isPositive();
        long[] due = org.zhijian.generate.RawSupervision.dueAndOnTime(raw, 2025);
        Row rate = province("equipment_inspection_rate", "2025");
        assertThat(new double[] {rate.getDouble(0), rate.getDouble(1)}).containsExactly(due[0], due[1]);
        assertThat(due[0]).isPositive().isLessThan(due[1]);
        assertThat(province("equipment_overdue_count", "2025").getDouble(0)).isEqualTo((double) org.zhijian.generate.RawSupervision.overdue(raw, yearEnd)).isPositive();
        List<java.util.Map<String, String>> accidents = new java.util.ArrayList<>();
        for (int year = 2016; year <= 2025; year++) {
            accidents.addAll(org.zhijian.generate.RawSupervision.inYear(raw, "equipment_accidents.csv", "occurred_on", year));
        }
        double accidentsCounted = values().where("indicator_id = 'equipment_accidents' AND region_level = 'province' AND period_type = 'year'")
                .agg(org.apache.spark.sql.functions.sum("numerator")).first().getDouble(0);
        assertThat(accidentsCounted).isEqualTo((double) accidents.size()).isPositive();
        assertThat(province("licences_issued", "2025").getDouble(0))
                .isEqualTo((double) org.zhijian.generate.RawSupervision.inYear(raw, "licences.csv", "issued_on", 2025).size()).isPositive();
        List<java.util.Map<String, String>> recalls = new java.util.ArrayList<>();
        for (int year = 2016; year <= 2025; year++) {
            recalls.addAll(org.zhijian.generate.RawSupervision.inYear(raw, "recalls.csv", "announced_on", year));
        }
        assertThat(values().where("indicator_id = 'recalled_units' AND region_level = 'province'").agg(org.apache.spark.sql.functions.sum("numerator")).first().getDouble(0))
                .isEqualTo(recalls.stream().mapToDouble(row -> Double.parseDouble(row.get("units"))).sum()).isPositive();
        // Over the years, licence holders pass more often than producers without a licence, as the sample data make them.
        Row holders = values().where("indicator_id = 'licensed_pass_rate' AND region_level = 'province' AND period_type = 'year'")
                .agg(org.apache.spark.sql.functions.sum("numerator"), org.apache.spark.sql.functions.sum("denominator")).first();
        Row others = values().where("indicator_id = 'unlicensed_pass_rate' AND region_level = 'province' AND period_type = 'year'")
                .agg(org.apache.spark.sql.functions.sum("numerator"), org.apache.spark.sql.functions.sum("denominator")).first();
        assertThat(holders.getDouble(0) / holders.getDouble(1)).isGreaterThan(others.getDouble(0) / others.getDouble(1));
    }

    /** The province's numerator, denominator and value of an indicator in a period. */
    private static Row province(String indicator, String period)
            throws IOException
    {
        return values().where("indicator_id = '" + indicator + "' AND region_level = 'province' AND period = '" + period + "'")
                .selectExpr("numerator", "coalesce(denominator, 0D)", "value").first();
    }

    @Test
    void theRedAndBlackListsHoldWhatTheirRulesSayAndThePublicationShowsThemWithoutPersonalData()
            throws IOException
    {
        fullyBuilt();
        table(LakeTables.CREDIT_LISTS).createOrReplaceTempView("lists");
        table(LakeTables.CREDIT_RATINGS).createOrReplaceTempView("ratings");
        table(LakeTables.staged("cases")).createOrReplaceTempView("cases");
        // Checked in SQL, apart from the code that lists: every red enterprise was graded A in each of its three years …
        assertThat(spark.sql("""
                SELECT l.year, l.credit_code FROM lists l
                WHERE l.list = 'red' AND l.change <> 'removed'
                  AND (SELECT count(*) FROM ratings r WHERE r.credit_code = l.credit_code AND r.grade = 'A' AND r.year BETWEEN l.year - 2 AND l.year) <> 3""").count()).isZero();
        // … and every black one was graded D within 24 months or had a counterfeiting or unlicensed case opened in them.
        assertThat(spark.sql("""
                SELECT l.year, l.credit_code FROM lists l
                WHERE l.list = 'black' AND l.change <> 'removed'
                  AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.credit_code = l.credit_code AND r.grade = 'D' AND r.year BETWEEN l.year - 1 AND l.year)
                  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.credit_code = l.credit_code AND c.violation IN ('制假售假', '无证生产')
                                  AND c.opened_on > add_months(make_date(l.year, 12, 31), -24) AND c.opened_on <= make_date(l.year, 12, 31))""").count()).isZero();
        // Every D of 2025 is on 2025's black list; nobody is on both lists in a year.
        assertThat(spark.sql("""
                SELECT r.credit_code FROM ratings r LEFT ANTI JOIN (SELECT credit_code FROM lists WHERE year = 2025 AND list = 'black' AND change <> 'removed') b
                ON b.credit_code = r.credit_code WHERE r.year = 2025 AND r.grade = 'D'""").count()).isZero();
        assertThat(spark.sql("SELECT year, credit_code FROM lists WHERE change <> 'removed' GROUP BY year, credit_code HAVING count(DISTINCT list) > 1").count()).isZero();
        assertThat(spark.sql("SELECT * FROM lists WHERE list = 'black' AND year = 2025").count()).isPositive();

        // The publication of 2025: four files in two formats, the lists' rows, and not one personal value in any cell.
        Path out = directory.resolve("publication");
        org.zhijian.export.CreditPublication.Result published = new org.zhijian.export.CreditPublication(spark, lakePath.toString(), REFERENCE, SETTINGS.scorecard(), line -> {})
                .run(new org.zhijian.export.CreditPublication.Request(2025, out, true, java.time.Duration.ofMinutes(5)));
        assertThat(published.files()).extracting(file -> file.getFileName().toString()).containsExactly(
                "信用公示_2025.xlsx", "信用公示_2025.csv", "守信激励名单_2025.xlsx", "守信激励名单_2025.csv", "失信惩戒名单_2025.xlsx", "失信惩戒名单_2025.csv",
                "名单变化_2025.xlsx", "名单变化_2025.csv");
        assertThat(published.rated()).isEqualTo(table(LakeTables.CREDIT_RATINGS).where("year = 2025").count());
        assertThat(published.black()).isEqualTo(spark.sql("SELECT * FROM lists WHERE year = 2025 AND list = 'black' AND change <> 'removed'").count());
        List<String> publicLines = java.nio.file.Files.readAllLines(out.resolve("信用公示_2025.csv"));
        assertThat(publicLines.get(0)).isEqualTo("\uFEFF企业名称,统一社会信用代码,所在地,信用等级,信用得分,评级依据,名单");
        assertThat(publicLines).hasSize((int) published.rated() + 1);
        assertThat(java.nio.file.Files.readAllLines(out.resolve("失信惩戒名单_2025.csv"))).hasSize((int) published.black() + 1)
                .element(0).isEqualTo("\uFEFF企业名称,统一社会信用代码,所在地,信用等级,本年变化,列入依据");
        java.util.Set<String> names = new java.util.HashSet<>();
        java.util.Set<String> phones = new java.util.HashSet<>();
        table(LakeTables.staged("enterprises")).select("legal_rep", "phone").collectAsList().forEach(row -> {
            if (row.getString(0) != null) {
                names.add(row.getString(0));
            }
            if (row.getString(1) != null) {
                phones.add(row.getString(1));
            }
        });
        assertThat(names).isNotEmpty();
        assertThat(phones).isNotEmpty();
        long cells = 0;
        for (Path file : published.files()) {
            List<String> values = new ArrayList<>();
            if (file.toString().endsWith(".xlsx")) {
                try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(file.toFile())) {
                    org.apache.poi.ss.usermodel.DataFormatter formatter = new org.apache.poi.ss.usermodel.DataFormatter();
                    workbook.forEach(sheet -> sheet.forEach(row -> row.forEach(cell -> values.add(formatter.formatCellValue(cell)))));
                }
                catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
                    throw new IOException(e);
                }
            }
            else {
                java.nio.file.Files.readAllLines(file).forEach(line -> values.addAll(List.of(line.split(","))));
            }
            for (String value : values) {
                assertThat(names).as(file + ": a legal representative's name").doesNotContain(value.strip());
                assertThat(phones.stream().filter(value::contains)).as(file + ": a phone number").isEmpty();
            }
            cells += values.size();
        }
        assertThat(cells).isGreaterThan(published.rated() * 7);
    }

    @Test
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void buildingOnePeriodLeavesTheOthersUntouched()
            throws IOException
    {
        fullyBuilt();
        List<Row> others = values().where(col("period").notEqual("2025-Q3")).orderBy("indicator_id", "period", "region_code").collectAsList();
        long q3 = values().where(col("period").equalTo("2025-Q3")).count();
        // Last of the tests: the forecasts start from 2025-Q3 after it.
        BuildJob.Result result = build(Optional.of(Periods.parse("2025-Q3")));
        assertThat(result.rowsWritten()).isEqualTo(q3).isPositive();
        assertThat(values().where(col("period").notEqual("2025-Q3")).orderBy("indicator_id", "period", "region_code").collectAsList()).isEqualTo(others);
        assertThat(values().where(col("period").equalTo("2025-Q3")).count()).isEqualTo(q3);
        // The forecasts start from the period built: history up to 2025-Q3, the four quarters after it.
        assertThat(table(LakeTables.FORECASTS).select("origin").distinct().collectAsList()).extracting(row -> row.getString(0)).containsExactly("2025-Q3");
        assertThat(table(LakeTables.FORECASTS).where("horizon = 1").select("period").distinct().collectAsList()).extracting(row -> row.getString(0)).containsExactly("2025-Q4");
    }

    @Test
    void forecastsAreOrderedIntervalsOfRatesAndPreventionWarningsStandApart()
            throws IOException
    {
        fullyBuilt();
        org.apache.spark.sql.Dataset<Row> forecasts = table(LakeTables.FORECASTS);
        // As of November 2026 the last quarter with sampling is 2025-Q4: 2026-Q1 to Q4 are forecast.
        assertThat(forecasts.select("origin").distinct().collectAsList()).extracting(row -> row.getString(0)).containsExactly("2025-Q4");
        assertThat(forecasts.select("period").distinct().orderBy("period").collectAsList()).extracting(row -> row.getString(0))
                .containsExactly("2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4");
        assertThat(forecasts.where("NOT (0 <= lower95 AND lower95 <= lower80 AND lower80 <= p50 AND p50 <= upper80 AND upper80 <= upper95 AND upper95 <= 1)").count()).isZero();
        assertThat(forecasts.where("series = 'sampling_pass_rate' AND region_level = 'province'").count()).isEqualTo(4);
        assertThat(forecasts.where("series = 'category' AND region_level = 'city'").count()).isPositive();
        assertThat(forecasts.where("basis IS NULL OR method IS NULL OR expected_batches < 1").count()).isZero();
        // Every backtest row is a held-out quarter of the last eight, and the summary covers the four kinds of series.
        org.apache.spark.sql.Dataset<Row> backtest = table(LakeTables.FORECAST_BACKTEST);
        assertThat(backtest.select("period").distinct().count()).isEqualTo(8);
        assertThat(table(LakeTables.FORECAST_ACCURACY).collectAsList()).extracting(row -> row.getString(0))
                .containsExactly("sampling_pass_rate", "sampling_pass_rate_food", "sampling_pass_rate_high_risk", "category");
        // Prevention warnings are next-quarter category forecasts, and the early warnings hold none of them.
        org.apache.spark.sql.Dataset<Row> prevention = table(LakeTables.PREVENTION_WARNINGS);
        assertThat(prevention.where("kind <> 'forecast_below_threshold' OR period <> '2026-Q1' OR probability_below < 0.6 OR evidence_zh NOT LIKE '预计2026年第一季度%'").count())
                .isZero();
        assertThat(table(LakeTables.EARLY_WARNINGS).where("kind = 'forecast_below_threshold'").count()).isZero();
    }

    @Test
    void theBriefsEverySummaryFigureIsTheMartsAndEverySectionHasItsTableAndCharts()
            throws Exception
    {
        fullyBuilt();
        Path reports = directory.resolve("reports");
        org.zhijian.report.BriefJob job = new org.zhijian.report.BriefJob(spark, BRIEF);
        org.zhijian.report.BriefJob.Result result = job.run(lakePath.toString(), Periods.parse("2025-Q3"), "zh", Optional.empty(), reports);
        assertThat(result.workbook().orElseThrow()).isEqualTo(reports.resolve("2025-Q3").resolve("质量工作简报_2025-Q3.xlsx"));
        // Twenty-two charts, each as PNG (drawn at 2x: 1440 x 800) and SVG; the page beside the workbook.
        assertThat(result.html().orElseThrow()).isEqualTo(reports.resolve("2025-Q3").resolve("质量工作简报_2025-Q3.html"));
        assertThat(result.charts()).hasSize(44).allSatisfy(chart -> assertThat(chart).isNotEmptyFile());
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(reports.resolve("2025-Q3/charts/sampling_pass_rate_by_city.png").toFile());
        assertThat(png.getWidth()).isEqualTo(1440);
        assertThat(png.getHeight()).isEqualTo(800);
        assertThat(Files.readString(reports.resolve("2025-Q3/charts/sampling_pass_rate_by_city.svg"))).contains("<svg").contains("各市监督抽查批次合格率");

        List<Row> marts = values().where("region_level = 'province' AND period IN ('2025-Q3', '2024')").collectAsList();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(result.workbook().orElseThrow()))) {
            List<String> sheets = new java.util.ArrayList<>();
            workbook.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertThat(sheets).containsExactly("概要", "品牌经济", "标准化", "质量监管", "特种设备", "预警", "预测", "信用", "考核排名", "数据质量", "说明");
            // Every figure of the summary is the mart's: the quarter's indicators, then 2024's yearly ones.
            int compared = 0;
            String period = "2025-Q3";
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheet("概要")) {
                org.apache.poi.ss.usermodel.Cell first = row.getCell(0);
                if (first != null && first.getStringCellValue().startsWith("年度指标（2024年")) {
                    period = "2024";
                }
                IndicatorCatalogue.Indicator indicator = first == null ? null
                        : CATALOGUE.indicators().stream().filter(candidate -> candidate.name().zh().equals(first.getStringCellValue())).findFirst().orElse(null);
                if (indicator == null) {
                    continue;
                }
                String rowPeriod = period;
                Optional<Row> mart = marts.stream().filter(value -> value.getAs("indicator_id").equals(indicator.id()) && value.getAs("period").equals(rowPeriod)).findFirst();
                org.apache.poi.ss.usermodel.Cell value = row.getCell(1);
                if (mart.isEmpty()) {
                    assertThat(value.getStringCellValue()).as(indicator.id()).isEqualTo("—");
                    continue;
                }
                assertThat(value.getNumericCellValue()).as(indicator.id() + " " + rowPeriod).isEqualTo(mart.get().<Double>getAs("value"));
                if (mart.get().getAs("target") != null) {
                    assertThat(row.getCell(3).getNumericCellValue()).as(indicator.id() + " target").isEqualTo(mart.get().<Double>getAs("target"));
                }
                if (mart.get().getAs("yoy_change") != null) {
                    double shown = row.getCell(5).getNumericCellValue();
                    double yoy = mart.get().getAs("yoy_change");
                    assertThat(shown).as(indicator.id() + " yoy").isCloseTo(indicator.unit().equals("ratio") ? yoy * 100 : yoy, org.assertj.core.data.Offset.offset(1e-9));
                }
                compared++;
            }
            assertThat(compared).isGreaterThanOrEqualTo(10);
            org.apache.poi.ss.usermodel.Row passRate = find(workbook.getSheet("概要"), "监督抽查批次合格率");
            assertThat(passRate.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(workbook.getSheet("概要").getRow(row(workbook.getSheet("概要"), "要点") + 1).getCell(0).getStringCellValue()).startsWith("• 2025年第三季度全省监督抽查");

            // The sampling sheet's province row is the mart's, and each block sheet carries its charts.
            Row province = values().where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025-Q3'").first();
            org.apache.poi.ss.usermodel.Row total = find(workbook.getSheet("质量监管"), "浙江省");
            assertThat(total.getCell(1).getNumericCellValue()).isEqualTo(province.<Double>getAs("denominator"));
            assertThat(total.getCell(3).getNumericCellValue()).isEqualTo(province.<Double>getAs("value"));
            java.util.Map<String, Integer> pictures = new java.util.LinkedHashMap<>();
            for (String sheet : List.of("概要", "品牌经济", "标准化", "质量监管", "特种设备", "预警", "预测", "信用", "考核排名", "数据质量")) {
                org.apache.poi.xssf.usermodel.XSSFDrawing drawing = workbook.getSheet(sheet).getDrawingPatriarch();
                pictures.put(sheet, drawing == null ? 0 : drawing.getShapes().size());
            }
            // The special equipment sheet's province row is the mart's too.
            org.apache.poi.ss.usermodel.Row equipment = find(workbook.getSheet("特种设备"), "浙江省");
            assertThat(equipment.getCell(1).getNumericCellValue())
                    .isEqualTo(values().where("indicator_id = 'equipment_registered' AND region_level = 'province' AND period = '2025-Q3'").first().<Double>getAs("value"));
            assertThat(pictures).containsExactly(entry("概要", 1), entry("品牌经济", 4), entry("标准化", 3), entry("质量监管", 5), entry("特种设备", 2), entry("预警", 1), entry("预测", 3), entry("信用", 1),
                    entry("考核排名", 1), entry("数据质量", 1));
            // The forecast sheet's next quarter is the mart's, and the summary tells it.
            Row next = table(LakeTables.FORECASTS).where("series = 'sampling_pass_rate' AND region_level = 'province' AND horizon = 1").first();
            org.apache.poi.ss.usermodel.Row forecast = find(workbook.getSheet("预测"), next.<String>getAs("period"));
            assertThat(forecast.getCell(3).getNumericCellValue()).isEqualTo(next.<Double>getAs("p50"));
            assertThat(forecast.getCell(4).getNumericCellValue()).isEqualTo(next.<Double>getAs("lower80"));
            assertThat(texts(workbook.getSheet("概要"))).anyMatch(line -> line.startsWith("• 预计2026年第一季度全省监督抽查批次合格率为 "
                    + String.format(java.util.Locale.ROOT, "%.1f%%", next.<Double>getAs("rate_mean") * 100)));
            // Ranks come from marts.composite_index for the latest complete year.
            Row best = table(LakeTables.COMPOSITE_INDEX).where("year = 2024 AND region_level = 'city' AND rank = 1").first();
            org.apache.poi.ss.usermodel.Sheet ranking = workbook.getSheet("考核排名");
            assertThat(ranking.getRow(4).getCell(0).getStringCellValue()).isEqualTo(best.<String>getAs("region_name"));
            assertThat(ranking.getRow(4).getCell(1).getNumericCellValue()).isEqualTo(best.<Double>getAs("score"));
        }

        // English: sheet names, city names and the file name follow the language.
        org.zhijian.report.BriefJob.Result english = job.run(lakePath.toString(), Periods.parse("2025-Q3"), "en", Optional.empty(), reports);
        assertThat(english.workbook().orElseThrow().getFileName().toString()).isEqualTo("quality_brief_2025-Q3_en.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(english.workbook().orElseThrow()))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Summary");
            assertThat(workbook.getSheetAt(4).getSheetName()).isEqualTo("Special equipment");
            assertThat(workbook.getSheetAt(6).getSheetName()).isEqualTo("Forecast");
            assertThat(workbook.getSheetAt(8).getSheetName()).isEqualTo("Ranking");
            assertThat(find(workbook.getSheet("Sampling and cases"), "Zhejiang")).isNotNull();
            assertThat(find(workbook.getSheet("Sampling and cases"), "Hangzhou")).isNotNull();
        }
        org.zhijian.report.LibreOfficeCheck.convertsWithoutErrors(result.workbook().orElseThrow(), directory.resolve("pdf"));
    }

    /**
     * The HTML brief in headless Chromium, as a phone (390 × 844) and a desk (1280 × 800) show it,
     * in both languages: nothing scrolls sideways, text is at least 14 px, every chart and the
     * county map are drawn, the page asks for nothing, and the headline figures are the mart's;
     * printed, every section starts a page, each page is numbered and no chart is cut in two.
     * Screenshots land in target/browser/ for a person to look at.
     */
    @Test
    void theHtmlBriefReadsOnAPhoneAndOnPaperWithTheMartsFigures()
            throws Exception
    {
        fullyBuilt();
        Optional<org.zhijian.report.BrowserCheck> opened = org.zhijian.report.BrowserCheck.open();
        if (opened.isEmpty()) {
            return;
        }
        Path reports = directory.resolve("html");
        org.zhijian.report.BriefJob job = new org.zhijian.report.BriefJob(spark, BRIEF);
        List<Row> marts = values().where("region_level = 'province' AND period IN ('2025-Q3', '2024')").collectAsList();
        Path screenshots = Path.of("target", "browser");
        try (org.zhijian.report.BrowserCheck browser = opened.get()) {
            for (String language : List.of("zh", "en")) {
                org.zhijian.report.BriefJob.Result result = job.run(lakePath.toString(), Periods.parse("2025-Q3"), language, Optional.empty(), reports,
                        java.util.EnumSet.of(org.zhijian.report.BriefJob.Format.HTML));
                assertThat(result.workbook()).isEmpty();
                Path html = result.html().orElseThrow();
                assertThat(html.getFileName().toString()).isEqualTo(language.equals("zh") ? "质量工作简报_2025-Q3.html" : "quality_brief_2025-Q3_en.html");
                for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
                    String where = language + " at " + size[0] + "x" + size[1];
                    org.zhijian.report.BrowserCheck.Page page = browser.load(html, size[0], size[1]);
                    assertThat(page.viewportWidth()).as(where).isEqualTo(size[0]);
                    assertThat(page.scrollWidth()).as(where + ": the page scrolls sideways").isLessThanOrEqualTo(page.viewportWidth());
                    assertThat(page.smallestText()).as(where + ": smallest text in px").isGreaterThanOrEqualTo(14);
                    // Twenty-two charts, each drawn in its box within the width; the county map has its 90 tiles and their labels.
                    assertThat(page.figures()).as(where).hasSize(22).allSatisfy(figure -> {
                        assertThat(((Number) figure.get("width")).doubleValue()).as(where + " " + figure.get("id")).isGreaterThan(200);
                        assertThat(((Number) figure.get("height")).doubleValue()).as(where + " " + figure.get("id")).isGreaterThan(100);
                        assertThat(((Number) figure.get("right")).doubleValue()).as(where + " " + figure.get("id")).isLessThanOrEqualTo(size[0]);
                    });
                    assertThat(page.figures().stream().filter(figure -> figure.get("id").equals("figure-sampling_pass_rate_map")).findFirst().orElseThrow()
                            .get("shapes")).satisfies(shapes -> assertThat(((Number) shapes).intValue()).isGreaterThan(90 * 3));
                    // The page itself is the one request: no font, script, image or anything else is fetched, and nothing failed.
                    assertThat(page.requests()).as(where).containsExactly(html.toUri().toString());
                    assertThat(page.failures()).as(where).isEmpty();
                    assertThat(headlineMatchesMarts(page.headline(), marts, language)).as(where + ": headline figures compared").isGreaterThanOrEqualTo(10);
                    browser.screenshots(screenshots, "brief_" + language + "_" + size[0], "#figure-sampling_pass_rate_map");
                }
                byte[] pdf = browser.printToPdf();
                Files.write(screenshots.resolve("brief_" + language + ".pdf"), pdf);
                printedPages(pdf, language);
            }
        }
    }

    /** Each headline row's value as the page shows it equals the mart's value, formatted here as a person reads it; returns how many were compared. */
    private static int headlineMatchesMarts(List<List<String>> rows, List<Row> marts, String language)
    {
        int compared = 0;
        String period = "2025-Q3";
        for (List<String> cells : rows) {
            IndicatorCatalogue.Indicator indicator = CATALOGUE.indicators().stream()
                    .filter(candidate -> (language.equals("zh") ? candidate.name().zh() : candidate.name().en()).equals(cells.get(0))).findFirst().orElseThrow();
            // The quarter's indicators first, then the latest complete year's.
            Optional<Row> quarter = marts.stream().filter(value -> value.getAs("indicator_id").equals(indicator.id()) && value.getAs("period").equals("2025-Q3")).findFirst();
            Optional<Row> year = marts.stream().filter(value -> value.getAs("indicator_id").equals(indicator.id()) && value.getAs("period").equals("2024")).findFirst();
            Optional<Row> mart = indicator.reportedFor(Periods.Kind.QUARTER) ? quarter : year;
            if (mart.isEmpty()) {
                assertThat(cells.get(1)).as(indicator.id()).isEqualTo("—");
                continue;
            }
            double value = mart.get().getAs("value");
            String expected = switch (indicator.unit()) {
                case "ratio" -> String.format(java.util.Locale.ROOT, "%.1f%%", value * 100);
                case "count" -> String.format(java.util.Locale.ROOT, "%,d", Math.round(value));
                default -> String.format(java.util.Locale.ROOT, "%,.1f", value);
            };
            assertThat(cells.get(1)).as(indicator.id() + " " + period).isEqualTo(expected);
            compared++;
        }
        return compared;
    }

    /** The printed brief: A4 portrait, every section from a new page, each page numbered "k / n", every chart whole on one page. */
    private static void printedPages(byte[] pdf, String language)
            throws IOException
    {
        try (org.apache.pdfbox.pdmodel.PDDocument document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            // Ten sections, each from a new page; long tables take more.
            assertThat(pages).as(language + " pages").isBetween(10, 60);
            org.apache.pdfbox.pdmodel.common.PDRectangle a4 = document.getPage(0).getMediaBox();
            assertThat(a4.getWidth()).isCloseTo(595, org.assertj.core.data.Offset.offset(2f));
            assertThat(a4.getHeight()).isCloseTo(842, org.assertj.core.data.Offset.offset(2f));
            List<String> texts = new ArrayList<>();
            org.apache.pdfbox.text.PDFTextStripper stripper = new org.apache.pdfbox.text.PDFTextStripper();
            for (int page = 1; page <= pages; page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(document);
                assertThat(text).as(language + " page " + page + " is numbered").contains(page + " / " + pages);
                texts.add(text);
            }
            String figure = language.equals("zh") ? "图 " : "Figure ";
            for (int number = 1; number <= 20; number++) {
                String caption = figure + number;
                int top = -1;
                for (int page = 0; page < pages && top < 0; page++) {
                    if (texts.get(page).lines().anyMatch(line -> line.strip().equals(caption))) {
                        top = page;
                    }
                }
                assertThat(top).as(language + ": " + caption + " is printed").isGreaterThanOrEqualTo(0);
                // The chart's file name is printed just below it: on the same page, so the chart between them is whole.
                String below = texts.get(top).substring(texts.get(top).indexOf(caption));
                assertThat(below).as(language + ": " + caption + " and its file on page " + (top + 1)).contains(".svg");
            }
        }
    }

    @Test
    void aJobSpecRunsItsStepsForThePeriodFromTheCommandLine()
            throws IOException
    {
        fullyBuilt();
        Path spec = Files.writeString(directory.resolve("annual.yaml"), "period: year\nsteps: [report]\nlanguages: [en]\n");
        Path reports = directory.resolve("run-reports");
        org.zhijian.cli.CliRun run = org.zhijian.cli.CliRun.of("run", spec.toString(), "--period", "2025", "--lake", lakePath.toString(), "--reports", reports.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(reports.resolve("2025").resolve("quality_brief_2025_en.xlsx")).isNotEmptyFile();
        assertThat(run.out()).contains("Done: " + spec + " for 2025");

        org.zhijian.cli.CliRun wrongKind = org.zhijian.cli.CliRun.of("run", spec.toString(), "--period", "2025-Q3", "--lake", lakePath.toString());
        assertThat(wrongKind.status()).isEqualTo(2);
        assertThat(wrongKind.err()).contains("--period: this job takes a year (2025), not 2025-Q3").doesNotContain("Exception");
    }

    @Test
    void theShippedScenariosStartFromTheBuiltIndicatorsAndOrderDownturnBelowBaselineBelowBrandPush()
            throws IOException, InterruptedException
    {
        fullyBuilt();
        Path spec = Files.writeString(directory.resolve("plans.yaml"), "steps: [scenario]\nscenarios: [conf/scenarios/baseline.yaml, conf/scenarios/brand-push.yaml, "
                + "conf/scenarios/downturn.yaml]\nlanguages: [zh, en]\n");
        Path reports = directory.resolve("scenario-reports");
        org.zhijian.cli.CliRun run = org.zhijian.cli.CliRun.of("run", spec.toString(), "--draws", "1000", "--lake", lakePath.toString(), "--reports", reports.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Done: " + spec + " for the lake as it stands; scenarios in ");

        // Each scenario's four tables; the base year of every projection is the built indicator.
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        for (String name : List.of("baseline", "brand_push", "downturn")) {
            for (String suffix : List.of("", "_targets", "_sensitivity", "_goal_seek")) {
                assertThat(lake.current().table(TableName.of("scenarios", name + suffix))).as(name + suffix).isPresent();
            }
        }
        org.apache.spark.sql.Dataset<Row> baseline = table(TableName.of("scenarios", "baseline"));
        org.apache.spark.sql.Dataset<Row> built = values().where("period_type = 'year' AND period = '2025'")
                .select(col("indicator_id").as("b_indicator"), col("region_code").as("b_region"), col("value").as("built"));
        List<Row> start = baseline.where("year = 2025")
                .join(built, col("indicator_id").equalTo(col("b_indicator")).and(col("region_code").equalTo(col("b_region"))))
                .select("indicator_id", "region_code", "p5", "p50", "p95", "built").collectAsList();
        assertThat(start).extracting(row -> row.getString(0) + " " + row.getString(1)).contains("brand_contribution_rate 330000", "strategic_brand_share 330000",
                "valid_brands 330000", "intl_adoption_rate 330000", "brand_contribution_rate 330100", "intl_adoption_rate 331100");
        for (Row row : start) {
            if (!row.isNullAt(5)) {
                assertThat(row.getDouble(3)).as(row.toString()).isCloseTo(row.getDouble(5), org.assertj.core.data.Offset.offset(1e-9));
                assertThat(row.getDouble(2)).isEqualTo(row.getDouble(3)).isEqualTo(row.getDouble(4));
            }
        }
        assertThat(baseline.where("NOT (p5 <= p25 AND p25 <= p50 AND p50 <= p75 AND p75 <= p95)").count()).isZero();
        assertThat(baseline.where("year = 2030 AND region_level = 'province'").count()).isEqualTo(4);
        // Every city has sales and standards; a city without brands has no strategic share to project.
        assertThat(baseline.where("year = 2030 AND indicator_id IN ('brand_contribution_rate', 'intl_adoption_rate')").count()).isEqualTo(2 * 12);
        assertThat(table(TableName.of("scenarios", "baseline_targets")).where("probability < 0 OR probability > 1").count()).isZero();
        assertThat(table(TableName.of("scenarios", "baseline_targets")).where("target_region").count()).isEqualTo(3);
        assertThat(table(TableName.of("scenarios", "baseline_goal_seek")).count()).isEqualTo(9);
        double down = p50("downturn");
        double base = p50("baseline");
        double push = p50("brand_push");
        assertThat(down).isLessThan(base);
        assertThat(base).isLessThan(push);
        // The base year comes from marts.scenario_base; a year the lake holds no finance for is refused by name.
        assertThat(table(LakeTables.SCENARIO_BASE).where("year = 2025 AND region_level = 'city'").select("industry_group").distinct().count()).isEqualTo(2);
        Path early = Files.writeString(directory.resolve("early.yaml"), Files.readString(Path.of("conf", "scenarios", "baseline.yaml"))
                .replace("base_year: latest", "base_year: 2012").replace("horizon: 5", "horizon: 20"));
        org.zhijian.cli.CliRun before = org.zhijian.cli.CliRun.of("scenario", early.toString(), "--draws", "100", "--lake", lakePath.toString(), "--reports", reports.toString());
        assertThat(before.status()).isEqualTo(1);
        assertThat(before.err()).contains("base year 2012 has no finance data in the lake (the last complete year is 2025)").doesNotContain("Exception");

        Path workbook = reports.resolve("scenarios").resolve("baseline_vs_brand-push_vs_downturn").resolve("情景分析_baseline_vs_brand-push_vs_downturn.xlsx");
        assertThat(reports.resolve("scenarios").resolve("baseline_vs_brand-push_vs_downturn").resolve("scenario_analysis_baseline_vs_brand-push_vs_downturn_en.xlsx"))
                .isNotEmptyFile();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(workbook))) {
            List<String> sheets = new java.util.ArrayList<>();
            book.forEach(sheet -> sheets.add(sheet.getSheetName()));
            assertThat(sheets).containsExactly("假设", "结果", "明细", "目标概率", "敏感性", "目标倒推", "对比");
            String hash = java.util.HexFormat.of().formatHex(sha256(Files.readAllBytes(Path.of("conf", "scenarios", "baseline.yaml"))));
            assertThat(find(book.getSheet("假设"), "SHA-256").getCell(1).getStringCellValue()).isEqualTo(hash);
            assertThat(pictures(book.getSheet("结果"))).isEqualTo(4);
            assertThat(pictures(book.getSheet("目标概率"))).isEqualTo(1);
            assertThat(pictures(book.getSheet("敏感性"))).isEqualTo(3);
            assertThat(pictures(book.getSheet("对比"))).isEqualTo(4);
            // The compare sheet's first table is the province's P50 contribution rate by year, one column per scenario.
            org.apache.poi.ss.usermodel.Row last = find(book.getSheet("对比"), "P5–P95 (2030)");
            org.apache.poi.ss.usermodel.Row year2030 = book.getSheet("对比").getRow(last.getRowNum() - 1);
            assertThat(year2030.getCell(0).getNumericCellValue()).isEqualTo(2030);
            assertThat(year2030.getCell(1).getNumericCellValue()).isEqualTo(base);
            assertThat(year2030.getCell(2).getNumericCellValue()).isEqualTo(push);
            assertThat(year2030.getCell(3).getNumericCellValue()).isEqualTo(down);
        }
        org.zhijian.report.LibreOfficeCheck.convertsWithoutErrors(workbook, directory.resolve("scenario-pdf"));
    }

    private static double p50(String scenario)
            throws IOException
    {
        return table(TableName.of("scenarios", scenario)).where("indicator_id = 'brand_contribution_rate' AND region_level = 'province' AND year = 2030")
                .first().<Double>getAs("p50");
    }

    private static byte[] sha256(byte[] bytes)
    {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int pictures(org.apache.poi.ss.usermodel.Sheet sheet)
    {
        return ((org.apache.poi.xssf.usermodel.XSSFDrawing) sheet.getDrawingPatriarch()).getShapes().size();
    }

    private static org.apache.poi.ss.usermodel.Row find(org.apache.poi.ss.usermodel.Sheet sheet, String first)
    {
        int index = row(sheet, first);
        return index < 0 ? null : sheet.getRow(index);
    }

    /** The texts of a sheet's first column. */
    private static List<String> texts(org.apache.poi.ss.usermodel.Sheet sheet)
    {
        List<String> texts = new java.util.ArrayList<>();
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                texts.add(row.getCell(0).getStringCellValue());
            }
        }
        return texts;
    }

    private static int row(org.apache.poi.ss.usermodel.Sheet sheet, String first)
    {
        for (org.apache.poi.ss.usermodel.Row row : sheet) {
            if (row.getCell(0) != null && row.getCell(0).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && row.getCell(0).getStringCellValue().equals(first)) {
                return row.getRowNum();
            }
        }
        return -1;
    }

    /**
     * A lake as a whole build leaves it, built once for the tests that only read it (a build of
     * this lake takes half a minute); the test that builds one period alone runs last.
     */
    private static BuildJob.Result fullyBuilt()
            throws IOException
    {
        if (wholeBuild == null) {
            wholeBuild = build(Optional.empty());
        }
        return wholeBuild;
    }

    private static BuildJob.Result build(Optional<Periods.Period> period)
            throws IOException
    {
        return new BuildJob(spark, REFERENCE, CATALOGUE, SETTINGS, line -> {}).run(new BuildJob.Request(lakePath.toString(), period, AS_OF), RunIds.next());
    }

    private static org.apache.spark.sql.Dataset<Row> values()
            throws IOException
    {
        return table(LakeTables.INDICATOR_VALUES);
    }

    private static org.apache.spark.sql.Dataset<Row> table(TableName name)
            throws IOException
    {
        return Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, name);
    }
}

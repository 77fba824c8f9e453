package org.zhijian.indicators;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.RawFileInspector;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunIds;
import org.zhijian.lake.TableName;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

/** build on ingested sample data: figures match the raw file, reruns are identical, one period is rebuilt alone. */
class TestBuildJob
{
    private static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    private static final BuildJob.Settings SETTINGS = BuildJob.Settings.load(Path.of("conf"), CATALOGUE);
    private static final List<TableName> TABLES = List.of(BuildJob.INDICATOR_VALUES, BuildJob.CREDIT_RATINGS, BuildJob.EARLY_WARNINGS, BuildJob.COMPOSITE_INDEX,
            BuildJob.PASS_RATE_BY_CATEGORY, BuildJob.BRANDS_BY_LEVEL, BuildJob.STANDARDS_BY_KIND, BuildJob.CLUSTER_LOCATION_QUOTIENT);
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 27);

    @TempDir
    static Path directory;
    private static Path raw;
    private static Path lakePath;
    private static SparkSession spark;

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
    void theProvincesPassRateIsPassedOverSampledBatchesOfTheRawFileAndRerunsAreIdentical()
            throws IOException
    {
        BuildJob.Result first = build(Optional.empty());
        assertThat(first.lastYear()).isEqualTo(2025);
        long sampled = 0;
        long passed = 0;
        try (Reader reader = Files.newBufferedReader(raw.resolve("inspections.csv"), StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader)) {
            csv.next();
            while (csv.hasNext()) {
                CsvRecord record = csv.next();
                if (record.field(6).startsWith("2025")) {
                    sampled++;
                    passed += record.field(7).equals("合格") ? 1 : 0;
                }
            }
        }
        Row province = values().where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025'").first();
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
            assertThat(before.get(table)).as(table.toString()).isNotEmpty();
        }
        build(Optional.empty());
        for (TableName table : TABLES) {
            assertThat(table(table).collectAsList()).as(table.toString()).isEqualTo(before.get(table));
        }
    }

    @Test
    void buildingOnePeriodLeavesTheOthersUntouched()
            throws IOException
    {
        build(Optional.empty());
        List<Row> others = values().where(col("period").notEqual("2025-Q3")).orderBy("indicator_id", "period", "region_code").collectAsList();
        long q3 = values().where(col("period").equalTo("2025-Q3")).count();
        BuildJob.Result result = build(Optional.of(Periods.parse("2025-Q3")));
        assertThat(result.rowsWritten()).isEqualTo(q3).isPositive();
        assertThat(values().where(col("period").notEqual("2025-Q3")).orderBy("indicator_id", "period", "region_code").collectAsList()).isEqualTo(others);
        assertThat(values().where(col("period").equalTo("2025-Q3")).count()).isEqualTo(q3);
    }

    @Test
    void theBriefShowsTheMartsFiguresAndItsChartHasChineseGlyphs()
            throws IOException
    {
        build(Optional.empty());
        Path reports = directory.resolve("reports");
        org.zhijian.report.BriefJob.Result result = new org.zhijian.report.BriefJob(spark, CATALOGUE)
                .run(lakePath.toString(), Periods.parse("2025-Q3"), "zh", Optional.empty(), reports);
        assertThat(result.workbook()).isEqualTo(reports.resolve("2025-Q3").resolve("质量工作简报_2025-Q3.xlsx"));
        assertThat(result.charts()).allSatisfy(chart -> assertThat(chart).isNotEmptyFile());
        Row mart = values().where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025-Q3'").first();
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(result.workbook()))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("概要");
            assertThat(workbook.getSheetAt(1).getSheetName()).isEqualTo("质量监管");
            org.apache.poi.ss.usermodel.Row passRate = null;
            for (org.apache.poi.ss.usermodel.Row row : workbook.getSheetAt(0)) {
                if (row.getCell(0) != null && row.getCell(0).getStringCellValue().equals("监督抽查批次合格率")) {
                    passRate = row;
                }
            }
            assertThat(passRate).isNotNull();
            assertThat(passRate.getCell(1).getNumericCellValue()).isEqualTo(mart.<Double>getAs("value"));
            assertThat(passRate.getCell(1).getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(workbook.getSheetAt(1).getDrawingPatriarch().getShapes()).hasSize(1);
        }
    }

    private static BuildJob.Result build(Optional<Periods.Period> period)
            throws IOException
    {
        return new BuildJob(spark, REFERENCE, CATALOGUE, SETTINGS, line -> {}).run(new BuildJob.Request(lakePath.toString(), period, AS_OF), RunIds.next());
    }

    private static org.apache.spark.sql.Dataset<Row> values()
            throws IOException
    {
        return table(BuildJob.INDICATOR_VALUES);
    }

    private static org.apache.spark.sql.Dataset<Row> table(TableName name)
            throws IOException
    {
        return Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, name);
    }
}

package org.zhijian.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunIds;
import org.zhijian.schema.Rule;
import org.zhijian.schema.SourceDataset;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** Files recognised by their header row against the source profiles of conf/sources, whatever their names. */
class TestSourceProfiles
{
    /** A layout the code has never seen: a statistical yearbook's county table, two title rows above the header, a note under it. */
    private static final String YEARBOOK = """
            dataset: region_economy
            signature: [行政区划代码, 地区生产总值, 常住人口]
            columns:
              county_code: [行政区划代码]
              gdp: [地区生产总值]
              industrial_output: [规模以上工业总产值, 规上工业总产值]
              population: [常住人口]
            title:
              year: year
            placeholders: ["—", "/"]
            notes: ["注："]
            """;

    private static SourceProfiles shipped()
    {
        return SourceProfiles.load(Path.of("conf", "sources"), REFERENCE.headerAliases());
    }

    private static SourceProfiles withYearbook(Path directory)
            throws IOException
    {
        Path sources = Files.createDirectories(directory.resolve("sources"));
        for (Path file : Files.list(Path.of("conf", "sources")).toList()) {
            Files.copy(file, sources.resolve(file.getFileName()));
        }
        Files.writeString(sources.resolve("county_yearbook.yaml"), YEARBOOK);
        return SourceProfiles.load(sources, REFERENCE.headerAliases());
    }

    @Test
    void theShippedProfilesAreTheProjectsLayoutsAndTheBureausFiles()
    {
        assertThat(shipped().profiles()).filteredOn(SourceProfile::own).extracting(SourceProfile::id).containsExactly("own_brands", "own_cases", "own_enterprise_lists", "own_enterprises",
                "own_failed_batches", "own_finance", "own_inspections", "own_region_economy", "own_standards",
                // Datasets without a profile file are read in their own layout all the same.
                "own_equipment", "own_equipment_inspections", "own_equipment_accidents", "own_licences", "own_recalls");
        assertThat(shipped().profiles()).filteredOn(profile -> !profile.own()).extracting(SourceProfile::id, profile -> profile.dataset().tableName())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("enterprise_list", "enterprise_lists"), org.assertj.core.groups.Tuple.tuple("failed_list", "failed_batches"), org.assertj.core.groups.Tuple.tuple("food_notice", "inspections"),
                        org.assertj.core.groups.Tuple.tuple("high_tech_list", "enterprise_lists"),
                        org.assertj.core.groups.Tuple.tuple("national_failed", "failed_batches"), org.assertj.core.groups.Tuple.tuple("national_notice", "inspections"),
                        org.assertj.core.groups.Tuple.tuple("provincial_pf", "inspections"), org.assertj.core.groups.Tuple.tuple("register_export", "enterprises"));
    }

    @Test
    void aProfileNamingAnUnknownDatasetOrColumnFailsNamingItsFileAndKey(@TempDir Path directory)
            throws IOException
    {
        Path unknownDataset = Files.writeString(directory.resolve("a.yaml"), "dataset: metering\nsignature: [x]\n");
        assertThatThrownBy(() -> SourceProfiles.parse(unknownDataset, REFERENCE.datasets())).isInstanceOf(ConfigException.class)
                .hasMessage(unknownDataset + ": dataset: unknown dataset 'metering' (known: enterprises, finance, brands, standards, inspections, failed_batches, enterprise_lists, cases, region_economy, "
                        + "equipment, equipment_inspections, equipment_accidents, licences, recalls)");
        Path unknownColumn = Files.writeString(directory.resolve("b.yaml"), YEARBOOK.replace("population: [常住人口]", "people: [常住人口]"));
        assertThatThrownBy(() -> SourceProfiles.parse(unknownColumn, REFERENCE.datasets())).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(unknownColumn + ": region_economy has no column 'people' (its columns: county_code, year,");
        Path unmapped = Files.writeString(directory.resolve("c.yaml"), YEARBOOK.replace("  gdp: [地区生产总值]\n", ""));
        assertThatThrownBy(() -> SourceProfiles.parse(unmapped, REFERENCE.datasets())).isInstanceOf(ConfigException.class)
                .hasMessage(unmapped + ": columns: the required column gdp (地区生产总值) of region_economy gets no value (map it from a header, or give it in constants, title or key)");
        Path typo = Files.writeString(directory.resolve("d.yaml"), YEARBOOK + "colums: {}\n");
        assertThatThrownBy(() -> SourceProfiles.parse(typo, REFERENCE.datasets())).isInstanceOf(ConfigException.class).hasMessageContaining("unknown key 'colums'");
        Path own = Files.writeString(directory.resolve("e.yaml"), "dataset: finance\nlayout: own\nsignature: [年份]\n");
        assertThatThrownBy(() -> SourceProfiles.parse(own, REFERENCE.datasets())).isInstanceOf(ConfigException.class).hasMessageContaining("layout: own takes its headers from the dataset");
    }

    @Test
    void aHeaderBelowTitleRowsIsFoundAndTheBestMatchingProfileWins(@TempDir Path directory)
            throws IOException
    {
        SourceProfiles profiles = withYearbook(directory);
        List<List<String>> rows = List.of(List.of("2024年各县（市、区）主要经济指标", "", ""), List.of("单位：亿元、万人"),
                List.of("序号", "行政区划代码", "地区", "地区生产总值（亿元）", "规模以上工业总产值（亿元）", "常住人口（万人）", "备注"));
        SourceProfiles.Recognition recognition = profiles.recognise(rows, Optional.empty(), "yearbook");
        SourceProfiles.Match match = recognition.match().orElseThrow();
        assertThat(match.profile().id()).isEqualTo("county_yearbook");
        assertThat(match.headerRow()).isEqualTo(2);
        assertThat(match.ignored()).containsExactly("序号", "地区", "备注");
        // The year comes from the title; a placeholder is empty; the fields map by header.
        String[] values = match.mapping().apply(List.of("1", "330782", "义乌市", "2,055.6", "—", "190.5", ""));
        assertThat(values[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("county_code")]).isEqualTo("330782");
        assertThat(values[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("year")]).isEqualTo("2024");
        assertThat(values[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("industrial_output")]).isEmpty();
        assertThat(values[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("townships")]).isNull();
        assertThat(match.mapping().isNote(List.of("注：数据来源于统计年鉴。", "", ""))).isTrue();
        assertThat(match.mapping().isNote(List.of("1", "330782", "义乌市"))).isFalse();

        // A value from the command line fills a column no field, title or constant gives (as --sampled-on does): here the year of a table without one.
        List<List<String>> untitled = List.of(rows.get(2));
        assertThat(profiles.recognise(untitled, Optional.empty(), "yearbook").match().orElseThrow().mapping()
                .apply(List.of("1", "330782", "义乌市", "1", "1", "1"))[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("year")]).isNull();
        assertThat(profiles.recognise(untitled, Optional.empty(), "yearbook", java.util.Map.of("year", "2022")).match().orElseThrow().mapping()
                .apply(List.of("1", "330782", "义乌市", "1", "1", "1"))[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("year")]).isEqualTo("2022");
        assertThat(profiles.recognise(rows, Optional.empty(), "yearbook", java.util.Map.of("year", "2022")).match().orElseThrow().mapping()
                .apply(List.of("1", "330782", "义乌市", "1", "1", "1"))[org.zhijian.schema.Datasets.REGION_ECONOMY.columnIndex("year")]).as("the title's year wins").isEqualTo("2024");

        // The project's own layout, whatever the file is called.
        SourceProfiles.Match own = profiles.recognise(List.of(List.of("credit_code", "year", "sales_revenue", "output_value")), Optional.empty(), "x").match().orElseThrow();
        assertThat(own.profile().id()).isEqualTo("own_finance");
        assertThat(own.mapping().apply(List.of("913300001234567890", "2024", "12.5", "")))
                .containsExactly("913300001234567890", "2024", "", "12.5", null, null, null, null);
    }

    @Test
    void aFileMatchingNoProfileNamesTheNearestAndWhatTheyLackAndTwoEqualMatchesAreRefused(@TempDir Path directory)
            throws IOException
    {
        SourceProfiles profiles = withYearbook(directory);
        SourceProfiles.Recognition none = profiles.recognise(List.of(List.of("序号", "行政区划代码", "地区生产总值")), Optional.empty(), "x");
        assertThat(none.match()).isEmpty();
        assertThat(none.rule()).isNull();
        assertThat(none.reason()).startsWith("its header row matches no source profile of conf/sources; nearest: county_yearbook lacks 常住人口; ");

        Files.writeString(directory.resolve("sources").resolve("county_yearbook_copy.yaml"), YEARBOOK);
        SourceProfiles twice = SourceProfiles.load(directory.resolve("sources"), REFERENCE.headerAliases());
        SourceProfiles.Recognition ambiguous = twice.recognise(List.of(List.of("行政区划代码", "地区生产总值", "常住人口")), Optional.empty(), "x");
        assertThat(ambiguous.rule()).isEqualTo(Rule.FILE_PROFILE);
        assertThat(ambiguous.reason()).contains("matches the profiles county_yearbook and county_yearbook_copy equally");
        // Forced, the one profile is used.
        assertThat(twice.recognise(List.of(List.of("行政区划代码", "地区生产总值", "常住人口")), Optional.of("county_yearbook_copy"), "x").match().orElseThrow()
                .profile().id()).isEqualTo("county_yearbook_copy");
    }

    /** The yearbook table written as an Excel 97-2003 workbook: a merged title, a date, a formula, a note, and a second sheet with a title only. */
    private static void yearbookXls(Path file)
            throws IOException
    {
        try (org.apache.poi.hssf.usermodel.HSSFWorkbook book = new org.apache.poi.hssf.usermodel.HSSFWorkbook()) {
            org.apache.poi.hssf.usermodel.HSSFSheet sheet = book.createSheet("县域");
            sheet.createRow(0).createCell(0).setCellValue("2023年各县（市、区）主要经济指标");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
            String[] header = {"序号", "行政区划代码", "地区", "地区生产总值（亿元）", "规上工业总产值（亿元）", "常住人口（万人）", "填报日期"};
            org.apache.poi.hssf.usermodel.HSSFRow row = sheet.createRow(1);
            for (int i = 0; i < header.length; i++) {
                row.createCell(i).setCellValue(header[i]);
            }
            org.apache.poi.ss.usermodel.CellStyle date = book.createCellStyle();
            date.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));
            row = sheet.createRow(2);
            row.createCell(0).setCellValue(1);
            row.createCell(1).setCellValue("330782");
            row.createCell(2).setCellValue("义乌市");
            row.createCell(3).setCellValue(1900.25);
            row.createCell(4).setCellFormula("D3*0.9");
            row.createCell(5).setCellValue("/");
            row.createCell(6).setCellValue(java.time.LocalDate.of(2024, 3, 5));
            row.getCell(6).setCellStyle(date);
            row = sheet.createRow(3);
            row.createCell(0).setCellValue(2);
            row.createCell(1).setCellFormula("\"330783\"");
            row.createCell(2).setCellValue("东阳市");
            row.createCell(3).setCellValue(780);
            row.createCell(4).setCellValue(500.5);
            row.createCell(5).setCellValue(108.9);
            sheet.createRow(5).createCell(0).setCellValue("注：规上工业总产值为现价。");
            org.apache.poi.ss.usermodel.FormulaEvaluator evaluator = book.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateAll();
            book.createSheet("说明").createRow(0).createCell(0).setCellValue("本表数据来源：统计年鉴");
            try (OutputStream output = Files.newOutputStream(file)) {
                book.write(output);
            }
        }
    }

    @Test
    void valuesOfOtherLayoutsAreNormalisedBeforeValidationEachStepCounted()
    {
        java.util.function.BiFunction<String, String, String> normalise = (column, value) -> {
            List<String> applied = new java.util.ArrayList<>();
            String result = ValueNormaliser.normalise(column.equals("product") ? org.zhijian.schema.Datasets.STANDARDS.columns().get(org.zhijian.schema.Datasets.STANDARDS.columnIndex("product"))
                    : column.equals("fine") ? org.zhijian.schema.Datasets.CASES.columns().get(org.zhijian.schema.Datasets.CASES.columnIndex("fine"))
                    : org.zhijian.schema.Datasets.INSPECTIONS.columns().get(org.zhijian.schema.Datasets.INSPECTIONS.columnIndex(column)), value, applied);
            return result + " " + applied;
        };
        assertThat(normalise.apply("credit_code", "\u3000９１３３０７８２ma28f0xy3b ")).isEqualTo("91330782MA28F0XY3B [norm.space credit_code, norm.width credit_code, norm.case credit_code]");
        assertThat(normalise.apply("sampled_on", "2025.3.5")).isEqualTo("2025-3-5 [norm.date sampled_on]");
        assertThat(normalise.apply("sampled_on", "２０２５－０３－０５")).isEqualTo("2025-03-05 [norm.width sampled_on]");
        assertThat(normalise.apply("fine", "1,234.5万")).isEqualTo("12345000 [norm.unit fine]");
        assertThat(normalise.apply("fine", "3.2亿元")).isEqualTo("320000000 [norm.unit fine]");
        // Names and other text keep their characters; a value already clean is not counted.
        assertThat(normalise.apply("product", "（ＡＢＣ）电线")).isEqualTo("（ＡＢＣ）电线 []");
        assertThat(normalise.apply("credit_code", "91330782MA28F0XY3B")).isEqualTo("91330782MA28F0XY3B []");
    }

    @Test
    void anUnknownCategoryIsRefusedWithTheNearestNames()
    {
        ValidationReference reference = ValidationReference.of(REFERENCE);
        // A notice's short or variant product names: the category that contains it comes first.
        assertThat(reference.nearestCategories("电线", 3)).containsExactly("电线电缆");
        assertThat(reference.nearestCategories("铅酸电池", 3)).startsWith("铅酸蓄电池");
        assertThat(reference.nearestCategories("ＸＹＺ", 3)).isEmpty();
        assertThat(Rule.CATEGORY_UNKNOWN.message("电线", String.join(", ", reference.nearestCategories("电线", 3))))
                .isEqualTo("'电线' is not a product category in the reference data (nearest: 电线电缆)");
    }

    @Test
    void anXlsSheetIsStreamedCellByCellAsTheXlsxReaderReadsIt(@TempDir Path directory)
            throws IOException
    {
        Path file = directory.resolve("附件3.xls");
        yearbookXls(file);
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(file.toUri());
        org.apache.hadoop.fs.FileSystem fs = path.getFileSystem(new org.apache.hadoop.conf.Configuration());
        assertThat(XlsSheetReader.sheetNames(fs, path, ReaderLimits.DEFAULTS)).containsExactly("县域", "说明");
        List<RawRecord> rows = new java.util.ArrayList<>();
        try (XlsSheetReader reader = XlsSheetReader.open(fs, path, "县域", 1, ReaderLimits.DEFAULTS)) {
            reader.forEachRemaining(rows::add);
        }
        assertThat(rows).extracting(RawRecord::line).containsExactly(1L, 2L, 3L, 4L, 6L);
        assertThat(rows.get(0).fields()).containsExactly("2023年各县（市、区）主要经济指标");
        // Numbers without trailing zeros, a formula by its cached value (number or text), a date by its format.
        assertThat(rows.get(2).fields()).containsExactly("1", "330782", "义乌市", "1900.25", "1710.225", "/", "2024-03-05");
        assertThat(rows.get(3).fields()).containsExactly("2", "330783", "东阳市", "780", "500.5", "108.9");
        try (XlsSheetReader reader = XlsSheetReader.open(fs, path, "说明", 1, ReaderLimits.DEFAULTS)) {
            assertThat(reader.next().fields()).containsExactly("本表数据来源：统计年鉴");
            assertThat(reader.hasNext()).isFalse();
        }
    }

    @Test
    void aFolderOfFilesNamedAnythingLoadsEachByItsLayoutAndListsTheRest(@TempDir Path directory)
            throws IOException
    {
        SparkSession spark = SharedSpark.session();
        Path raw = Files.createDirectories(directory.resolve("raw"));
        // The new layout as a workbook: a title merged across the columns, a unit line, the header on row 3, a note under the rows.
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            XSSFSheet sheet = book.createSheet("Sheet1");
            sheet.createRow(0).createCell(0).setCellValue("2024年各县（市、区）主要经济指标");
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 5));
            sheet.createRow(1).createCell(0).setCellValue("单位：亿元、万人");
            String[] header = {"序号", "行政区划代码", "地区", "地区生产总值（亿元）", "规模以上工业总产值（亿元）", "常住人口（万人）"};
            // Written as bureaus write them: a code in full-width digits, an amount with its unit in another unit, a placeholder.
            Object[][] data = {{1, "330782", "义乌市", 2055.6, "18,902,000万元", 190.5}, {2, "３３０７８３\u3000", "东阳市", 811.0, 540.3, "—"}, {3, "339999", "某县", 100.0, 50.0, 10.0}};
            XSSFRow row = sheet.createRow(2);
            for (int i = 0; i < header.length; i++) {
                row.createCell(i).setCellValue(header[i]);
            }
            for (int r = 0; r < data.length; r++) {
                row = sheet.createRow(3 + r);
                for (int i = 0; i < data[r].length; i++) {
                    if (data[r][i] instanceof Number number) {
                        row.createCell(i).setCellValue(number.doubleValue());
                    }
                    else {
                        row.createCell(i).setCellValue((String) data[r][i]);
                    }
                }
            }
            sheet.createRow(7).createCell(0).setCellValue("注：数据来源于2025年统计年鉴。");
            try (OutputStream output = Files.newOutputStream(raw.resolve("附件2.xlsx"))) {
                book.write(output);
            }
        }
        // The project's finance layout under a name that says nothing, and two files that are no dataset's.
        String code = org.zhijian.reference.CreditCode.forEnterprise("330782", "MA28F0XY");
        Files.writeString(raw.resolve("名录.csv"), "统一社会信用代码,企业名称,区县代码,行业代码,企业规模,规模以上,高新技术企业,成立日期,经营状态\n"
                + code + ",义乌市某某五金有限公司,330782,C3311,小型,否,否,2015-06-01,存续\n", StandardCharsets.UTF_8);
        Files.writeString(raw.resolve("from_the_city.csv"), "统一社会信用代码,年份,营业收入（万元）\n" + code + ",2024,1250.5\n", StandardCharsets.UTF_8);
        Files.writeString(raw.resolve("readme.pdf"), "%PDF-1.4", StandardCharsets.UTF_8);
        // Named after a dataset but of a kind not allowed: listed, not read.
        Files.writeString(raw.resolve("inspections.dat"), "batch_id\nCC1\n", StandardCharsets.UTF_8);
        yearbookXls(raw.resolve("附件3.xls"));
        Files.writeString(raw.resolve("cover.csv"), "致各市局：\n请于月底前报送。\n", StandardCharsets.UTF_8);

        Path lakePath = directory.resolve("lake");
        RawFileInspector.Options options = new RawFileInspector.Options(Optional.empty(), Optional.empty(), RawFileInspector.DEFAULT_SPLIT_BYTES, ReaderLimits.DEFAULTS,
                Optional.of(withYearbook(directory)), Optional.empty(), java.util.Map.of(), java.util.List.of());
        IngestJob.Request request = new IngestJob.Request("ingest", raw.toString(), lakePath.toString(), options, IngestFixtures.AS_OF, false, 1.0, true, true, 100);
        IngestJob.Result result = new IngestJob(spark, REFERENCE, line -> {}).run(request, RunIds.next());

        assertThat(result.inspection().files()).extracting(InspectedFile::fileName, InspectedFile::profile, file -> file.dataset().tableName())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("from_the_city.csv", "own_finance", "finance"),
                        org.assertj.core.groups.Tuple.tuple("名录.csv", "own_enterprises", "enterprises"),
                        org.assertj.core.groups.Tuple.tuple("附件2.xlsx", "county_yearbook", "region_economy"),
                        org.assertj.core.groups.Tuple.tuple("附件3.xls", "county_yearbook", "region_economy"));
        // A cover letter, a sheet with a title only and a PDF are listed, not loaded.
        assertThat(result.inspection().unrecognised()).extracting(RawFileInspector.Unrecognised::fileName)
                .containsExactly("cover.csv", "inspections.dat", "readme.pdf", "附件3.xls [说明]");
        assertThat(result.inspection().unrecognised().get(1).reason()).isEqualTo("not a CSV, .xlsx or .xls file (by its extension)");
        assertThat(result.inspection().unrecognised().get(2).reason()).isEqualTo("not a CSV, .xlsx or .xls file (by its extension)");
        assertThat(result.inspection().unrecognised().get(3).reason()).startsWith("its header row matches no source profile of conf/sources; nearest: ");
        assertThat(result.inspection().problems()).isEmpty();

        // Five data rows read (titles, unit line and notes are not data): four staged (2024 from the .xlsx, 2023 from the .xls), the unknown county quarantined.
        DatasetOutcome economy = result.outcomes().get(org.zhijian.schema.Datasets.REGION_ECONOMY);
        assertThat(economy.read()).isEqualTo(5);
        assertThat(economy.accepted()).isEqualTo(4);
        assertThat(economy.quarantined()).isEqualTo(1);
        Lake lake = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        List<Row> fromXls = lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.REGION_ECONOMY)).where("year = 2023").orderBy("county_code").collectAsList();
        assertThat(fromXls).extracting(r -> r.getAs("county_code"), r -> ((java.math.BigDecimal) r.getAs("industrial_output")).doubleValue(), r -> r.getAs("source_file"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("330782", 1710.225, "附件3.xls"), org.assertj.core.groups.Tuple.tuple("330783", 500.5, "附件3.xls"));
        assertThat(fromXls.get(0).<Object>getAs("population")).as("the placeholder / is empty").isNull();
        List<Row> staged = lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.REGION_ECONOMY)).where("year = 2024").orderBy("county_code").collectAsList();
        assertThat(staged).extracting(r -> r.getAs("county_code"), r -> r.getAs("year"), r -> ((java.math.BigDecimal) r.getAs("gdp")).doubleValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("330782", 2024, 2055.6), org.assertj.core.groups.Tuple.tuple("330783", 2024, 811.0));
        assertThat(staged.get(1).<Object>getAs("population")).isNull();
        assertThat(((java.math.BigDecimal) staged.get(0).getAs("industrial_output")).doubleValue()).as("18,902,000万元 in 亿元").isEqualTo(1890.2);
        // Each normalisation is counted by rule and column, in the outcome and the metrics.
        assertThat(economy.normalised()).containsEntry("norm.unit industrial_output", 1L).containsEntry("norm.width county_code", 1L)
                .containsEntry("norm.space county_code", 1L);
        assertThat(lake.read(spark, org.zhijian.lake.LakeTables.QUALITY_METRICS).where("metric = 'normalised' AND dataset = 'region_economy' AND rule = 'norm.unit'")
                .first().<String>getAs("column")).isEqualTo("industrial_output");
        // Each row keeps the line it came from: the header is on line 3.
        assertThat(staged.get(0).<Long>getAs("source_line")).isEqualTo(4L);
        assertThat(lake.read(spark, IngestJob.quarantine(org.zhijian.schema.Datasets.REGION_ECONOMY)).first().<String>getAs("text")).contains("339999");
        DatasetOutcome finance = result.outcomes().get(org.zhijian.schema.Datasets.FINANCE);
        assertThat(finance.read()).isEqualTo(1);
        assertThat(finance.accepted()).as("quarantined by %s", finance.byRule()).isEqualTo(1);
    }
}

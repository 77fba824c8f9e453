package org.zhijian.generate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.reference.CreditCode;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static org.assertj.core.api.Assertions.assertThat;

class TestSampleDataGenerator
{
    private static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));
    private static final int END_YEAR = 2025;

    @TempDir
    static Path directory;
    private static Path clean;

    @BeforeAll
    static void generateCleanSample()
    {
        clean = directory.resolve("clean");
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.01, 20251231L, END_YEAR, 0, List.of(OutputFormat.CSV), clean), line -> {});
    }

    @Test
    void theBureausFilesHoldTheSameBatchesAndEnterprisesAndAreRecognisedByTheirProfiles()
            throws IOException
    {
        Path bureau = directory.resolve("bureau");
        GenerationSummary summary = SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.01, 20251231L, END_YEAR, 0,
                List.of(OutputFormat.CSV, OutputFormat.NOTICE, OutputFormat.REGISTER), bureau), line -> {});
        assertThat(bureau.resolve("enterprises.csv")).doesNotExist();
        long notices = summary.files().stream().filter(file -> file.format().equals("notice")).mapToLong(GenerationSummary.WrittenFile::rows).sum();
        assertThat(notices).isGreaterThan(0);
        assertThat(dataRows(bureau.resolve("inspections.csv")) + notices).as("every batch once, in inspections.csv or a notice").isEqualTo(dataRows(clean.resolve("inspections.csv")));
        assertThat(summary.files().stream().filter(file -> file.dataset().equals(org.zhijian.schema.Datasets.ENTERPRISES)).mapToLong(GenerationSummary.WrittenFile::rows).sum())
                .isEqualTo(dataRows(clean.resolve("enterprises.csv")));
        org.zhijian.ingest.RawFileInspector inspector = new org.zhijian.ingest.RawFileInspector(new org.apache.hadoop.conf.Configuration(), REFERENCE.headerAliases(),
                new org.zhijian.ingest.RawFileInspector.Options(java.util.Optional.empty(), java.util.Optional.empty(), 1 << 26, org.zhijian.ingest.ReaderLimits.DEFAULTS,
                        java.util.Optional.of(org.zhijian.ingest.SourceProfiles.load(Path.of("conf", "sources"), REFERENCE.headerAliases())), java.util.Optional.empty(), Map.of(),
                        List.of()));
        org.zhijian.ingest.RawFileInspector.Inspection inspection = inspector.inspect(new org.apache.hadoop.fs.Path(bureau.toUri()));
        assertThat(inspection.problems()).isEmpty();
        assertThat(inspection.unrecognised()).isEmpty();
        assertThat(inspection.files().stream().map(org.zhijian.ingest.InspectedFile::profile).collect(java.util.stream.Collectors.toSet()))
                .contains("national_notice", "provincial_pf", "register_export", "enterprise_list", "high_tech_list", "own_inspections");
    }

    private static long dataRows(Path csv)
            throws IOException
    {
        try (Stream<String> lines = Files.lines(csv, StandardCharsets.UTF_8)) {
            return lines.count() - 1;
        }
    }

    @Test
    void sameSettingsGiveByteIdenticalFiles()
            throws IOException
    {
        List<OutputFormat> formats = List.of(OutputFormat.CSV, OutputFormat.GBK, OutputFormat.XLSX);
        Path first = directory.resolve("first");
        Path second = directory.resolve("second");
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.01, 7, END_YEAR, 0.02, formats, first), line -> {});
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.01, 7, END_YEAR, 0.02, formats, second), line -> {});
        List<String> names = fileNames(first);
        assertThat(names).containsExactly("_injected.csv", "brands.xlsx", "cases.csv", "enterprises.csv", "equipment.csv", "equipment_accidents.csv", "equipment_inspections.csv",
                "finance.csv", "inspections.csv", "licences.csv", "recalls.csv", "region_economy.xlsx", "standards.csv");
        assertThat(fileNames(second)).isEqualTo(names);
        for (String name : names) {
            assertThat(Files.readAllBytes(second.resolve(name))).as(name).isEqualTo(Files.readAllBytes(first.resolve(name)));
        }
        Path otherSeed = directory.resolve("other-seed");
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.01, 8, END_YEAR, 0.02, formats, otherSeed), line -> {});
        assertThat(Files.readAllBytes(otherSeed.resolve("inspections.csv"))).isNotEqualTo(Files.readAllBytes(first.resolve("inspections.csv")));
    }

    @Test
    void writesEveryDatasetWithItsEnglishHeader()
            throws IOException
    {
        for (SourceDataset dataset : org.zhijian.generate.SampleDataGenerator.datasets(org.zhijian.schema.Datasets.CATALOGUE)) {
            List<CsvRecord> rows = read(clean.resolve(dataset.tableName() + ".csv"), StandardCharsets.UTF_8);
            assertThat(rows.get(0).fields()).as(dataset.tableName()).isEqualTo(dataset.columnNames());
            // Accidents and recalls are rare: a few a year.
            assertThat(rows).as(dataset.tableName()).hasSizeGreaterThan(List.of("equipment_accidents", "recalls").contains(dataset.tableName()) ? 5 : 20);
            for (CsvRecord row : rows) {
                assertThat(row.size()).as("%s line %d", dataset.tableName(), row.line()).isEqualTo(dataset.columns().size());
            }
        }
        assertThat(read(clean.resolve("enterprises.csv"), StandardCharsets.UTF_8)).hasSize(3001);
        assertThat(read(clean.resolve("region_economy.csv"), StandardCharsets.UTF_8)).hasSize(901);
    }

    @Test
    void usesOnlyRealCodes()
            throws IOException
    {
        Set<String> enterprises = new HashSet<>();
        for (Map<String, String> row : rows(org.zhijian.schema.Datasets.ENTERPRISES)) {
            String code = row.get("credit_code");
            assertThat(CreditCode.verify(code)).as(code).isEqualTo(CreditCode.Verdict.VALID);
            assertThat(CreditCode.organizationCheckCharacter(code.substring(8, 16))).isEqualTo(code.charAt(16));
            // Positions 3-8 are the registering county, today's or a historical one.
            assertThat(code.substring(2, 8)).isEqualTo(row.get("county_code"));
            assertThat(REFERENCE.divisions().currentCounty(row.get("county_code"))).as(row.get("county_code")).isPresent();
            assertThat(REFERENCE.industries().resolve(row.get("industry_code"))).as(row.get("industry_code")).isPresent();
            assertThat(enterprises.add(code)).as("unique %s", code).isTrue();
        }
        for (SourceDataset dataset : List.of(org.zhijian.schema.Datasets.FINANCE, org.zhijian.schema.Datasets.BRANDS, org.zhijian.schema.Datasets.STANDARDS, org.zhijian.schema.Datasets.INSPECTIONS, org.zhijian.schema.Datasets.CASES)) {
            for (Map<String, String> row : rows(dataset)) {
                String code = row.get("credit_code");
                if (!code.isEmpty()) {
                    assertThat(enterprises).as("%s references %s", dataset.tableName(), code).contains(code);
                }
            }
        }
        for (Map<String, String> row : rows(org.zhijian.schema.Datasets.INSPECTIONS)) {
            assertThat(REFERENCE.category(row.get("category"))).isPresent();
            assertThat(REFERENCE.divisions().currentCounty(row.get("county_code"))).isPresent();
        }
    }

    @Test
    void brandContributionRateIsPlausibleEveryYear()
            throws IOException
    {
        Map<String, Map<String, String>> enterprises = new HashMap<>();
        rows(org.zhijian.schema.Datasets.ENTERPRISES).forEach(row -> enterprises.put(row.get("credit_code"), row));
        // A holder counts in a year when one of its brands stands on 31 December (certified ≤ day < end), as the indicator counts it.
        Map<Integer, Set<String>> holders = new HashMap<>();
        for (Map<String, String> brand : rows(org.zhijian.schema.Datasets.BRANDS)) {
            if (brand.get("credit_code").isEmpty()) {
                continue;
            }
            String end = brand.get("revoked_on").isEmpty() ? brand.get("valid_until") : brand.get("revoked_on");
            for (int year = Integer.parseInt(brand.get("certified_on").substring(0, 4)); year <= END_YEAR; year++) {
                String day = year + "-12-31";
                if (brand.get("certified_on").compareTo(day) <= 0 && day.compareTo(end) < 0) {
                    holders.computeIfAbsent(year, ignored -> new HashSet<>()).add(brand.get("credit_code"));
                }
            }
        }
        Map<Integer, double[]> sums = new TreeMap<>();
        for (Map<String, String> finance : rows(org.zhijian.schema.Datasets.FINANCE)) {
            Map<String, String> enterprise = enterprises.get(finance.get("credit_code"));
            int year = Integer.parseInt(finance.get("year"));
            double[] sum = sums.computeIfAbsent(year, ignored -> new double[2]);
            double brandSales = Double.parseDouble(finance.get("brand_sales"));
            double sales = Double.parseDouble(finance.get("sales_revenue"));
            assertThat(brandSales).isLessThanOrEqualTo(sales);
            if (holders.getOrDefault(year, Set.of()).contains(finance.get("credit_code"))) {
                sum[0] += brandSales;
            }
            if (enterprise.get("above_scale").equals("是") && REFERENCE.industries().manufacturingDivision(enterprise.get("industry_code")).isPresent()) {
                sum[1] += sales;
            }
        }
        assertThat(sums).hasSize(10);
        // The first year's stock of valid brands is still filling up (certifications start three years before the data).
        sums.forEach((year, sum) -> assertThat(sum[0] / sum[1]).as("brand contribution rate %d", year).isBetween(year == END_YEAR - 9 ? 0.22 : 0.25, 0.45));
    }

    @Test
    void samplingPassRatesAreRealistic()
            throws IOException
    {
        Map<String, int[]> byCategory = new HashMap<>();
        Map<Boolean, int[]> byFood = new HashMap<>();
        int unlicensed = 0;
        int total = 0;
        int passed = 0;
        for (Map<String, String> row : rows(org.zhijian.schema.Datasets.INSPECTIONS)) {
            boolean pass = row.get("result").equals("合格");
            total++;
            passed += pass ? 1 : 0;
            if (row.get("credit_code").isEmpty()) {
                unlicensed++;
                assertThat(row.get("producer_name")).isNotEmpty();
            }
            assertThat(row.get("failed_items").isEmpty()).isEqualTo(pass);
            boolean food = REFERENCE.category(row.get("category")).orElseThrow().food();
            int[] counts = byFood.computeIfAbsent(food, ignored -> new int[2]);
            counts[0]++;
            counts[1] += pass ? 1 : 0;
            int[] category = byCategory.computeIfAbsent(row.get("category"), ignored -> new int[2]);
            category[0]++;
            category[1] += pass ? 1 : 0;
        }
        assertThat(total).isEqualTo(10_000);
        assertThat((double) passed / total).isBetween(0.85, 0.98);
        assertThat((double) unlicensed / total).isBetween(0.01, 0.08);
        double food = (double) byFood.get(true)[1] / byFood.get(true)[0];
        double other = (double) byFood.get(false)[1] / byFood.get(false)[0];
        assertThat(food).isGreaterThan(other);
        double wires = (double) byCategory.get("电线电缆")[1] / byCategory.get("电线电缆")[0];
        assertThat(wires).isLessThan(other);
    }

    @Test
    void adoptionShareOfImplementedStandardsRisesWithinRange()
            throws IOException
    {
        Map<Integer, int[]> byYear = new TreeMap<>();
        Set<String> kinds = new HashSet<>();
        for (Map<String, String> row : rows(org.zhijian.schema.Datasets.STANDARDS)) {
            String number = row.get("standard_no");
            assertThat(org.zhijian.reference.StandardNumber.parse(number)).as(number).isPresent();
            kinds.add(number.replaceAll("^(GB/T|GB/Z|GB|DB33|T/|Q/|ISO/IEC|ISO|IEC|[A-Z]{2}/T).*", "$1"));
            if (!row.get("adoption").isEmpty() && !row.get("adoption").equals("NEQ")) {
                assertThat(row.get("intl_ref")).matches("(ISO|IEC|ISO/IEC) [0-9-]+:\\d{4}");
            }
            if (row.get("role").equals("执行")) {
                int[] counts = byYear.computeIfAbsent(Integer.parseInt(row.get("effective_on").substring(0, 4)), ignored -> new int[2]);
                counts[0]++;
                counts[1] += row.get("adoption").equals("IDT") || row.get("adoption").equals("MOD") ? 1 : 0;
            }
        }
        assertThat(kinds).contains("GB/T", "GB", "DB33", "T/", "Q/", "ISO");
        double overall = byYear.values().stream().mapToDouble(counts -> counts[1]).sum() / byYear.values().stream().mapToDouble(counts -> counts[0]).sum();
        assertThat(overall).isBetween(0.10, 0.25);
        double firstYears = share(byYear, END_YEAR - 9, END_YEAR - 7);
        double lastYears = share(byYear, END_YEAR - 2, END_YEAR);
        assertThat(lastYears).isGreaterThan(firstYears);
    }

    @Test
    void citiesAreSizedByTheirEconomies()
            throws IOException
    {
        Map<String, Integer> byCity = new HashMap<>();
        for (Map<String, String> row : rows(org.zhijian.schema.Datasets.ENTERPRISES)) {
            String city = REFERENCE.divisions().currentCounty(row.get("county_code")).orElseThrow().cityCode();
            byCity.merge(city, 1, Integer::sum);
        }
        assertThat(byCity).hasSize(11);
        assertThat(byCity.get("330100")).isGreaterThan(byCity.get("330300"));
        assertThat(byCity.get("330200")).isGreaterThan(byCity.get("330800") * 4);
    }

    @Test
    void injectsBadRowsOfEveryRuleAndListsThem()
            throws IOException
    {
        Path dirty = directory.resolve("dirty");
        GenerationSummary summary = SampleDataGenerator.generate(REFERENCE,
                new GeneratorSettings(0.01, 11, END_YEAR, 0.05, List.of(OutputFormat.CSV, OutputFormat.GBK, OutputFormat.XLSX), dirty), line -> {});
        Set<String> injected = new HashSet<>();
        summary.injected().values().forEach(counts -> injected.addAll(counts.keySet()));
        Set<String> rowRules = new HashSet<>();
        for (Rule rule : Rule.values()) {
            // Undecodable bytes, damaged files and overlong records are not sample data; ingest tests craft them.
            // A list's unknown enterprise needs the bureau's lists, which TestNotices builds.
            if (rule.scope() == Rule.Scope.ROW && rule != Rule.ROW_ENCODING && rule != Rule.ROW_UNREADABLE && rule != Rule.LINE_TOO_LONG && rule != Rule.LIST_ENTERPRISE) {
                rowRules.add(rule.id());
            }
        }
        // And every rule and reference of the generated datasets' own files.
        for (org.zhijian.schema.SourceDataset dataset : summary.injected().keySet()) {
            dataset.rules().forEach(rule -> rowRules.add(rule.id()));
            dataset.references().forEach(reference -> rowRules.add(reference.rule()));
        }
        assertThat(injected).isEqualTo(rowRules);

        List<CsvRecord> manifest = read(dirty.resolve("_injected.csv"), StandardCharsets.UTF_8);
        assertThat(manifest.get(0).fields()).containsExactly("dataset", "file", "line", "key", "rule");
        assertThat(manifest).hasSize(summary.injectedRows() + 1);

        // Every listed line of a CSV file holds the bad row with the listed key.
        List<CsvRecord> enterprises = read(dirty.resolve("enterprises.csv"), Charset.forName("GB18030"));
        assertThat(enterprises.get(0).fields()).startsWith("统一社会信用代码", "企业名称");
        for (CsvRecord entry : manifest.subList(1, manifest.size())) {
            if (entry.field(0).equals("enterprises")) {
                CsvRecord row = enterprises.get(Integer.parseInt(entry.field(2)) - 1);
                assertThat(row.field(0)).isEqualTo(entry.field(3));
            }
        }
        // GB18030 files carry Chinese date styles, workbooks real dates.
        assertThat(enterprises.get(1).field(7)).matches("\\d{4}年\\d{1,2}月\\d{1,2}日");
        try (Workbook workbook = WorkbookFactory.create(dirty.resolve("brands.xlsx").toFile())) {
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("品牌编号");
            assertThat(DateUtil.isCellDateFormatted(sheet.getRow(1).getCell(7))).isTrue();
        }
    }

    private static double share(Map<Integer, int[]> byYear, int from, int to)
    {
        double adopted = 0;
        double total = 0;
        for (int year = from; year <= to; year++) {
            adopted += byYear.get(year)[1];
            total += byYear.get(year)[0];
        }
        return adopted / total;
    }

    private static List<Map<String, String>> rows(SourceDataset dataset)
            throws IOException
    {
        List<CsvRecord> records = read(clean.resolve(dataset.tableName() + ".csv"), StandardCharsets.UTF_8);
        List<String> header = records.get(0).fields();
        List<Map<String, String>> rows = new ArrayList<>();
        for (CsvRecord record : records.subList(1, records.size())) {
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i).replace("\uFEFF", ""), record.field(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<CsvRecord> read(Path file, Charset charset)
            throws IOException
    {
        List<CsvRecord> records = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, charset); CsvReader csv = new CsvReader(reader)) {
            csv.forEachRemaining(records::add);
        }
        return records;
    }

    private static List<String> fileNames(Path directory)
            throws IOException
    {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}

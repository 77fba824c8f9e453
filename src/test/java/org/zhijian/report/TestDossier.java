package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.BuildJob;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.RawFileInspector;
import org.zhijian.lake.PersonalData;
import org.zhijian.lake.RunIds;
import org.zhijian.reference.CreditCode;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The dossier of one enterprise of a lake made by hand: three years of batches (two failed), a
 * case, a brand and two standards, three peers in its county and industry division and one
 * elsewhere. Every sheet's rows and figures, the percentile, the masking and the sources.
 */
class TestDossier
{
    private static final ReferenceData REFERENCE = ReferenceDataLoader.load(Path.of("conf", "reference"));
    private static final IndicatorCatalogue CATALOGUE = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
    private static final BuildJob.Settings SETTINGS = BuildJob.Settings.load(Path.of("conf"), CATALOGUE);
    private static final String SUBJECT = CreditCode.forEnterprise("330102", "TE0A0001");
    private static final String PEER_HIGH = CreditCode.forEnterprise("330102", "TE0A0002");
    private static final String PEER_LOW = CreditCode.forEnterprise("330102", "TE0A0003");
    private static final String PEER_TIE = CreditCode.forEnterprise("330102", "TE0A0004");
    private static final String ELSEWHERE = CreditCode.forEnterprise("330106", "TE0A0005");

    @TempDir
    static Path directory;
    private static Path lake;
    private static SparkSession spark;

    @BeforeAll
    static void lake()
            throws IOException
    {
        spark = SharedSpark.session();
        Path raw = Files.createDirectories(directory.resolve("raw"));
        Files.writeString(raw.resolve("enterprises.csv"), String.join("\n",
                "credit_code,name,county_code,industry_code,size,above_scale,high_tech,established,status,legal_rep,phone",
                SUBJECT + ",上城测试五金有限公司,330102,33,小型,是,否,2010-05-06,存续,张三丰,13912345678",
                PEER_HIGH + ",上城甲五金有限公司,330102,33,小型,否,否,2011-01-01,存续,李四,13800000001",
                PEER_LOW + ",上城乙五金有限公司,330102,33,小型,否,否,2012-01-01,存续,王五,13800000002",
                PEER_TIE + ",上城丙五金有限公司,330102,33,小型,否,否,2013-01-01,存续,赵六,13800000003",
                ELSEWHERE + ",西湖丁五金有限公司,330106,33,小型,否,否,2014-01-01,存续,钱七,13800000004", ""));
        List<String> batches = new ArrayList<>(List.of("batch_id,credit_code,producer_name,county_code,category,plan_level,sampled_on,result,failed_items"));
        String[][] subject = {{"2023-03-01", "合格", ""}, {"2023-06-01", "不合格", "锁舌强度"}, {"2024-02-01", "合格", ""}, {"2024-08-01", "合格", ""},
                {"2025-05-01", "不合格", "防破坏性能;标志"}, {"2025-09-01", "合格", ""}};
        for (int i = 0; i < subject.length; i++) {
            batches.add("S" + i + "," + SUBJECT + ",上城测试五金有限公司,330102,防盗安全门,省抽," + subject[i][0] + "," + subject[i][1] + "," + subject[i][2]);
        }
        // Peers over 2023–2025: all four passed (100%), two of four (50%), two of three (tied with the subject's 4 of 6).
        peer(batches, PEER_HIGH, "H", "合格", "合格", "合格", "合格");
        peer(batches, PEER_LOW, "L", "合格", "不合格", "合格", "不合格");
        peer(batches, PEER_TIE, "T", "合格", "不合格", "合格");
        peer(batches, ELSEWHERE, "E", "不合格", "不合格");
        Files.write(raw.resolve("inspections.csv"), batches);
        // A failed-only list naming the subject, in the project's own layout: shown in the dossier, in no pass rate.
        Files.writeString(raw.resolve("failed_batches.csv"), String.join("\n", "batch_id,credit_code,producer_name,county_code,category,plan_level,sampled_on,failed_items",
                "GF1," + SUBJECT + ",上城测试五金有限公司,330102,防盗安全门,国抽,2025-04-01,防盗级别", ""));
        Files.writeString(raw.resolve("cases.csv"), String.join("\n", "case_id,credit_code,county_code,violation,opened_on,closed_on,fine,goods_value",
                "ZJ2024000001," + SUBJECT + ",330102,标识违法,2024-04-10,2024-05-20,5000,12000", ""));
        Files.writeString(raw.resolve("brands.csv"), String.join("\n", "brand_id,credit_code,county_code,industry_code,brand_name,product,level,certified_on,valid_until,revoked_on,own_ip",
                "BR0001," + SUBJECT + ",330102,33,测试牌,防盗安全门,浙江制造,2022-05-01,2027-05-01,,是", ""));
        Files.writeString(raw.resolve("standards.csv"), String.join("\n", "record_id,credit_code,standard_no,role,product,adoption,intl_ref,effective_on,from_rnd",
                "ST0001," + SUBJECT + ",T/ZJAS 055-2017,主导制定,防盗安全门,,,2021-03-01,否",
                "ST0002," + SUBJECT + ",GB/T 5347.5-2018,执行,防盗安全门,IDT,ISO 13455-3:2016,2022-01-01,否", ""));
        // A licence the subject lost, and a lift it uses: each on a sheet of its own.
        Files.writeString(raw.resolve("licences.csv"), String.join("\n", "licence_no,credit_code,product,issued_on,valid_until,status,status_on",
                "(浙)XK13-021-00001," + SUBJECT + ",电线电缆,2021-04-01,2026-03-31,吊销,2025-02-10", ""));
        Files.writeString(raw.resolve("equipment.csv"), String.join("\n",
                "equipment_code,registration_code,type,credit_code,county_code,registered_on,status,status_on,next_inspection_due",
                "4330102150000001,梯3301020000001(15)," + "电梯," + SUBJECT + ",330102,2015-06-01,在用,,2026-05-20", ""));
        lake = directory.resolve("lake");
        LocalDate asOf = LocalDate.of(2026, 6, 30);
        new IngestJob(spark, REFERENCE, line -> {}).run(new IngestJob.Request("ingest", raw.toString(), lake.toString(), RawFileInspector.Options.defaults(),
                asOf, false, 0.05, false, true, 0), RunIds.next());
        new BuildJob(spark, REFERENCE, CATALOGUE, SETTINGS, line -> {}).run(new BuildJob.Request(lake.toString(), java.util.Optional.empty(), asOf), RunIds.next());
    }

    private static void peer(List<String> batches, String code, String prefix, String... results)
    {
        for (int i = 0; i < results.length; i++) {
            String county = code.substring(2, 8);
            batches.add(prefix + i + "," + code + ",同行," + county + ",防盗安全门,市抽," + (2023 + i % 3) + "-07-0" + (i + 1) + "," + results[i] + "," + (results[i].equals("合格") ? "" : "强度"));
        }
    }

    @Test
    void everySheetHoldsTheEnterprisesRecordsWithTheirSources()
            throws IOException
    {
        DossierJob job = new DossierJob(spark, lake.toString(), new PersonalData(List.of()), false);
        DossierJob.Dossier dossier = job.read(List.of(SUBJECT)).get(0);
        assertThat(dossier.rows("batches")).hasSize(6);
        assertThat(dossier.rows("failed")).hasSize(1);
        assertThat(dossier.rows("cases")).hasSize(1);
        assertThat(dossier.rows("brands")).hasSize(1);
        assertThat(dossier.rows("standards")).hasSize(2);
        assertThat(dossier.rows("licences")).hasSize(1);
        assertThat(dossier.rows("recalls")).isEmpty();
        assertThat(dossier.rows("equipment")).hasSize(1);
        // 4 of 6 passed; peers 100%, 50%, 66.7% (a tie): one below and one tied → (1 + ½) / 3 = 50th percentile; median 66.7%.
        assertThat(dossier.peers().batches()).isEqualTo(6);
        assertThat(dossier.peers().passed()).isEqualTo(4);
        assertThat(dossier.peers().peers()).isEqualTo(3);
        assertThat(dossier.peers().median()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(dossier.peers().percentile()).isCloseTo(50.0, within(1e-9));

        DossierWorkbook zh = new DossierWorkbook("zh", SETTINGS.scorecard(), Map.of("330100", "杭州市", "330102", "上城区"));
        assertThat(zh.summary(dossier)).isEqualTo("2023–2025 年：抽查 6 批次，不合格 2 批次；案件 1 起（罚没款 5,000 元）；2025 年末有效名牌 1 个；"
                + "主导制定标准 1 项、参与制定 0 项、采用国际标准 1 项；2025 年信用等级 " + grade(dossier) + "（" + score(dossier) + " 分）。");
        Path file = directory.resolve("out").resolve(zh.fileName(SUBJECT));
        zh.write(dossier, 2, file);
        assertThat(file.getFileName().toString()).isEqualTo("质量信用档案_" + SUBJECT + ".xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(workbook.sheetIterator()).toIterable().extracting(Sheet::getSheetName)
                    .containsExactly("概况", "信用等级", "抽查记录", "不合格通报", "案件", "品牌与认证", "标准", "生产许可证", "缺陷产品召回", "特种设备", "同行比较", "来源");
            assertThat(texts(workbook.getSheet("不合格通报").getRow(3))).containsExactly("2025-04-01", "GF1", "防盗安全门", "国抽", "防盗级别", "failed_batches.csv", "2");
            assertThat(texts(workbook.getSheet("生产许可证").getRow(3))).containsExactly("(浙)XK13-021-00001", "电线电缆", "2021-04-01", "2026-03-31", "吊销", "2025-02-10",
                    "licences.csv", "2");
            List<String> overview = texts(workbook.getSheet("概况"));
            assertThat(overview).contains("上城测试五金有限公司", SUBJECT, "杭州市 上城区", "张**", "139****5678", "enterprises.csv:2")
                    .doesNotContain("张三丰", "13912345678");
            Sheet sampling = workbook.getSheet("抽查记录");
            assertThat(sampling.getRow(0).getCell(0).getStringCellValue()).isEqualTo("抽查记录（6 条）");
            assertThat(texts(sampling.getRow(4))).containsExactly("2023-06-01", "S1", "防盗安全门", "省抽", "不合格", "锁舌强度", "inspections.csv", "3");
            assertThat(texts(workbook.getSheet("案件").getRow(3))).containsExactly("ZJ2024000001", "标识违法", "2024-04-10", "2024-05-20", "5,000.00", "12,000.00", "cases.csv", "2");
            assertThat(texts(workbook.getSheet("品牌与认证").getRow(3))).startsWith("BR0001", "测试牌", "防盗安全门", "浙江制造", "2022-05-01", "2027-05-01", "", "是");
            assertThat(texts(workbook.getSheet("标准"))).contains("T/ZJAS 055-2017", "主导制定", "GB/T 5347.5-2018", "IDT", "ISO 13455-3:2016");
            // Every year rated, with the rules that moved it: the failed batch of 2025 is among 2025's reasons.
            List<String> grades = texts(workbook.getSheet("信用等级"));
            assertThat(grades).contains("2025", "抽查不合格", "2025-05-01 防盗安全门 S4");
            Sheet peers = workbook.getSheet("同行比较");
            assertThat(new DataFormatter().formatCellValue(peers.getRow(5).getCell(1))).isEqualTo("66.7%");
            assertThat(peers.getRow(8).getCell(1).getNumericCellValue()).isEqualTo(50.0);
            List<String> sources = texts(workbook.getSheet("来源"));
            assertThat(sources).contains("staged.inspections", "inspections.csv", "staged.cases", "cases.csv", "ratings.credit", "（由 build 计算）");
        }
    }

    @Test
    void unmaskedShowsPersonalDataAndEnglishHasItsOwnWords()
            throws IOException
    {
        DossierJob job = new DossierJob(spark, lake.toString(), new PersonalData(List.of()), true);
        DossierJob.Dossier dossier = job.read(List.of(SUBJECT)).get(0);
        DossierWorkbook en = new DossierWorkbook("en", SETTINGS.scorecard(), Map.of());
        Path file = directory.resolve("en").resolve(en.fileName(SUBJECT));
        en.write(dossier, 2, file);
        assertThat(file.getFileName().toString()).isEqualTo("quality_credit_dossier_" + SUBJECT + "_en.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
            assertThat(workbook.getSheetAt(0).getSheetName()).isEqualTo("Overview");
            assertThat(texts(workbook.getSheet("Overview"))).contains("张三丰", "13912345678");
            assertThat(texts(workbook.getSheet("Overview")).stream().filter(text -> text.startsWith("2023–2025: 6 batches sampled, 2 failed; 1 cases"))).hasSize(1);
        }
    }

    @Test
    void enterprisesAreFoundByCodeOrNameAndWrongOnesAreToldWhatIsNear()
            throws IOException
    {
        DossierJob job = new DossierJob(spark, lake.toString(), new PersonalData(List.of()), false);
        assertThat(job.resolve(SUBJECT.toLowerCase(java.util.Locale.ROOT))).isEqualTo(SUBJECT);
        assertThat(job.resolve("上城测试五金有限公司")).isEqualTo(SUBJECT);
        assertThat(job.resolve("测试五金")).isEqualTo(SUBJECT);
        assertThatThrownBy(() -> job.resolve("五金")).isInstanceOf(ZhijianException.class).hasMessageStartingWith("5 enterprises match '五金': ")
                .hasMessageEndingWith("; give the credit code");
        assertThatThrownBy(() -> job.resolve("上城测试五金公司")).hasMessageStartingWith("no enterprise named like '上城测试五金公司' in the register; nearest: 上城测试五金有限公司");
        String wrongCheck = SUBJECT.substring(0, 17) + (SUBJECT.charAt(17) == '1' ? '2' : '1');
        assertThatThrownBy(() -> job.resolve(wrongCheck)).hasMessage(wrongCheck + " fails the GB 32100 check: its last character should be " + SUBJECT.charAt(17)
                + ", not " + wrongCheck.charAt(17));
        String unknown = CreditCode.forEnterprise("330102", "TE0A0009");
        assertThatThrownBy(() -> job.resolve(unknown)).hasMessageStartingWith("no enterprise with credit code " + unknown + " in the register; nearest: ");
        assertThatThrownBy(() -> job.graded("D", 2030)).hasMessage("no credit ratings for 2030; the lake holds 2023–2025");
        assertThat(job.known(List.of(SUBJECT, unknown))).containsExactly(SUBJECT);
    }

    @Test
    void aListFileNamesEveryBadLineAndKeepsTheGoodOnes()
            throws IOException
    {
        String wrongCheck = SUBJECT.substring(0, 17) + (SUBJECT.charAt(17) == '1' ? '2' : '1');
        Path file = Files.writeString(directory.resolve("codes.txt"), "\uFEFF# D grades\n" + SUBJECT.toLowerCase(java.util.Locale.ROOT) + "\n\n" + wrongCheck
                + "\nnot-a-code\n" + SUBJECT + "\n" + PEER_LOW + "\n");
        DossierJob.ListFile listed = DossierJob.readList(file);
        assertThat(listed.codes()).containsExactly(Map.entry(SUBJECT, 2), Map.entry(PEER_LOW, 7));
        assertThat(listed.problems()).containsExactly(
                file + ":4: " + wrongCheck + ": fails the GB 32100 check (last character should be " + SUBJECT.charAt(17) + ")",
                file + ":5: not-a-code: not an 18-character credit code");
        Path large = Files.write(directory.resolve("large.txt"), new byte[(int) DossierJob.LIST_LIMIT_BYTES + 1]);
        assertThatThrownBy(() -> DossierJob.readList(large)).isInstanceOf(ZhijianException.class).hasMessage("--list " + large + " is larger than 4 MB; split it");
    }

    private static String grade(DossierJob.Dossier dossier)
    {
        List<Object[]> ratings = dossier.rows("ratings");
        return (String) dossier.value("ratings", ratings.get(ratings.size() - 1), "grade");
    }

    private static String score(DossierJob.Dossier dossier)
    {
        List<Object[]> ratings = dossier.rows("ratings");
        return String.format(java.util.Locale.ROOT, "%.0f", ((Number) dossier.value("ratings", ratings.get(ratings.size() - 1), "score")).doubleValue());
    }

    private static List<String> texts(Sheet sheet)
    {
        List<String> texts = new ArrayList<>();
        sheet.forEach(row -> texts.addAll(texts(row)));
        return texts;
    }

    private static List<String> texts(org.apache.poi.ss.usermodel.Row row)
    {
        DataFormatter formatter = new DataFormatter();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < row.getLastCellNum(); i++) {
            texts.add(row.getCell(i) == null ? "" : formatter.formatCellValue(row.getCell(i)));
        }
        return texts;
    }
}

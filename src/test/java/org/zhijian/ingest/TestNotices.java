package org.zhijian.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.RunIds;
import org.zhijian.reference.CreditCode;
import org.zhijian.schema.SourceDataset;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;
import static org.zhijian.ingest.NoticeWorkbooks.Merge;

/**
 * The bureau's own files loaded beside a register export (DOMAIN.md, "Files as bureaus really
 * have them"): a national notice (.xlsx, two title rows, a category merged down its batches,
 * placeholders, a producer outside the province), a provincial P/F notice (.xls, Chinese and
 * dotted dates, a branch, full-width brackets) and a failed-only list; then the review of the
 * producers that did not resolve, and the operator's map applied on the next load.
 */
class TestNotices
{
    private static final String HARDWARE = CreditCode.forEnterprise("330784", "MA28A011");
    private static final String HARDWARE_BRANCH = CreditCode.forEnterprise("330782", "MA28A012");
    private static final String CABLE = CreditCode.forEnterprise("330102", "MA28A013");
    private static final String TWIN_WUYI = CreditCode.forEnterprise("330723", "MA28A014");
    private static final String TWIN_YONGKANG = CreditCode.forEnterprise("330784", "MA28A015");
    private static final String FURNITURE = CreditCode.forEnterprise("330523", "MA28A016");

    @TempDir
    static Path directory;
    private static Path raw;
    private static Path lakePath;
    private static IngestJob.Result result;
    private static Lake lake;

    @BeforeAll
    static void load()
            throws IOException
    {
        raw = Files.createDirectories(directory.resolve("raw"));
        register(raw.resolve("登记信息导出.csv"));
        nationalNotice(raw.resolve("附件1.xlsx"));
        provincialNotice(raw.resolve("附件2.xls"));
        failedList(raw.resolve("不合格产品信息.xlsx"));
        // The national layout without a conclusion lists failures only; a food notice names producer and seller.
        NoticeWorkbooks.write(raw.resolve("附件3.xls"), "不合格", List.of("2025年国家监督抽查不合格产品名单", "发布日期：2025年5月10日"),
                List.of("序号", "产品种类", "受检单位", "标称生产单位", "标称生产单位所在地", "产品名称", "规格型号", "生产日期/批号", "主要不合格项目", "承检机构", "备注"),
                List.of(row(1, "低压开关柜", "浙江华通工具有限责任公司", "浙江华通工具有限责任公司", "浙江省金华市永康市", "开关柜", "XL", "2025-01-01", "温升", "某院", "/")),
                List.of(), List.of());
        NoticeWorkbooks.write(raw.resolve("附件4.xlsx"), "食品", List.of("浙江省市场监督管理局关于食品安全监督抽检情况的通告（2025年第3期）", "2025年8月8日"),
                List.of("序号", "标称生产企业名称", "标称生产企业地址", "被抽样单位名称", "被抽样单位地址", "食品名称", "规格型号", "生产日期/批号", "检验结论", "不合格项目", "备注"),
                List.of(row(1, "安吉县某某家具有限公司", "浙江省湖州市安吉县", "某超市", "安吉县", "黄酒", "500ml", "2025-05-01", "合格", "/", "/"),
                        row(2, "上海某某食品有限公司", "上海市闵行区", "某超市", "杭州市滨江区", "乳制品", "250ml", "2025-05-02", "不合格", "蛋白质", "/")),
                List.of(), List.of());
        Files.writeString(raw.resolve("名单1.csv"), "2024年规模以上工业企业名单\n序号,统一社会信用代码,企业名称,所在地\n1," + HARDWARE + ",永康市恒达五金制品有限公司,永康\n2,,浙江华通工具有限责任公司,永康\n"
                + "3,,不在登记里的企业有限公司,义乌\n", StandardCharsets.UTF_8);
        NoticeWorkbooks.write(raw.resolve("名单2.xlsx"), "高企", List.of("浙江省2024年认定的高新技术企业名单"), List.of("序号", "企业名称", "证书编号"),
                List.of(row(1, "杭州(中策)电缆有限公司", "GR202433000001")), List.of(), List.of());
        lakePath = directory.resolve("lake");
        result = ingest(raw);
        lake = Lake.open(lakePath.toString(), SharedSpark.session().sparkContext().hadoopConfiguration());
    }

    private static IngestJob.Result ingest(Path folder)
            throws IOException
    {
        RawFileInspector.Options options = new RawFileInspector.Options(Optional.empty(), Optional.empty(), RawFileInspector.DEFAULT_SPLIT_BYTES, ReaderLimits.DEFAULTS,
                Optional.of(SourceProfiles.load(Path.of("conf", "sources"), REFERENCE.headerAliases())), Optional.empty(), Map.of(), List.of());
        IngestJob.Request request = new IngestJob.Request("ingest", folder.toString(), lakePath.toString(), options, IngestFixtures.AS_OF, false, 1.0, true, true, 100);
        return new IngestJob(SharedSpark.session(), REFERENCE, line -> {}).run(request, RunIds.next());
    }

    /** A 市场主体登记 export: the county only through 登记机关 or 住所, the industry by code or name, a former name, a branch. */
    private static void register(Path file)
            throws IOException
    {
        String header = "统一社会信用代码,企业名称,法定代表人,登记状态,成立日期,注册资本,企业类型,登记机关,住所,所属行业,曾用名,隶属企业统一社会信用代码";
        List<String> rows = List.of(
                HARDWARE + ",永康市恒达五金制品有限公司,张三,存续（在营、开业、在册）,2010-05-01,500万元,有限责任公司,永康市市场监督管理局,浙江省金华市永康市东城街道九铃路1号,C3311,永康市恒达五金厂,",
                HARDWARE_BRANCH + ",永康市恒达五金制品有限公司义乌分公司,李四,存续（在营、开业、在册）,2015-01-01,/,有限责任公司分公司,义乌市市场监督管理局,义乌市稠城街道,C3311,," + HARDWARE,
                // 登记机关 names a city only: the county comes from 住所; the industry is a name.
                CABLE + ",杭州（中策）电缆有限责任公司,王五,在营,2001-03-03,1000万元,有限责任公司,杭州市市场监督管理局,杭州市江干区九堡街道,电气机械和器材制造业,,",
                TWIN_WUYI + ",浙江华通工具有限公司,赵六,存续（在营、开业、在册）,2012-06-06,200万元,有限责任公司,武义县市场监督管理局,浙江省武义县,C3321,,",
                TWIN_YONGKANG + ",浙江华通工具有限责任公司,钱七,存续（在营、开业、在册）,2013-07-07,300万元,有限责任公司,永康市市场监督管理局,永康市,C3321,,",
                // A credit code in lower case and full-width digits.
                toFullWidth(FURNITURE.toLowerCase(java.util.Locale.ROOT)) + ",安吉县某某家具有限公司,孙八,吊销，未注销,2009-09-09,50万元,有限责任公司,安吉县市场监督管理局,安吉县递铺街道,C2110,,");
        Files.writeString(file, header + "\n" + String.join("\n", rows) + "\n", StandardCharsets.UTF_8);
    }

    private static String toFullWidth(String text)
    {
        StringBuilder folded = new StringBuilder();
        text.chars().forEach(c -> folded.append(Character.isDigit(c) ? (char) (c - '0' + '０') : (char) c));
        return folded.toString();
    }

    private static void nationalNotice(Path file)
            throws IOException
    {
        List<String> header = List.of("序号", "产品种类", "受检单位", "标称生产单位", "标称生产单位所在地", "产品名称", "规格型号", "生产日期/批号", "检验结论", "主要不合格项目",
                "承检机构", "备注");
        List<List<Object>> rows = List.of(
                row(1, "电线电缆", "杭州中策电缆有限公司", "杭州(中策)电缆有限公司", "杭州市上城区", "聚氯乙烯绝缘电缆", "450/750V", "2025-03-01", "合格", "/", "某检测院", "/"),
                row(2, null, "佛山某某电缆有限公司", "佛山某某电缆有限公司", "广东省佛山市顺德区", "电力电缆", "0.6/1kV", "2025-02-11", "不合格", "导体电阻", "某检测院", "/"),
                row(3, "电线", "乐清市某某电气有限公司", "乐清市某某电气有限公司", "浙江省乐清市柳市镇", "电线", "BV", "2025-01-20", "合格", "/", "某检测院", "/"),
                row(4, "低压开关柜", "永康市恒达五金厂", "永康市恒达五金厂", "浙江省永康市", "开关柜", "GGD", "2025-03-03", "合格", "/", "某检测院", "/"),
                row(5, null, "乐清市某某电气有限公司", "乐清市某某电气有限公司", "浙江省乐清市柳市镇", "开关柜", "GCS", "2025-03-04", "不合格", "温升", "某检测院", "/"),
                row(6, null, "某某电器有限公司", "某某电器有限公司", "温州市", "开关柜", "XL", "2025-03-05", "合格", "/", "某检测院", "/"),
                row(7, null, "浙江华通工具有限公司（）", "浙江华通工具有限公司（）", "金华市", "开关柜", "XL", "2025-03-06", "合格", "/", "某检测院", "/"),
                row(8, null, "永康市恒达五金制品有限公司", "永康市恒达五金制品有限公司", "—", "开关柜", "XL", "2025-03-07", "合格", "/", "某检测院", "/"));
        // Title rows 0-1, header row 2, data rows 3-10: 电线电缆 over rows 3-4, 低压开关柜 over rows 6-10.
        NoticeWorkbooks.write(file, "附件1", List.of("2025年第二批产品质量国家监督抽查结果", "发布日期：2025年6月20日（共8批次）"), header, rows,
                List.of("注：以上结果仅对所检样品负责。"), List.of(new Merge(3, 4, 1, 1), new Merge(6, 10, 1, 1)));
    }

    private static void provincialNotice(Path file)
            throws IOException
    {
        List<String> header = List.of("序号", "产品名称", "规格型号", "生产日期或批号", "生产企业名称", "监督抽查时间", "检验结论", "不合格项目");
        List<List<Object>> rows = List.of(
                row(1, "电线电缆", "BV 2.5", "2025-02", "永康市恒达五金制品有限公司义乌分公司", "2025年3月5日", "P", "/"),
                row(2, "木质家具", "/", "/", "浙江华通工具有限公司", "2025.3.6", "F", "甲醛释放量"),
                row(3, "童鞋", "", "", "杭州（中策）电缆有限责任公司", "2025-3-7", "P", "—"),
                row(4, "儿童及婴幼儿服装", "", "", "宁波某某服饰有限公司", "2025-03-08", "F", "纤维含量"),
                row(5, "弹簧软床垫", "", "", "安吉县某某家具有限公司", "2025-03-09", "符合", "/"));
        NoticeWorkbooks.write(file, "Sheet1", List.of("浙江省市场监督管理局2025年省级产品质量监督抽查结果"), header, rows,
                List.of("注：P表示符合监督检查要求，F表示不合格。"), List.of());
    }

    private static void failedList(Path file)
            throws IOException
    {
        List<String> header = List.of("序号", "标称生产企业名称", "标称生产企业地址", "被抽样单位名称", "被抽样单位地址", "食品名称", "规格型号", "生产日期/批号", "不合格项目",
                "检验结果", "标准值", "检验机构", "备注");
        List<List<Object>> rows = List.of(
                row(1, "永康市恒达五金制品有限公司", "浙江省永康市", "某超市", "杭州市西湖区", "大米", "5kg", "2025-04-01", "镉(以Cd计)", "0.3mg/kg", "≤0.2mg/kg", "某院", "/"),
                row(2, "江西某某米业有限公司", "江西省南昌市", "某超市", "杭州市西湖区", "大米", "10kg", "2025-04-02", "镉(以Cd计)", "0.25mg/kg", "≤0.2mg/kg", "某院", "/"));
        NoticeWorkbooks.write(file, "不合格", List.of("不合格产品信息", "2025年7月1日"), header, rows, List.of(), List.of());
    }

    private static List<Object> row(Object... values)
    {
        return Arrays.asList(values);
    }

    private static Map<Object, Row> stagedBy(SourceDataset dataset, String key)
            throws IOException
    {
        return lake.read(SharedSpark.session(), IngestJob.staged(dataset)).collectAsList().stream().collect(Collectors.toMap(row -> row.getAs(key), row -> row));
    }

    @Test
    void eachFileIsReadByItsLayoutAndEveryRowIsStagedOrQuarantined()
            throws IOException
    {
        assertThat(result.inspection().files()).extracting(InspectedFile::fileName, InspectedFile::profile)
                .containsExactlyInAnyOrder(tuple("登记信息导出.csv", "register_export"), tuple("附件1.xlsx", "national_notice"), tuple("附件2.xls", "provincial_pf"),
                        tuple("不合格产品信息.xlsx", "failed_list"), tuple("名单1.csv", "enterprise_list"), tuple("名单2.xlsx", "high_tech_list"),
                        tuple("附件3.xls", "national_failed"), tuple("附件4.xlsx", "food_notice"));
        assertThat(result.inspection().problems()).isEmpty();
        SparkSession spark = SharedSpark.session();
        // Rows read = staged + quarantined, file by file; titles and notes are no rows.
        Map<String, Long> expected = Map.of("登记信息导出.csv", 6L, "附件1.xlsx", 8L, "附件2.xls", 5L, "不合格产品信息.xlsx", 2L, "名单1.csv", 3L, "名单2.xlsx", 1L, "附件3.xls", 1L, "附件4.xlsx", 2L);
        for (Map.Entry<String, Long> file : expected.entrySet()) {
            long staged = 0;
            long quarantined = 0;
            for (SourceDataset dataset : List.of(org.zhijian.schema.Datasets.ENTERPRISES, org.zhijian.schema.Datasets.INSPECTIONS, org.zhijian.schema.Datasets.FAILED_BATCHES, org.zhijian.schema.Datasets.ENTERPRISE_LISTS)) {
                staged += lake.read(spark, IngestJob.staged(dataset)).where(org.apache.spark.sql.functions.col("source_file").equalTo(file.getKey())).count();
                if (lake.current().table(IngestJob.quarantine(dataset)).isPresent()) {
                    quarantined += lake.read(spark, IngestJob.quarantine(dataset)).where(org.apache.spark.sql.functions.col("source_file").equalTo(file.getKey())).count();
                }
            }
            assertThat(staged + quarantined).as(file.getKey()).isEqualTo(file.getValue());
        }
        assertThat(result.outcomes().get(org.zhijian.schema.Datasets.INSPECTIONS).read()).isEqualTo(15);
        assertThat(result.outcomes().get(org.zhijian.schema.Datasets.INSPECTIONS).quarantined()).isEqualTo(1);
    }

    @Test
    void theRegisterGivesCodesCountiesStatusesAndIndustriesFromWhatItWrites()
            throws IOException
    {
        Map<Object, Row> enterprises = stagedBy(org.zhijian.schema.Datasets.ENTERPRISES, "credit_code");
        assertThat(enterprises).containsOnlyKeys(HARDWARE, HARDWARE_BRANCH, CABLE, TWIN_WUYI, TWIN_YONGKANG, FURNITURE);
        assertThat(List.of(HARDWARE, HARDWARE_BRANCH, CABLE, FURNITURE)).extracting(code -> enterprises.get(code).getAs("county_code"))
                .containsExactly("330784", "330782", "330102", "330523");
        assertThat(enterprises.get(CABLE).<String>getAs("industry_code")).as("an industry name made its code").isEqualTo("38");
        assertThat(enterprises.get(HARDWARE).<String>getAs("status")).isEqualTo("存续");
        assertThat(enterprises.get(FURNITURE).<String>getAs("status")).isEqualTo("吊销");
        assertThat(enterprises.get(HARDWARE).<String>getAs("former_names")).isEqualTo("永康市恒达五金厂");
        assertThat(enterprises.get(HARDWARE_BRANCH).<String>getAs("parent_code")).isEqualTo(HARDWARE);
        // The lists set the flags, by code or by name; a name the register lacks is quarantined under its own rule.
        assertThat(List.of(HARDWARE, TWIN_YONGKANG, TWIN_WUYI, CABLE)).extracting(code -> enterprises.get(code).getAs("above_scale"), code -> enterprises.get(code).getAs("high_tech"))
                .containsExactly(tuple(true, false), tuple(true, false), tuple(false, false), tuple(false, true));
        Row unlisted = lake.read(SharedSpark.session(), IngestJob.quarantine(org.zhijian.schema.Datasets.ENTERPRISE_LISTS)).first();
        assertThat(unlisted.<String>getAs("rules")).isEqualTo("ref.list_enterprise");
        assertThat(unlisted.<String>getAs("reasons")).contains("'不在登记里的企业有限公司'");
        assertThat(result.outcomes().get(org.zhijian.schema.Datasets.ENTERPRISES).normalised()).containsKeys("norm.width credit_code", "norm.case credit_code", "norm.industry industry_code");
    }

    @Test
    void everyProducerTheRegisterHoldsResolvesToItsCodeAndTheRestArePlacedByAddress()
            throws IOException
    {
        Map<Object, Row> batches = stagedBy(org.zhijian.schema.Datasets.INSPECTIONS, "batch_id");
        assertThat(batches.values()).extracting(row -> row.getAs("batch_id"), row -> row.getAs("match"), row -> row.getAs("credit_code"), row -> row.getAs("county_code"))
                .containsExactlyInAnyOrder(
                        tuple("附件1-1", "normalised", CABLE, "330102"),
                        tuple("附件1-2", "outside", null, null),
                        tuple("附件1-4", "normalised", HARDWARE, "330784"),
                        tuple("附件1-5", "address", null, "330382"),
                        tuple("附件1-6", "unmatched", null, null),
                        tuple("附件1-7", "ambiguous", null, null),
                        tuple("附件1-8", "exact", HARDWARE, "330784"),
                        tuple("附件2-1", "exact", HARDWARE, "330782"),
                        tuple("附件2-2", "exact", TWIN_WUYI, "330723"),
                        tuple("附件2-3", "exact", CABLE, "330102"),
                        tuple("附件2-4", "unmatched", null, null),
                        tuple("附件2-5", "exact", FURNITURE, "330523"),
                        tuple("附件4-1", "exact", FURNITURE, "330523"),
                        tuple("附件4-2", "outside", null, null));
        // A food notice covers the province's production: its producer outside the province still counts for the province.
        assertThat(batches.get("附件4-2").<Boolean>getAs("in_province")).isTrue();
        assertThat(batches.get("附件4-1").<Object>getAs("sampled_on")).isEqualTo(java.time.LocalDate.of(2025, 8, 8));
        // Conclusions, dates, levels and categories as the notices wrote them.
        Row merged = batches.get("附件1-2");
        assertThat(merged.<String>getAs("category")).as("the merged category filled down").isEqualTo("电线电缆");
        assertThat(merged.<String>getAs("result")).isEqualTo("不合格");
        assertThat(merged.<Boolean>getAs("in_province")).as("a national notice's outside producer counts nowhere").isFalse();
        assertThat(batches.get("附件1-8").<String>getAs("category")).isEqualTo("低压开关柜");
        assertThat(batches.get("附件1-8").<Object>getAs("producer_address")).as("— is empty").isNull();
        assertThat(batches.get("附件1-1").<Object>getAs("sampled_on")).as("the title's date").isEqualTo(java.time.LocalDate.of(2025, 6, 20));
        assertThat(batches.get("附件1-1").<String>getAs("plan_level")).isEqualTo("国抽");
        assertThat(batches.get("附件1-1").<Object>getAs("failed_items")).isNull();
        assertThat(List.of("附件2-1", "附件2-2", "附件2-3")).extracting(id -> batches.get(id).getAs("sampled_on"))
                .containsExactly(java.time.LocalDate.of(2025, 3, 5), java.time.LocalDate.of(2025, 3, 6), java.time.LocalDate.of(2025, 3, 7));
        assertThat(List.of("附件2-1", "附件2-2", "附件2-5")).extracting(id -> batches.get(id).getAs("result")).containsExactly("合格", "不合格", "合格");
        assertThat(batches.get("附件2-2").<String>getAs("plan_level")).isEqualTo("省抽");
        assertThat(batches.get("附件2-1").<String>getAs("city_code")).isEqualTo("330700");
        // The unknown category is quarantined with its value and the nearest names.
        Row rejected = lake.read(SharedSpark.session(), IngestJob.quarantine(org.zhijian.schema.Datasets.INSPECTIONS)).first();
        assertThat(rejected.<String>getAs("source_file")).isEqualTo("附件1.xlsx");
        assertThat(rejected.<Long>getAs("source_line")).isEqualTo(6L);
        assertThat(rejected.<String>getAs("reasons")).contains("'电线'").contains("电线电缆");
    }

    @Test
    void aFailedOnlyListFeedsItsOwnTableNotThePassRate()
            throws IOException
    {
        Map<Object, Row> failed = stagedBy(org.zhijian.schema.Datasets.FAILED_BATCHES, "batch_id");
        assertThat(failed.values()).extracting(row -> row.getAs("match"), row -> row.getAs("credit_code"), row -> row.getAs("category"), row -> row.getAs("sampled_on"))
                .containsExactlyInAnyOrder(tuple("exact", HARDWARE, "大米", java.time.LocalDate.of(2025, 7, 1)), tuple("outside", null, "大米", java.time.LocalDate.of(2025, 7, 1)),
                        tuple("exact", TWIN_YONGKANG, "低压开关柜", java.time.LocalDate.of(2025, 5, 10)));
        assertThat(stagedBy(org.zhijian.schema.Datasets.INSPECTIONS, "batch_id")).doesNotContainKey("不合格产品信息-1");
    }

    @Test
    void unresolvedProducersAreReviewedAndTheOperatorsMapResolvesThemOnTheNextLoad()
            throws IOException
    {
        SparkSession spark = SharedSpark.session();
        List<Row> review = lake.read(spark, LakeTables.PRODUCER_REVIEW).orderBy("source_file", "first_line").collectAsList();
        assertThat(review).extracting(row -> row.getAs("producer_name"), row -> row.getAs("match"), row -> row.getAs("source_file"), row -> row.getAs("batches"))
                .containsExactly(tuple("某某电器有限公司", "unmatched", "附件1.xlsx", 1L), tuple("浙江华通工具有限公司（）", "ambiguous", "附件1.xlsx", 1L),
                        tuple("宁波某某服饰有限公司", "unmatched", "附件2.xls", 1L));
        assertThat(List.of(review.get(1).<String>getAs("candidate_1_code"), review.get(1).<String>getAs("candidate_2_code"))).containsExactlyInAnyOrder(TWIN_WUYI, TWIN_YONGKANG);

        // A map naming a code the register lacks fails naming its line; nothing is written.
        Path next = Files.createDirectories(directory.resolve("next"));
        Files.copy(raw.resolve("附件1.xlsx"), next.resolve("附件1.xlsx"));
        String unknown = CreditCode.forEnterprise("330784", "MA28A099");
        Files.writeString(next.resolve(ProducerMap.FILE_NAME), "producer_name,producer_address,credit_code\n某某电器有限公司,温州市," + TWIN_YONGKANG + "\n浙江华通工具有限公司（）,金华市,"
                + unknown + "\n", StandardCharsets.UTF_8);
        long snapshot = lake.current().version();
        assertThatThrownBy(() -> ingest(next)).isInstanceOf(ZhijianException.class)
                .hasMessage(next.resolve(ProducerMap.FILE_NAME) + ": line 3: credit_code " + unknown + " (for 浙江华通工具有限公司（）) is not in the enterprise register (staged.enterprises or this load)");
        assertThat(Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration()).current().version()).isEqualTo(snapshot);

        // The person's answers: by name and address, and the ambiguous one by name alone.
        Files.writeString(next.resolve(ProducerMap.FILE_NAME), "producer_name,producer_address,credit_code\n某某电器有限公司,温州市," + TWIN_YONGKANG + "\n浙江华通工具有限公司（）,,"
                + TWIN_WUYI + "\n", StandardCharsets.UTF_8);
        ingest(next);
        Lake after = Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
        Map<Object, Row> batches = after.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.INSPECTIONS)).collectAsList().stream()
                .collect(Collectors.toMap(row -> row.getAs("batch_id"), row -> row));
        assertThat(List.of("附件1-6", "附件1-7")).extracting(id -> batches.get(id).getAs("match"), id -> batches.get(id).getAs("credit_code"),
                id -> batches.get(id).getAs("county_code"))
                .containsExactly(tuple("operator", TWIN_YONGKANG, "330784"), tuple("operator", TWIN_WUYI, "330723"));
        // The reloaded file's review rows are gone; the other file's stay.
        assertThat(after.read(spark, LakeTables.PRODUCER_REVIEW).collectAsList()).extracting(row -> row.getAs("producer_name")).containsExactly("宁波某某服饰有限公司");
    }
}

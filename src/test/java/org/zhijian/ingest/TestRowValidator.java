package org.zhijian.ingest;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.zhijian.reference.CreditCode;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.ingest.IngestFixtures.AS_OF;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** Every row rule of PRODUCT.md §3 on hand-made rows: each breaks one rule, and a clean row breaks none. */
class TestRowValidator
{
    private static final String CODE = CreditCode.forEnterprise("330106", "MA2H3K4L");

    private static final SourceDataset EQUIPMENT = org.zhijian.schema.Datasets.CATALOGUE.get("equipment");
    private static final SourceDataset LICENCES = org.zhijian.schema.Datasets.CATALOGUE.get("licences");
    /** Clean rows of the datasets of the bureau's other work. */
    private static final Map<SourceDataset, Map<String, String>> CLEAN_OTHERS = Map.of(
            EQUIPMENT, Map.of("equipment_code", "4330106150000001", "registration_code", "梯3301060000001(15)", "type", "电梯", "credit_code", CODE,
                    "county_code", "330106", "registered_on", "2015-06-01", "status", "在用", "status_on", "", "next_inspection_due", "2026-05-20"),
            org.zhijian.schema.Datasets.CATALOGUE.get("equipment_inspections"), Map.of("inspection_id", "TJ20250000001", "equipment_code", "4330106150000001",
                    "inspected_on", "2025-05-20", "kind", "定期", "conclusion", "符合要求", "next_due", "2026-05-20"),
            org.zhijian.schema.Datasets.CATALOGUE.get("equipment_accidents"), Map.of("accident_id", "SG20250001", "occurred_on", "2025-03-02", "equipment_code", "",
                    "type", "起重机械", "county_code", "330106", "deaths", "1", "injuries", "2", "direct_loss", "35.5"),
            LICENCES, Map.of("licence_no", "(浙)XK13-021-00001", "credit_code", CODE, "product", "电线电缆", "issued_on", "2021-04-01", "valid_until", "2026-03-31",
                    "status", "有效", "status_on", ""),
            org.zhijian.schema.Datasets.CATALOGUE.get("recalls"), Map.of("recall_id", "ZH20250001", "credit_code", CODE, "product", "电热水壶（型号A001）", "category", "电线电缆",
                    "units", "1200", "announced_on", "2025-08-08", "kind", "主动召回", "defect", "过热存在起火风险"));
    private static final Map<SourceDataset, Map<String, String>> CLEAN = merged(CLEAN_OTHERS, Map.of(
            org.zhijian.schema.Datasets.ENTERPRISES, Map.ofEntries(Map.entry("credit_code", CODE), Map.entry("name", "杭州示例科技有限公司"), Map.entry("county_code", "330106"),
                    Map.entry("industry_code", "C3311"), Map.entry("size", "小型"), Map.entry("above_scale", "是"), Map.entry("high_tech", "否"),
                    Map.entry("established", "2015-03-08"), Map.entry("status", "存续"), Map.entry("legal_rep", "王伟"), Map.entry("phone", "13800138000")),
            org.zhijian.schema.Datasets.FINANCE, Map.of("credit_code", CODE, "year", "2024", "output_value", "1,234.50", "sales_revenue", "2,000.00", "brand_sales", "800",
                    "export_value", "0", "rd_spend", "55.5", "patents", "12"),
            org.zhijian.schema.Datasets.BRANDS, Map.ofEntries(Map.entry("brand_id", "BR0001"), Map.entry("credit_code", CODE), Map.entry("county_code", "330106"),
                    Map.entry("industry_code", "33"), Map.entry("brand_name", "示例"), Map.entry("product", "五金工具"), Map.entry("level", "浙江制造"),
                    Map.entry("certified_on", "2022/5/6"), Map.entry("valid_until", "2027年5月5日"), Map.entry("revoked_on", ""), Map.entry("own_ip", "Y")),
            org.zhijian.schema.Datasets.STANDARDS, Map.of("record_id", "ST1", "credit_code", CODE, "standard_no", "GB/T 19001-2016", "role", "执行", "product", "五金工具",
                    "adoption", "IDT", "intl_ref", "ISO 9001:2015", "effective_on", "20230101", "from_rnd", "0"),
            org.zhijian.schema.Datasets.INSPECTIONS, Map.of("batch_id", "CC1", "credit_code", CODE, "producer_name", "杭州示例科技有限公司", "county_code", "330106",
                    "category", "羽绒服装", "plan_level", "省抽", "sampled_on", "2025-09-01", "result", "不合格", "failed_items", "含绒量;蓬松度"),
            org.zhijian.schema.Datasets.CASES, Map.of("case_id", "ZJ1", "credit_code", "", "county_code", "330106", "violation", "无证生产", "opened_on", "2025-01-02",
                    "closed_on", "", "fine", "10,000.00", "goods_value", "3500"),
            org.zhijian.schema.Datasets.REGION_ECONOMY, Map.of("county_code", "330106", "year", "2024", "gdp", "1,234.5", "industrial_output", "2000", "population", "120.5",
                    "townships", "12", "quality_stations", "10"),
            org.zhijian.schema.Datasets.FAILED_BATCHES, Map.of("batch_id", "公告-1", "producer_name", "广东某某电器有限公司", "producer_address", "广东省佛山市顺德区",
                    "category", "电线电缆", "plan_level", "国抽", "sampled_on", "2025-06-01", "failed_items", "导体电阻", "match", "outside"),
            org.zhijian.schema.Datasets.ENTERPRISE_LISTS, Map.of("list", "above_scale", "credit_code", CODE, "name", "杭州示例科技有限公司", "year", "2024")));

    private static Map<SourceDataset, Map<String, String>> merged(Map<SourceDataset, Map<String, String>> one, Map<SourceDataset, Map<String, String>> other)
    {
        Map<SourceDataset, Map<String, String>> all = new HashMap<>(one);
        all.putAll(other);
        return Map.copyOf(all);
    }

    @Test
    void cleanRowsOfEveryDatasetPass()
    {
        for (SourceDataset dataset : org.zhijian.schema.Datasets.CATALOGUE.all()) {
            ValidatedRow row = validate(dataset, Map.of());
            assertThat(row.errors()).as(dataset.tableName()).isEmpty();
            assertThat(row.key()).isNotNull();
        }
    }

    @Test
    void valuesAreTyped()
    {
        ValidatedRow brand = validate(org.zhijian.schema.Datasets.BRANDS, Map.of());
        assertThat(value(org.zhijian.schema.Datasets.BRANDS, brand, "certified_on")).isEqualTo(LocalDate.of(2022, 5, 6));
        assertThat(value(org.zhijian.schema.Datasets.BRANDS, brand, "valid_until")).isEqualTo(LocalDate.of(2027, 5, 5));
        assertThat(value(org.zhijian.schema.Datasets.BRANDS, brand, "own_ip")).isEqualTo(true);
        ValidatedRow finance = validate(org.zhijian.schema.Datasets.FINANCE, Map.of());
        assertThat((BigDecimal) value(org.zhijian.schema.Datasets.FINANCE, finance, "output_value")).isEqualByComparingTo("1234.5");
        assertThat(value(org.zhijian.schema.Datasets.FINANCE, finance, "year")).isEqualTo(2024);
        assertThat(value(org.zhijian.schema.Datasets.FINANCE, finance, "patents")).isEqualTo(12L);
        ValidatedRow standard = validate(org.zhijian.schema.Datasets.STANDARDS, Map.of());
        assertThat(value(org.zhijian.schema.Datasets.STANDARDS, standard, "effective_on")).isEqualTo(LocalDate.of(2023, 1, 1));
        assertThat(value(org.zhijian.schema.Datasets.STANDARDS, standard, "from_rnd")).isEqualTo(false);
        assertThat(standard.values()[org.zhijian.schema.Datasets.STANDARDS.columns().size()]).isEqualTo("national");
        ValidatedRow enterprise = validate(org.zhijian.schema.Datasets.ENTERPRISES, Map.of());
        // city, original county, section, division
        int derived = org.zhijian.schema.Datasets.ENTERPRISES.columns().size();
        assertThat(java.util.Arrays.asList(enterprise.values()).subList(derived, derived + 4)).containsExactly("330100", null, "C", "33");
    }

    @Test
    void aBatchWithoutACountyIsAcceptedOnlyWhenItsProducerCouldNotBePlaced()
    {
        // The project's own layout: the producer by code (given) or by name alone (unlicensed), and a county always.
        ValidatedRow own = validate(org.zhijian.schema.Datasets.INSPECTIONS, Map.of());
        assertThat(value(org.zhijian.schema.Datasets.INSPECTIONS, own, "match")).isEqualTo("given");
        assertThat(value(org.zhijian.schema.Datasets.INSPECTIONS, own, "in_province")).isEqualTo(true);
        ValidatedRow unlicensed = validate(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("credit_code", ""));
        assertThat(value(org.zhijian.schema.Datasets.INSPECTIONS, unlicensed, "match")).isEqualTo("unlicensed");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("county_code", ""), Rule.REQUIRED, "county_code");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("county_code", "", "credit_code", "", "match", "address"), Rule.REQUIRED, "county_code");
        for (String unplaced : List.of("unmatched", "ambiguous", "outside")) {
            ValidatedRow row = validate(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("county_code", "", "credit_code", "", "match", unplaced));
            assertThat(row.errors()).as(unplaced).isEmpty();
            assertThat(row.values()[org.zhijian.schema.Datasets.INSPECTIONS.columns().size()]).as("no city either").isNull();
        }
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("match", "guessed"), Rule.NOT_IN_LIST, "match");
    }

    @Test
    void historicalCountyCodesAreMappedNotRejected()
    {
        ValidatedRow row = validate(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("county_code", "330185"));
        assertThat(row.errors()).isEmpty();
        assertThat(row.countyMapped()).isTrue();
        assertThat(value(org.zhijian.schema.Datasets.INSPECTIONS, row, "county_code")).isEqualTo("330112");
        assertThat(row.values()[org.zhijian.schema.Datasets.INSPECTIONS.columns().size() + 1]).isEqualTo("330185");
    }

    @Test
    void eachRuleIsReportedWithItsColumnAndValue()
    {
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("established", "2021-13-45"), Rule.DATE_FORMAT, "established");
        assertBreaks(org.zhijian.schema.Datasets.BRANDS, Map.of("certified_on", "2021.05.06"), Rule.DATE_FORMAT, "certified_on");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("above_scale", "可能"), Rule.BOOLEAN_FORMAT, "above_scale");
        assertBreaks(org.zhijian.schema.Datasets.FINANCE, Map.of("sales_revenue", "12,3a4.5"), Rule.NUMBER_FORMAT, "sales_revenue");
        assertBreaks(org.zhijian.schema.Datasets.FINANCE, Map.of("sales_revenue", "1,23,4.5"), Rule.NUMBER_FORMAT, "sales_revenue");
        assertBreaks(org.zhijian.schema.Datasets.REGION_ECONOMY, Map.of("townships", "12.5"), Rule.NUMBER_FORMAT, "townships");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("name", " "), Rule.REQUIRED, "name");
        assertBreaks(org.zhijian.schema.Datasets.CASES, Map.of("goods_value", "-300"), Rule.NEGATIVE_AMOUNT, "goods_value");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("size", "超大型"), Rule.NOT_IN_LIST, "size");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("result", "基本合格"), Rule.NOT_IN_LIST, "result");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("credit_code", CODE.substring(0, 16)), Rule.CREDIT_CODE_FORMAT, "credit_code");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("credit_code", CODE.substring(0, 10) + "I" + CODE.substring(11)), Rule.CREDIT_CODE_FORMAT, "credit_code");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("credit_code", CODE.substring(0, 17) + (CODE.charAt(17) == '0' ? '1' : '0')), Rule.CREDIT_CODE_CHECK, "credit_code");
        assertBreaks(org.zhijian.schema.Datasets.CASES, Map.of("county_code", "339999"), Rule.COUNTY_UNKNOWN, "county_code");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("industry_code", "C99"), Rule.INDUSTRY_UNKNOWN, "industry_code");
        assertBreaks(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("industry_code", "F33"), Rule.INDUSTRY_UNKNOWN, "industry_code");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("category", "不明产品"), Rule.CATEGORY_UNKNOWN, "category");
        assertBreaks(org.zhijian.schema.Datasets.STANDARDS, Map.of("standard_no", "GB/X 1234-2019"), Rule.STANDARD_NUMBER, "standard_no");
        assertBreaks(org.zhijian.schema.Datasets.STANDARDS, Map.of("adoption", "MOD", "intl_ref", ""), "rule.adoption_ref", "intl_ref");
        assertBreaks(org.zhijian.schema.Datasets.FINANCE, Map.of("brand_sales", "2,000.01"), "rule.brand_sales_le_sales", "brand_sales");
        assertBreaks(org.zhijian.schema.Datasets.BRANDS, Map.of("valid_until", "2022-05-06"), "rule.valid_until_after_certified", "valid_until");
        assertBreaks(org.zhijian.schema.Datasets.BRANDS, Map.of("credit_code", ""), "rule.holder_required", "credit_code");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("sampled_on", "2027-01-01"), Rule.FUTURE_DATE, "sampled_on");
        assertBreaks(org.zhijian.schema.Datasets.FINANCE, Map.of("year", "2027"), Rule.FUTURE_DATE, "year");
        // The rules of the newer datasets' files.
        assertBreaks(EQUIPMENT, Map.of("status", "注销"), "rule.equipment_status_date", "status_on");
        assertBreaks(EQUIPMENT, Map.of("next_inspection_due", "2014-01-01"), "rule.equipment_due_after_registered", "next_inspection_due");
        assertBreaks(EQUIPMENT, Map.of("type", "锅炉房"), Rule.NOT_IN_LIST, "type");
        assertBreaks(LICENCES, Map.of("product", "电动自行车"), Rule.NOT_IN_LIST, "product");
        assertBreaks(LICENCES, Map.of("status", "吊销"), "rule.licence_status_date", "status_on");
        assertBreaks(LICENCES, Map.of("valid_until", "2020-01-01"), "rule.licence_valid_after_issued", "valid_until");
        assertBreaks(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("credit_code", "", "producer_name", ""), "rule.producer_name_required", "producer_name");
    }

    @Test
    void permittedExceptions()
    {
        // A term may end in the future; a regional brand has no holder; NEQ needs no reference; an unlicensed producer with a name is fine.
        assertThat(validate(org.zhijian.schema.Datasets.BRANDS, Map.of("valid_until", "2031-01-01")).errors()).isEmpty();
        assertThat(validate(org.zhijian.schema.Datasets.BRANDS, Map.of("credit_code", "", "level", "区域名牌")).errors()).isEmpty();
        assertThat(validate(org.zhijian.schema.Datasets.STANDARDS, Map.of("adoption", "NEQ", "intl_ref", "")).errors()).isEmpty();
        assertThat(validate(org.zhijian.schema.Datasets.INSPECTIONS, Map.of("credit_code", "")).errors()).isEmpty();
        // Pilot codes that fail the check character are accepted when conf says so.
        String pilot = CODE.substring(0, 17) + (CODE.charAt(17) == '0' ? '1' : '0');
        RowValidator lenient = new RowValidator(org.zhijian.schema.Datasets.ENTERPRISES, ValidationReference.of(REFERENCE), AS_OF, true);
        assertThat(lenient.validate(raw(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("credit_code", pilot))).errors()).isEmpty();
    }

    @Test
    void aRowBreakingSeveralRulesReportsAllOfThem()
    {
        ValidatedRow row = validate(org.zhijian.schema.Datasets.ENTERPRISES, Map.of("established", "去年三月", "above_scale", "2", "county_code", "330371", "status", "歇业"));
        assertThat(row.errors()).extracting(RowError::rule)
                .containsExactlyInAnyOrder(Rule.DATE_FORMAT.id(), Rule.BOOLEAN_FORMAT.id(), Rule.COUNTY_UNKNOWN.id(), Rule.NOT_IN_LIST.id());
        assertThat(row.errors()).extracting(RowError::reason).contains("established: '去年三月' is not a date (yyyy-MM-dd, yyyy/M/d, yyyyMMdd, yyyy年M月d日 or an Excel serial)");
    }

    @Test
    void keysUseTypedValuesAndAreAbsentWhenAKeyColumnIsBad()
    {
        assertThat(validate(org.zhijian.schema.Datasets.REGION_ECONOMY, Map.of("county_code", "330185", "year", "2024年")).key()).isEqualTo("330112/2024");
        assertThat(validate(org.zhijian.schema.Datasets.REGION_ECONOMY, Map.of("county_code", "339999")).key()).isNull();
        assertThat(validate(org.zhijian.schema.Datasets.FINANCE, Map.of("credit_code", CODE.toLowerCase())).key()).isEqualTo(CODE + "/2024");
        assertThat(validate(org.zhijian.schema.Datasets.FINANCE, Map.of()).contentHash()).isEqualTo(validate(org.zhijian.schema.Datasets.FINANCE, Map.of()).contentHash())
                .isNotEqualTo(validate(org.zhijian.schema.Datasets.FINANCE, Map.of("patents", "13")).contentHash());
    }

    private static void assertBreaks(SourceDataset dataset, Map<String, String> changes, Rule rule, String column)
    {
        assertBreaks(dataset, changes, rule.id(), column);
    }

    private static void assertBreaks(SourceDataset dataset, Map<String, String> changes, String rule, String column)
    {
        ValidatedRow row = validate(dataset, changes);
        assertThat(row.errors()).as("%s %s", dataset.tableName(), changes).extracting(RowError::rule).containsExactly(rule);
        assertThat(row.errors().get(0).column()).isEqualTo(column);
        assertThat(row.errors().get(0).message()).isNotBlank().doesNotContain("%s");
    }

    private static ValidatedRow validate(SourceDataset dataset, Map<String, String> changes)
    {
        return new RowValidator(dataset, ValidationReference.of(REFERENCE), AS_OF, false).validate(raw(dataset, changes));
    }

    private static String[] raw(SourceDataset dataset, Map<String, String> changes)
    {
        Map<String, String> row = new HashMap<>(CLEAN.get(dataset));
        row.putAll(changes);
        return dataset.columnNames().stream().map(row::get).toArray(String[]::new);
    }

    private static Object value(SourceDataset dataset, ValidatedRow row, String column)
    {
        return row.values()[dataset.columnIndex(column)];
    }
}

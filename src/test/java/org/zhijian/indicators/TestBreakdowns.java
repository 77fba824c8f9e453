package org.zhijian.indicators;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.zhijian.indicators.FactRows.of;
import static org.zhijian.indicators.FactRows.row;

/** The breakdown marts on rows that can be checked on paper. */
class TestBreakdowns
{
    private static final Map<String, String> NAMES = Map.of("330000", "浙江省", "330100", "杭州市", "330106", "西湖区", "330200", "宁波市", "330212", "鄞州区");
    private static final Map<String, Dataset<Row>> FACTS = new java.util.TreeMap<>();
    private static Breakdowns breakdowns;

    @BeforeAll
    static void facts()
    {
        FACTS.put(Facts.INSPECTIONS, of("county_code STRING, city_code STRING, date DATE, category STRING, category_group STRING, result STRING",
                row("330106", "330100", "2025-07-01", "大米", "食品", "合格"),
                row("330106", "330100", "2025-08-01", "大米", "食品", "不合格"),
                row("330106", "330100", "2025-09-30", "大米", "食品", "合格"),
                row("330106", "330100", "2025-10-01", "大米", "食品", "合格"),
                row("330212", "330200", "2025-07-15", "大米", "食品", "合格")));
        String brands = "county_code STRING, city_code STRING, brand_id STRING, brand_name STRING, level STRING, regional BOOLEAN, industry_division STRING, "
                + "date DATE, valid_from DATE, valid_until DATE, revoked_on DATE";
        Dataset<Row> brandRows = of(brands,
                row("330106", "330100", "BR1", "西湖龙井", "区域名牌", true, "15", "2024-03-01", "2024-03-01", "2027-02-28", null),
                row("330106", "330100", "BR2", "甲牌", "浙江名牌", false, "34", "2025-05-01", "2025-05-01", "2028-04-30", null),
                // Revoked before the year ends: certified in 2025 but not valid on 31 December.
                row("330212", "330200", "BR3", "乙牌", "浙江名牌", false, "34", "2025-02-01", "2025-02-01", "2028-01-31", "2025-11-30"));
        FACTS.put(Facts.BRANDS_VALID, brandRows);
        FACTS.put(Facts.BRAND_CERTIFICATIONS, brandRows);
        String standards = "county_code STRING, city_code STRING, kind STRING, role STRING, adoption STRING, date DATE, valid_from DATE, valid_until DATE, revoked_on DATE";
        Dataset<Row> standardRows = of(standards,
                row("330106", "330100", "国家标准", "执行", "IDT", "2024-06-01", "2024-06-01", null, null),
                row("330106", "330100", "国家标准", "执行", null, "2025-06-01", "2025-06-01", null, null),
                row("330212", "330200", "团体标准", "主导制定", null, "2025-01-01", "2025-01-01", null, null));
        FACTS.put(Facts.STANDARDS, standardRows);
        FACTS.put(Facts.STANDARDS_IN_FORCE, standardRows);
        // Output: 西湖区 division 15: 60, 34: 40; 鄞州区 15: 20, 34: 180. Province 15: 80 of 300.
        FACTS.put(Facts.ENTERPRISE_FINANCE, of("county_code STRING, city_code STRING, year INT, industry_division STRING, output_value DECIMAL(22,4)",
                row("330106", "330100", 2025, "15", new java.math.BigDecimal("60")),
                row("330106", "330100", 2025, "34", new java.math.BigDecimal("40")),
                row("330212", "330200", 2025, "15", new java.math.BigDecimal("20")),
                row("330212", "330200", 2025, "34", new java.math.BigDecimal("180"))));
        breakdowns = new Breakdowns(SharedSpark.session(), NAMES);
    }

    @Test
    void passRatesByCategoryCityAndQuarterWithTheProvince()
    {
        Map<String, Row> rows = keyed(breakdowns.passRateByCategory(FACTS, 2025, 2025).orElseThrow(), "period", "region_code");
        Row hangzhou = rows.get("2025-Q3|330100");
        assertThat(hangzhou.<Long>getAs("batches")).isEqualTo(3);
        assertThat(hangzhou.<Long>getAs("passed")).isEqualTo(2);
        assertThat(hangzhou.<Long>getAs("failures")).isEqualTo(1);
        assertThat(hangzhou.<Double>getAs("pass_rate")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(hangzhou.<String>getAs("region_name")).isEqualTo("杭州市");
        Row province = rows.get("2025-Q3|330000");
        assertThat(province.<Long>getAs("batches")).isEqualTo(4);
        assertThat(province.<String>getAs("region_level")).isEqualTo("province");
        assertThat(rows.get("2025-Q4|330100").<Long>getAs("batches")).isEqualTo(1);
        assertThat(rows).hasSize(5);
    }

    @Test
    void brandsByLevelCountValidAtYearEndAndNewInTheYear()
    {
        Map<String, Row> rows = keyed(breakdowns.brandsByLevel(FACTS, 2025, 2025).orElseThrow(), "level", "region_code");
        assertThat(rows.get("浙江名牌|330100").<Long>getAs("valid_brands")).isEqualTo(1);
        assertThat(rows.get("浙江名牌|330200").<Long>getAs("valid_brands")).isEqualTo(0);
        assertThat(rows.get("浙江名牌|330200").<Long>getAs("new_brands")).isEqualTo(1);
        assertThat(rows.get("浙江名牌|330000").<Long>getAs("new_brands")).isEqualTo(2);
        assertThat(rows.get("浙江名牌|330000").<Long>getAs("valid_brands")).isEqualTo(1);
        assertThat(rows.get("区域名牌|330100").<Long>getAs("valid_brands")).isEqualTo(1);
        assertThat(rows.get("区域名牌|330100").<Long>getAs("new_brands")).isEqualTo(0);
    }

    @Test
    void standardsByKindAndRole()
    {
        Map<String, Row> rows = keyed(breakdowns.standardsByKind(FACTS, 2025, 2025).orElseThrow(), "kind", "role", "region_code");
        Row national = rows.get("国家标准|执行|330100");
        assertThat(national.<Long>getAs("in_force")).isEqualTo(2);
        assertThat(national.<Long>getAs("adopting")).isEqualTo(1);
        assertThat(national.<Long>getAs("new_standards")).isEqualTo(1);
        assertThat(rows.get("团体标准|主导制定|330000").<Long>getAs("in_force")).isEqualTo(1);
    }

    @Test
    void locationQuotientOfARegionalBrand()
    {
        Row quotient = breakdowns.clusterLocationQuotients(FACTS, 2025, 2025).orElseThrow().collectAsList().get(0);
        assertThat(quotient.<String>getAs("brand_id")).isEqualTo("BR1");
        assertThat(quotient.<String>getAs("county_name")).isEqualTo("西湖区");
        // (60 / 100) ÷ (80 / 300) = 2.25.
        assertThat(quotient.<Double>getAs("location_quotient")).isCloseTo(2.25, within(1e-12));
        assertThat(quotient.<Double>getAs("county_output")).isEqualTo(100.0);
    }

    private static Map<String, Row> keyed(Dataset<Row> rows, String... keys)
    {
        Map<String, Row> keyed = new HashMap<>();
        for (Row row : rows.collectAsList()) {
            StringBuilder key = new StringBuilder();
            for (String name : keys) {
                key.append(key.isEmpty() ? "" : "|").append(row.<Object>getAs(name));
            }
            keyed.put(key.toString(), row);
        }
        return keyed;
    }
}

package org.zhijian.indicators;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Hand-computed fixtures: every figure below can be checked on paper. */
class TestIndicatorEngine
{
    private static final Map<String, String> NAMES = Map.of("330000", "浙江省", "330100", "杭州市", "330106", "西湖区", "330108", "滨江区", "330200", "宁波市", "330212", "鄞州区");
    private static Map<String, Row> values;

    @BeforeAll
    static void compute()
    {
        SparkSession spark = SharedSpark.session();
        StructType inspectionSchema = new StructType(new StructField[] {field("county_code", DataTypes.StringType), field("city_code", DataTypes.StringType),
                field("date", DataTypes.DateType), field("result", DataTypes.StringType), field("food", DataTypes.BooleanType), field("high_risk", DataTypes.BooleanType)});
        List<Row> batches = new java.util.ArrayList<>();
        // 2024: 西湖 Q1 4 batches (3 passed), Q3 2 (2 passed); 滨江 Q1 2 (1); 鄞州 Q2 5 (5).
        add(batches, "330106", "330100", "2024-02-10", 4, 3);
        add(batches, "330106", "330100", "2024-08-01", 2, 2);
        add(batches, "330108", "330100", "2024-03-05", 2, 1);
        add(batches, "330212", "330200", "2024-05-20", 5, 5);
        // 2025: 西湖 Q1 4 (4); 鄞州 Q1 5 (4); 滨江 nothing.
        add(batches, "330106", "330100", "2025-01-15", 4, 4);
        add(batches, "330212", "330200", "2025-02-15", 5, 4);
        StructType brandSchema = new StructType(new StructField[] {field("county_code", DataTypes.StringType), field("city_code", DataTypes.StringType),
                field("valid_from", DataTypes.DateType), field("valid_until", DataTypes.DateType), field("revoked_on", DataTypes.DateType),
                field("own_ip", DataTypes.BooleanType), field("strategic", DataTypes.BooleanType)});
        List<Row> brands = List.of(
                RowFactory.create("330106", "330100", date("2023-05-01"), date("2026-04-30"), null, true, true),
                RowFactory.create("330106", "330100", date("2024-07-01"), date("2027-06-30"), date("2025-03-01"), false, false),
                RowFactory.create("330212", "330200", date("2022-01-01"), date("2025-01-01"), null, true, false),
                RowFactory.create("330212", "330200", date("2025-12-31"), date("2028-12-30"), null, true, true));
        Map<String, org.apache.spark.sql.Dataset<Row>> facts = new HashMap<>();
        facts.put(Facts.INSPECTIONS, spark.createDataFrame(batches, inspectionSchema));
        facts.put(Facts.BRANDS_VALID, spark.createDataFrame(brands, brandSchema));
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
        values = new HashMap<>();
        for (Row row : new IndicatorEngine(spark, catalogue, NAMES).compute(facts, 2024, 2025).collectAsList()) {
            values.put(row.getString(0) + "|" + row.getString(2) + "|" + row.getString(4), row);
        }
    }

    @Test
    void passRatesRollUpFromCountiesToCitiesToTheProvince()
    {
        assertValue("sampling_pass_rate|330106|2024", 5, 6);
        assertValue("sampling_pass_rate|330108|2024", 1, 2);
        assertValue("sampling_pass_rate|330100|2024", 6, 8);
        assertValue("sampling_pass_rate|330200|2024", 5, 5);
        assertValue("sampling_pass_rate|330000|2024", 11, 13);
        assertValue("sampling_pass_rate|330000|2025", 8, 9);
        assertValue("sampling_pass_rate|330000|2024-Q1", 4, 6);
        assertValue("sampling_pass_rate|330000|2025-02", 4, 5);
        Row province = values.get("sampling_pass_rate|330000|2025");
        assertThat(province.getString(1)).isEqualTo("province");
        assertThat(province.getString(3)).isEqualTo("浙江省");
        assertThat(province.getString(5)).isEqualTo("year");
        assertThat(province.getDouble(10)).isEqualTo(0.95);
        assertThat(province.getString(9)).isEqualTo("ratio");
    }

    @Test
    void aRegionWithoutDataInAPeriodHasNoRowNotZero()
    {
        assertThat(values).doesNotContainKey("sampling_pass_rate|330108|2025");
        assertThat(values).doesNotContainKey("sampling_pass_rate|330000|2024-Q4");
        assertThat(values).containsKey("sampling_pass_rate|330108|2024");
    }

    @Test
    void changesAgainstTheYearBeforeAndThePeriodBefore()
    {
        Row year = values.get("sampling_pass_rate|330000|2025");
        assertThat(year.getDouble(12)).isCloseTo(8.0 / 9 - 11.0 / 13, within(1e-12));
        Row quarter = values.get("sampling_pass_rate|330000|2025-Q1");
        assertThat(quarter.getDouble(12)).isCloseTo(8.0 / 9 - 4.0 / 6, within(1e-12));
        assertThat(quarter.isNullAt(13)).as("2024-Q4 has no batches").isTrue();
        Row month = values.get("sampling_pass_rate|330000|2025-02");
        assertThat(month.getDouble(13)).isCloseTo(4.0 / 5 - 4.0 / 4, within(1e-12));
    }

    @Test
    void statusFollowsTheThresholds()
    {
        assertThat(values.get("sampling_pass_rate|330106|2025").getString(11)).isEqualTo("green");
        assertThat(values.get("sampling_pass_rate|330000|2025").getString(11)).isEqualTo("red");
        assertThat(values.get("sampling_pass_rate|330000|2024-Q1").getString(11)).isEqualTo("red");
        assertThat(values.get("sampling_pass_rate|330200|2024").getString(11)).isEqualTo("green");
    }

    @Test
    void brandsCountWhileValidOnThePeriodsLastDay()
    {
        // 2024-12-31: brands 1, 2 and 3; 2025-12-31: brand 1 and brand 4 (certified that day); 2 was revoked, 3 expired.
        assertValue("valid_brands|330000|2024", 3, null);
        assertValue("valid_brands|330000|2025", 2, null);
        assertValue("valid_brands|330106|2025", 1, null);
        assertValue("valid_brands|330000|2025-Q1", 1, null);
        assertValue("own_ip_brand_share|330000|2024", 2, 3);
        assertValue("strategic_brand_share|330000|2025", 2, 2);
        assertThat(values.get("valid_brands|330000|2025").getDouble(12)).isEqualTo(-1.0);
    }

    private static void assertValue(String key, double numerator, Integer denominator)
    {
        assertThat(values).containsKey(key);
        Row row = values.get(key);
        assertThat(row.getDouble(6)).as(key + " numerator").isEqualTo(numerator);
        if (denominator == null) {
            assertThat(row.isNullAt(7)).isTrue();
            assertThat(row.getDouble(8)).as(key).isEqualTo(numerator);
        }
        else {
            assertThat(row.getDouble(7)).as(key + " denominator").isEqualTo(denominator.doubleValue());
            assertThat(row.getDouble(8)).as(key).isCloseTo(numerator / denominator, within(1e-12));
        }
    }

    @Test
    void batchesOfProducersThatDidNotResolveCountForTheProvinceOnly()
    {
        SparkSession spark = SharedSpark.session();
        StructType schema = new StructType(new StructField[] {field("county_code", DataTypes.StringType), field("city_code", DataTypes.StringType),
                field("date", DataTypes.DateType), field("result", DataTypes.StringType), field("food", DataTypes.BooleanType), field("high_risk", DataTypes.BooleanType)});
        List<Row> batches = new java.util.ArrayList<>();
        add(batches, "330106", "330100", "2025-01-15", 4, 4);
        // A notice's unmatched and ambiguous producers: no county, no city.
        add(batches, null, null, "2025-02-01", 3, 1);
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(Path.of("conf", "indicators.yaml"));
        Map<String, Row> computed = new HashMap<>();
        for (Row row : new IndicatorEngine(spark, catalogue, NAMES).compute(Map.of(Facts.INSPECTIONS, spark.createDataFrame(batches, schema)), 2025, 2025)
                .where("indicator_id = 'sampling_pass_rate' AND period = '2025'").collectAsList()) {
            computed.put(row.getString(2), row);
        }
        assertThat(computed).containsOnlyKeys("330000", "330100", "330106");
        assertThat(computed.get("330106").getDouble(6)).isEqualTo(4.0);
        assertThat(computed.get("330100").getDouble(7)).as("the city holds its county's batches only").isEqualTo(4.0);
        assertThat(computed.get("330000").getDouble(6)).isEqualTo(5.0);
        assertThat(computed.get("330000").getDouble(7)).isEqualTo(7.0);
    }

    private static void add(List<Row> batches, String county, String city, String day, int sampled, int passed)
    {
        for (int i = 0; i < sampled; i++) {
            batches.add(RowFactory.create(county, city, date(day), i < passed ? "合格" : "不合格", false, false));
        }
    }

    private static LocalDate date(String text)
    {
        return LocalDate.parse(text);
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, Metadata.empty());
    }
}

package org.zhijian.indicators;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.year;

/**
 * The breakdown marts reports chart, each for every city and the province: sampling pass rate by
 * product category × quarter, brands by level × year, standards by kind × role × year, and the
 * location quotient of every regional brand's industry cluster.
 */
public final class Breakdowns
{
    public static final String PROVINCE = IndicatorEngine.PROVINCE;

    private final SparkSession spark;
    private final Map<String, String> regionNames;

    public Breakdowns(SparkSession spark, Map<String, String> regionNames)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.regionNames = Map.copyOf(regionNames);
    }

    /** period (2025-Q3), year, category, category_group, region_level, region_code, region_name, batches, passed, failures, pass_rate. */
    public Optional<Dataset<Row>> passRateByCategory(Map<String, Dataset<Row>> facts, int firstYear, int lastYear)
    {
        Dataset<Row> inspections = facts.get(Facts.INSPECTIONS);
        if (inspections == null) {
            return Optional.empty();
        }
        Dataset<Row> cells = inspections.where(year(col("date")).between(firstYear, lastYear))
                .withColumn("period", concat(year(col("date")).cast(DataTypes.StringType), lit("-Q"), quarter(col("date")).cast(DataTypes.StringType)))
                .groupBy(col("period"), col("category"), col("category_group"), col("city_code"))
                .agg(expr("count(*)").as("batches"), expr("count_if(result = '合格')").as("passed"));
        Dataset<Row> withProvince = withProvince(cells, List.of("period", "category", "category_group"), List.of("batches", "passed"));
        return Optional.of(named(withProvince
                .withColumn("year", expr("cast(substring(period, 1, 4) AS INT)"))
                .withColumn("failures", col("batches").minus(col("passed")))
                .withColumn("pass_rate", col("passed").divide(col("batches"))))
                .select(columns("period", "year", "category", "category_group", "region_level", "region_code", "region_name", "batches", "passed", "failures", "pass_rate")));
    }

    /** year, level, region_level, region_code, region_name, valid_brands (on 31 December), new_brands (certified in the year). */
    public Optional<Dataset<Row>> brandsByLevel(Map<String, Dataset<Row>> facts, int firstYear, int lastYear)
    {
        Dataset<Row> valid = facts.get(Facts.BRANDS_VALID);
        Dataset<Row> certified = facts.get(Facts.BRAND_CERTIFICATIONS);
        if (valid == null || certified == null) {
            return Optional.empty();
        }
        Dataset<Row> stock = atYearEnd(valid, firstYear, lastYear).groupBy(col("year"), col("level"), col("city_code")).agg(expr("count(*)").as("valid_brands"));
        Dataset<Row> flow = certified.where(year(col("date")).between(firstYear, lastYear)).withColumn("year", year(col("date")))
                .groupBy(col("year"), col("level"), col("city_code")).agg(expr("count(*)").as("new_brands"));
        Dataset<Row> joined = stock.join(flow, scalaSeq("year", "level", "city_code"), "full_outer").na().fill(0, new String[] {"valid_brands", "new_brands"});
        return Optional.of(named(withProvince(joined, List.of("year", "level"), List.of("valid_brands", "new_brands")))
                .select(columns("year", "level", "region_level", "region_code", "region_name", "valid_brands", "new_brands")));
    }

    /** year, kind, role, region_level, region_code, region_name, in_force (31 December), adopting (IDT/MOD in force), new_standards (effective in the year). */
    public Optional<Dataset<Row>> standardsByKind(Map<String, Dataset<Row>> facts, int firstYear, int lastYear)
    {
        Dataset<Row> inForce = facts.get(Facts.STANDARDS_IN_FORCE);
        Dataset<Row> flows = facts.get(Facts.STANDARDS);
        if (inForce == null || flows == null) {
            return Optional.empty();
        }
        Dataset<Row> stock = atYearEnd(inForce, firstYear, lastYear).groupBy(col("year"), col("kind"), col("role"), col("city_code"))
                .agg(expr("count(*)").as("in_force"), expr("count_if(adoption IN ('IDT', 'MOD'))").as("adopting"));
        Dataset<Row> flow = flows.where(year(col("date")).between(firstYear, lastYear)).withColumn("year", year(col("date")))
                .groupBy(col("year"), col("kind"), col("role"), col("city_code")).agg(expr("count(*)").as("new_standards"));
        Dataset<Row> joined = stock.join(flow, scalaSeq("year", "kind", "role", "city_code"), "full_outer")
                .na().fill(0, new String[] {"in_force", "adopting", "new_standards"});
        return Optional.of(named(withProvince(joined, List.of("year", "kind", "role"), List.of("in_force", "adopting", "new_standards")))
                .select(columns("year", "kind", "role", "region_level", "region_code", "region_name", "in_force", "adopting", "new_standards")));
    }

    /**
     * What a scenario starts from, per year × industry group (strategic emerging or other) × city
     * (and the province): above-scale manufacturing sales revenue, the brand sales of enterprises
     * holding a valid brand, brands valid on 31 December, standards in force on 31 December and
     * those adopting IDT/MOD, and the enterprises reporting finance (a year without any has no base).
     * The same facts and rules as the indicators, so a projection's base year equals the built indicator.
     */
    public Optional<Dataset<Row>> scenarioBase(Map<String, Dataset<Row>> facts, int firstYear, int lastYear)
    {
        Dataset<Row> finance = facts.get(Facts.ENTERPRISE_FINANCE);
        Dataset<Row> brands = facts.get(Facts.BRANDS_VALID);
        Dataset<Row> standards = facts.get(Facts.STANDARDS_IN_FORCE);
        if (finance == null || brands == null || standards == null) {
            return Optional.empty();
        }
        // Each source's own measures with zeros for the others, in one union and one aggregation (no joins).
        Column group = expr("CASE WHEN coalesce(strategic, false) THEN 'strategic' ELSE 'other' END").as("industry_group");
        Column zero = lit(0.0);
        Column none = lit(0L);
        Dataset<Row> money = finance.where(col("year").between(firstYear, lastYear)).select(col("year"), group, col("city_code"),
                expr("CASE WHEN above_scale_manufacturing THEN sales_revenue ELSE 0 END").cast(DataTypes.DoubleType).as("sales_revenue"),
                expr("CASE WHEN holds_valid_brand THEN brand_sales ELSE 0 END").cast(DataTypes.DoubleType).as("brand_sales"),
                lit(1L).as("reporting_enterprises"), none.as("valid_brands"), none.as("standards_in_force"), none.as("standards_adopting"));
        Dataset<Row> valid = atYearEnd(brands, firstYear, lastYear).select(col("year"), group, col("city_code"), zero.as("sales_revenue"), zero.as("brand_sales"),
                none.as("reporting_enterprises"), lit(1L).as("valid_brands"), none.as("standards_in_force"), none.as("standards_adopting"));
        Dataset<Row> inForce = atYearEnd(standards, firstYear, lastYear).select(col("year"), group, col("city_code"), zero.as("sales_revenue"), zero.as("brand_sales"),
                none.as("reporting_enterprises"), none.as("valid_brands"), lit(1L).as("standards_in_force"),
                expr("CASE WHEN adoption IN ('IDT', 'MOD') THEN 1L ELSE 0L END").as("standards_adopting"));
        List<String> measures = List.of("sales_revenue", "brand_sales", "reporting_enterprises", "valid_brands", "standards_in_force", "standards_adopting");
        Column[] sums = measures.stream().map(measure -> expr("sum(" + measure + ")").as(measure)).toArray(Column[]::new);
        Dataset<Row> joined = money.unionByName(valid).unionByName(inForce).groupBy(col("year"), col("industry_group"), col("city_code"))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length));
        return Optional.of(named(withProvince(joined, List.of("year", "industry_group"), measures))
                .select(columns("year", "industry_group", "region_level", "region_code", "region_name", "sales_revenue", "brand_sales", "valid_brands",
                        "standards_in_force", "standards_adopting", "reporting_enterprises")));
    }

    /**
     * For every regional brand valid on 31 December: (county output in the brand's division ÷
     * county output) ÷ (province output in that division ÷ province output), from enterprise
     * output values. Above 1, the county is more specialised in the cluster's industry than the province.
     */
    public Optional<Dataset<Row>> clusterLocationQuotients(Map<String, Dataset<Row>> facts, int firstYear, int lastYear)
    {
        Dataset<Row> brands = facts.get(Facts.BRANDS_VALID);
        Dataset<Row> finance = facts.get(Facts.ENTERPRISE_FINANCE);
        if (brands == null || finance == null) {
            return Optional.empty();
        }
        Dataset<Row> output = finance.where(col("output_value").isNotNull().and(col("year").between(firstYear, lastYear)))
                .select(col("year"), col("county_code"), col("industry_division"), col("output_value").cast(DataTypes.DoubleType).as("output"));
        Dataset<Row> countyDivision = output.groupBy(col("year"), col("county_code"), col("industry_division")).agg(expr("sum(output)").as("county_division_output"));
        Dataset<Row> county = output.groupBy(col("year"), col("county_code")).agg(expr("sum(output)").as("county_output"));
        Dataset<Row> provinceDivision = output.groupBy(col("year"), col("industry_division")).agg(expr("sum(output)").as("province_division_output"));
        Dataset<Row> province = output.groupBy(col("year")).agg(expr("sum(output)").as("province_output"));
        Dataset<Row> regional = atYearEnd(brands.where(col("regional")), firstYear, lastYear)
                .select(col("year"), col("brand_id"), col("brand_name"), col("county_code"), col("city_code"), col("industry_division"));
        Dataset<Row> joined = regional
                .join(countyDivision, scalaSeq("year", "county_code", "industry_division"), "left")
                .join(county, scalaSeq("year", "county_code"), "left")
                .join(provinceDivision, scalaSeq("year", "industry_division"), "left")
                .join(province, scalaSeq("year"), "left")
                .na().fill(0.0, new String[] {"county_division_output"})
                .withColumn("location_quotient", expr("CASE WHEN county_output > 0 AND province_division_output > 0 "
                        + "THEN (county_division_output / county_output) / (province_division_output / province_output) END"));
        Dataset<Row> counties = names().withColumnRenamed("region_code", "county_code").withColumnRenamed("region_name", "county_name");
        return Optional.of(joined.join(broadcast(counties), scalaSeq("county_code"), "left")
                .select(columns("year", "brand_id", "brand_name", "county_code", "county_name", "city_code", "industry_division",
                        "county_division_output", "county_output", "province_division_output", "province_output", "location_quotient")));
    }

    /** Rows of a stock fact table standing on 31 December of each year, with the year. */
    private Dataset<Row> atYearEnd(Dataset<Row> stock, int firstYear, int lastYear)
    {
        List<Row> ends = new ArrayList<>();
        for (int y = firstYear; y <= lastYear; y++) {
            ends.add(RowFactory.create(y, java.time.LocalDate.of(y, 12, 31)));
        }
        Dataset<Row> years = spark.createDataFrame(ends, new StructType(new StructField[] {field("year", DataTypes.IntegerType), field("year_end", DataTypes.DateType)}));
        return stock.join(broadcast(years), col("valid_from").leq(col("year_end"))
                .and(col("valid_until").isNull().or(col("year_end").lt(col("valid_until"))))
                .and(col("revoked_on").isNull().or(col("revoked_on").gt(col("year_end")))));
    }

    /** City rows (region_level city) and their sums as province rows. */
    private static Dataset<Row> withProvince(Dataset<Row> byCity, List<String> keys, List<String> measures)
    {
        Column[] sums = measures.stream().map(measure -> expr("sum(" + measure + ")").as(measure)).toArray(Column[]::new);
        // Rows of no city (a producer that did not resolve) count for the province only.
        Dataset<Row> cities = byCity.where(col("city_code").isNotNull()).withColumnRenamed("city_code", "region_code").withColumn("region_level", lit("city"));
        Dataset<Row> province = byCity.groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
                .withColumn("region_code", lit(PROVINCE)).withColumn("region_level", lit("province"));
        return cities.unionByName(province);
    }

    private Dataset<Row> named(Dataset<Row> rows)
    {
        return rows.join(broadcast(names()), "region_code");
    }

    private Dataset<Row> names()
    {
        return spark.createDataFrame(regionNames.entrySet().stream().map(entry -> RowFactory.create(entry.getKey(), entry.getValue())).toList(),
                new StructType(new StructField[] {field("region_code", DataTypes.StringType), field("region_name", DataTypes.StringType)}));
    }

    private static Column[] columns(String... names)
    {
        return java.util.Arrays.stream(names).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    }

    private static scala.collection.immutable.Seq<String> scalaSeq(String... names)
    {
        return scala.jdk.javaapi.CollectionConverters.asScala(List.of(names)).toSeq();
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, Metadata.empty());
    }
}

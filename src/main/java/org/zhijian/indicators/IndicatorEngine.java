package org.zhijian.indicators;

import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

/**
 * Computes the catalogue's measured indicators from fact tables: numerator and denominator per
 * county and period, rolled up by summing to cities and the province (so a city's figures are
 * its counties' sums), then value, target, status and the changes against the previous period
 * (环比) and the same period a year earlier (同比). Periods without data give no row.
 *
 * <p>Every fact table has county_code and city_code, and by its timing: {@code date} (flow),
 * {@code valid_from}, {@code valid_until}, {@code revoked_on} (stock), or {@code year} (yearly).
 */
public final class IndicatorEngine
{
    public static final String PROVINCE = "330000";

    public static final StructType VALUES = new StructType(new StructField[] {
            field("indicator_id", DataTypes.StringType),
            field("region_level", DataTypes.StringType),
            field("region_code", DataTypes.StringType),
            field("region_name", DataTypes.StringType),
            field("period", DataTypes.StringType),
            field("period_type", DataTypes.StringType),
            field("numerator", DataTypes.DoubleType),
            field("denominator", DataTypes.DoubleType),
            field("value", DataTypes.DoubleType),
            field("unit", DataTypes.StringType),
            field("target", DataTypes.DoubleType),
            field("status", DataTypes.StringType),
            field("yoy_change", DataTypes.DoubleType),
            field("pop_change", DataTypes.DoubleType)});

    private final SparkSession spark;
    private final IndicatorCatalogue catalogue;
    private final Map<String, String> regionNames;

    /**
     * @param regionNames names of the province, cities and counties by code
     */
    public IndicatorEngine(SparkSession spark, IndicatorCatalogue catalogue, Map<String, String> regionNames)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.regionNames = Map.copyOf(regionNames);
    }

    /** Every measured indicator, at every frequency it has, for the periods within the years given. */
    public org.apache.spark.sql.Dataset<Row> compute(Map<Facts, org.apache.spark.sql.Dataset<Row>> facts, int firstYear, int lastYear)
    {
        org.apache.spark.sql.Dataset<Row> names = spark.createDataFrame(regionNames.entrySet().stream()
                .map(entry -> RowFactory.create(entry.getKey(), entry.getValue())).toList(), new StructType(new StructField[] {
                field("region_code", DataTypes.StringType), field("region_name", DataTypes.StringType)}));
        org.apache.spark.sql.Dataset<Row> result = null;
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            if (indicator.special() || !facts.containsKey(factsOf(indicator.numerator()))
                    || indicator.denominatorMeasure().map(denominator -> !facts.containsKey(factsOf(denominator))).orElse(false)) {
                continue;
            }
            for (String frequency : indicator.frequency()) {
                if (!supports(indicator, frequency)) {
                    continue;
                }
                org.apache.spark.sql.Dataset<Row> values = indicator(indicator, frequency, facts, firstYear, lastYear);
                result = result == null ? values : result.unionByName(values);
            }
        }
        if (result == null) {
            return spark.createDataFrame(List.of(), VALUES);
        }
        return result.join(broadcast(names), "region_code").select(java.util.Arrays.stream(VALUES.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    /** Yearly facts have no quarters or months. */
    private static boolean supports(IndicatorCatalogue.Indicator indicator, String frequency)
    {
        boolean yearly = factsOf(indicator.numerator()).timing() == Facts.Timing.YEARLY
                || indicator.denominatorMeasure().map(measure -> factsOf(measure).timing() == Facts.Timing.YEARLY).orElse(false);
        return frequency.equals("year") || !yearly;
    }

    private org.apache.spark.sql.Dataset<Row> indicator(IndicatorCatalogue.Indicator indicator, String frequency, Map<Facts, org.apache.spark.sql.Dataset<Row>> facts, int firstYear, int lastYear)
    {
        List<Periods.Period> periods = Periods.between(frequency, firstYear, lastYear);
        org.apache.spark.sql.Dataset<Row> counties = measure(indicator.numerator(), frequency, periods, facts).withColumnRenamed("measure", "numerator");
        if (indicator.denominator() != null) {
            org.apache.spark.sql.Dataset<Row> denominator = measure(indicator.denominator(), frequency, periods, facts).withColumnRenamed("measure", "denominator");
            // A county with a denominator but no numerator rows has a numerator of 0 (no batch passed); without a denominator it has no value.
            counties = denominator.join(counties, scala.jdk.javaapi.CollectionConverters.asScala(List.of("county_code", "city_code", "period")).toSeq(), "left")
                    .withColumn("numerator", expr("coalesce(numerator, 0D)"));
        }
        else {
            counties = counties.withColumn("denominator", lit(null).cast(DataTypes.DoubleType));
        }
        org.apache.spark.sql.Dataset<Row> levels = counties.select(lit("county").as("region_level"), col("county_code").as("region_code"), col("period"), col("numerator"), col("denominator"))
                .unionByName(counties.groupBy(col("city_code").as("region_code"), col("period")).agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"))
                        .withColumn("region_level", lit("city")))
                .unionByName(counties.groupBy(col("period")).agg(sum("numerator").as("numerator"), sum("denominator").as("denominator"))
                        .withColumn("region_code", lit(PROVINCE)).withColumn("region_level", lit("province")));
        Column value = indicator.denominator() == null ? col("numerator")
                : when(col("denominator").gt(0), col("numerator").divide(col("denominator")).multiply(indicator.scale()));
        org.apache.spark.sql.Dataset<Row> values = levels.withColumn("value", value).where(col("value").isNotNull())
                .withColumn("indicator_id", lit(indicator.id()))
                .withColumn("period_type", lit(frequency))
                .withColumn("unit", lit(indicator.unit()))
                .withColumn("target", lit(indicator.target()).cast(DataTypes.DoubleType))
                .withColumn("status", status(indicator));
        org.apache.spark.sql.Dataset<Row> calendar = spark.createDataFrame(periods.stream().map(period -> RowFactory.create(period.id(), period.previous(), period.yearEarlier())).toList(),
                new StructType(new StructField[] {field("period", DataTypes.StringType), field("previous", DataTypes.StringType), field("year_earlier", DataTypes.StringType)}));
        org.apache.spark.sql.Dataset<Row> withCalendar = values.join(broadcast(calendar), "period");
        org.apache.spark.sql.Dataset<Row> earlier = values.select(col("region_level").as("e_level"), col("region_code").as("e_code"), col("period").as("e_period"), col("value").as("e_value"));
        return withCalendar
                .join(earlier.as("previous"), col("region_level").equalTo(col("previous.e_level")).and(col("region_code").equalTo(col("previous.e_code"))).and(col("previous").equalTo(col("previous.e_period"))), "left")
                .withColumn("pop_change", col("value").minus(col("previous.e_value")))
                .drop("e_level", "e_code", "e_period", "e_value")
                .join(earlier.as("earlier"), col("region_level").equalTo(col("earlier.e_level")).and(col("region_code").equalTo(col("earlier.e_code"))).and(col("year_earlier").equalTo(col("earlier.e_period"))), "left")
                .withColumn("yoy_change", col("value").minus(col("earlier.e_value")))
                .drop("e_level", "e_code", "e_period", "e_value", "previous", "year_earlier");
    }

    /** One measure per county and period. */
    private org.apache.spark.sql.Dataset<Row> measure(IndicatorCatalogue.Measure measure, String frequency, List<Periods.Period> periods, Map<Facts, org.apache.spark.sql.Dataset<Row>> facts)
    {
        Facts source = factsOf(measure);
        org.apache.spark.sql.Dataset<Row> rows = facts.get(source);
        org.apache.spark.sql.Dataset<Row> dated = switch (source.timing()) {
            case FLOW -> rows.withColumn("period", periodOf(col("date"), frequency));
            case YEARLY -> rows.withColumn("period", col("year").cast(DataTypes.StringType));
            case STOCK -> {
                org.apache.spark.sql.Dataset<Row> ends = spark.createDataFrame(periods.stream().map(period -> RowFactory.create(period.id(), period.end())).toList(),
                        new StructType(new StructField[] {field("period", DataTypes.StringType), field("period_end", DataTypes.DateType)}));
                yield rows.join(broadcast(ends), col("valid_from").leq(col("period_end"))
                        .and(col("valid_until").isNull().or(col("period_end").lt(col("valid_until"))))
                        .and(col("revoked_on").isNull().or(col("revoked_on").gt(col("period_end")))));
            }
        };
        List<String> ids = periods.stream().map(Periods.Period::id).toList();
        Column amount = measure.isCount()
                ? expr("sum(CASE WHEN " + measure.condition() + " THEN 1D ELSE 0D END)")
                : expr("sum(CASE WHEN " + measure.condition() + " THEN CAST(" + measure.sum() + " AS DOUBLE) END)");
        return dated.where(col("period").isin(ids.toArray()))
                .groupBy(col("county_code"), col("city_code"), col("period"))
                .agg(amount.as("measure"));
    }

    private static Column periodOf(Column date, String frequency)
    {
        return switch (frequency) {
            case "year" -> year(date).cast(DataTypes.StringType);
            case "quarter" -> concat(year(date).cast(DataTypes.StringType), lit("-Q"), quarter(date).cast(DataTypes.StringType));
            case "month" -> date_format(date, "yyyy-MM");
            default -> throw new IllegalArgumentException("unknown frequency " + frequency);
        };
    }

    private static Column status(IndicatorCatalogue.Indicator indicator)
    {
        if (indicator.thresholds() == null) {
            return lit(null).cast(DataTypes.StringType);
        }
        double green = indicator.thresholds().green();
        double amber = indicator.thresholds().amber();
        Column value = col("value");
        return indicator.higherIsBetter()
                ? when(value.geq(green), "green").when(value.geq(amber), "amber").otherwise("red")
                : when(value.leq(green), "green").when(value.leq(amber), "amber").otherwise("red");
    }

    private static Facts factsOf(IndicatorCatalogue.Measure measure)
    {
        return Facts.forId(measure.facts()).orElseThrow();
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
    }
}

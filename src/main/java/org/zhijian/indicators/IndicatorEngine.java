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
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.quarter;
import static org.apache.spark.sql.functions.substring;
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

    /**
     * Every measured indicator, at every frequency it has, for the periods within the years given.
     * All indicators are computed together in long form: one aggregation per fact table (at its
     * finest frequency; coarser ones from those rows), one roll-up, one pivot into numerator and
     * denominator, two joins for the changes.
     */
    public org.apache.spark.sql.Dataset<Row> compute(Map<String, org.apache.spark.sql.Dataset<Row>> facts, int firstYear, int lastYear)
    {
        // Which measures each fact table needs at each frequency, and which indicator uses them how.
        Map<String, Map<Periods.Kind, Map<String, IndicatorCatalogue.Measure>>> needed = new java.util.TreeMap<>();
        List<Row> roles = new java.util.ArrayList<>();
        List<Row> parameters = new java.util.ArrayList<>();
        for (IndicatorCatalogue.Indicator indicator : catalogue.indicators()) {
            if (indicator.special() || !facts.containsKey(factsOf(indicator.numerator()))
                    || indicator.denominatorMeasure().map(denominator -> !facts.containsKey(factsOf(denominator))).orElse(false)) {
                continue;
            }
            for (Periods.Kind frequency : indicator.kinds()) {
                if (!supports(indicator, frequency)) {
                    continue;
                }
                register(needed, roles, indicator, frequency, "numerator", indicator.numerator());
                if (indicator.denominator() != null) {
                    register(needed, roles, indicator, frequency, "denominator", indicator.denominator());
                }
                // Targets and thresholds per period type: a quarter's case rate is held to a quarter of the yearly target.
                IndicatorCatalogue.Thresholds thresholds = indicator.thresholds(frequency);
                parameters.add(RowFactory.create(indicator.id(), frequency.id(), indicator.unit(), indicator.denominator() != null, indicator.scale(), indicator.target(frequency),
                        thresholds == null ? null : thresholds.green(), thresholds == null ? null : thresholds.amber(), indicator.higherIsBetter()));
            }
        }
        if (roles.isEmpty()) {
            return spark.createDataFrame(List.of(), VALUES);
        }

        // 1. Every measure per county, period type and period, in long form.
        org.apache.spark.sql.Dataset<Row> measures = null;
        // A fact of dates is aggregated once, by month; its quarters and years come from its months
        // (flows summed, stocks at the period's last month end): one pass over the fact instead of
        // one per frequency (the stocks' join with the period ends was most of this step's time).
        for (Map.Entry<String, Map<Periods.Kind, Map<String, IndicatorCatalogue.Measure>>> fact : needed.entrySet()) {
            Facts.Timing timing = catalogue.facts().find(fact.getKey()).orElseThrow().timing();
            // The finest frequency asked for (months, else quarters) is aggregated; the coarser come from it.
            Periods.Kind finest = fact.getValue().containsKey(Periods.Kind.MONTH) ? Periods.Kind.MONTH
                    : fact.getValue().containsKey(Periods.Kind.QUARTER) ? Periods.Kind.QUARTER : Periods.Kind.YEAR;
            org.apache.spark.sql.Dataset<Row> base = null;
            if (timing != Facts.Timing.YEARLY && finest != Periods.Kind.YEAR) {
                Map<String, IndicatorCatalogue.Measure> all = new java.util.TreeMap<>();
                fact.getValue().values().forEach(all::putAll);
                base = measures(fact.getKey(), finest, all, facts.get(fact.getKey()), firstYear, lastYear);
            }
            for (Map.Entry<Periods.Kind, Map<String, IndicatorCatalogue.Measure>> frequency : fact.getValue().entrySet()) {
                org.apache.spark.sql.Dataset<Row> long_ = base == null
                        ? measures(fact.getKey(), frequency.getKey(), frequency.getValue(), facts.get(fact.getKey()), firstYear, lastYear)
                        : coarser(base.where(col("measure_key").isin(frequency.getValue().keySet().toArray())), finest, frequency.getKey(), timing);
                measures = measures == null ? long_ : measures.unionByName(long_);
            }
        }
        // The long form is small (counties × periods × measures). Materialised once, the rest of the
        // plan reads it instead of carrying every fact's aggregation three times over: at scale
        // 0.005 this step took 47 s with 32 indicators over 18 facts, and takes 21 s. (Local: the
        // blocks live in the executors, so an executor lost mid-build fails the build, which can be rerun.)
        measures = measures.localCheckpoint(true);
        // 2. Counties roll up to cities and the province by summing. A fact no county holds (a
        // notice's producer that did not resolve) counts for the province only.
        org.apache.spark.sql.Dataset<Row> levels = measures.where(col("county_code").isNotNull())
                .select(lit("county").as("region_level"), col("county_code").as("region_code"), col("period_type"), col("period"), col("measure_key"), col("amount"))
                .unionByName(measures.where(col("city_code").isNotNull())
                        .groupBy(col("city_code").as("region_code"), col("period_type"), col("period"), col("measure_key")).agg(sum("amount").as("amount"))
                        .withColumn("region_level", lit("city")))
                .unionByName(measures.groupBy(col("period_type"), col("period"), col("measure_key")).agg(sum("amount").as("amount"))
                        .withColumn("region_code", lit(PROVINCE)).withColumn("region_level", lit("province")));
        // 3. Each indicator's numerator and denominator side by side.
        org.apache.spark.sql.Dataset<Row> roleTable = spark.createDataFrame(roles, new StructType(new StructField[] {
                field("indicator_id", DataTypes.StringType), field("period_type", DataTypes.StringType), field("role", DataTypes.StringType), field("measure_key", DataTypes.StringType)}));
        org.apache.spark.sql.Dataset<Row> parameterTable = spark.createDataFrame(parameters, new StructType(new StructField[] {
                field("indicator_id", DataTypes.StringType), field("period_type", DataTypes.StringType), field("unit", DataTypes.StringType),
                field("has_denominator", DataTypes.BooleanType),
                field("scale", DataTypes.DoubleType), field("target", DataTypes.DoubleType), field("green", DataTypes.DoubleType), field("amber", DataTypes.DoubleType),
                field("higher_is_better", DataTypes.BooleanType)}));
        org.apache.spark.sql.Dataset<Row> pairs = levels.join(broadcast(roleTable), scala.jdk.javaapi.CollectionConverters.asScala(List.of("period_type", "measure_key")).toSeq())
                .groupBy(col("indicator_id"), col("region_level"), col("region_code"), col("period_type"), col("period"))
                .agg(expr("sum(CASE WHEN role = 'numerator' THEN amount END)").as("numerator"),
                        expr("sum(CASE WHEN role = 'denominator' THEN amount END)").as("denominator"),
                        expr("max(role = 'denominator')").as("denominator_seen"))
                .join(broadcast(parameterTable), scala.jdk.javaapi.CollectionConverters.asScala(List.of("indicator_id", "period_type")).toSeq());
        // 4. Value (a county with a denominator but no numerator rows has a numerator of 0), target, status.
        Column value = when(not(col("has_denominator")), col("numerator"))
                .when(col("denominator").gt(0), coalesce(col("numerator"), lit(0.0)).divide(col("denominator")).multiply(col("scale")));
        Column status = when(col("green").isNull(), lit(null).cast(DataTypes.StringType))
                .when(col("higher_is_better"), when(col("value").geq(col("green")), "green").when(col("value").geq(col("amber")), "amber").otherwise("red"))
                .otherwise(when(col("value").leq(col("green")), "green").when(col("value").leq(col("amber")), "amber").otherwise("red"));
        org.apache.spark.sql.Dataset<Row> values = pairs
                .withColumn("numerator", when(col("has_denominator"), coalesce(col("numerator"), lit(0.0))).otherwise(col("numerator")))
                .withColumn("value", value)
                .where(col("value").isNotNull())
                .withColumn("status", status);
        // 5. Changes against the previous period and the same period a year earlier.
        List<Row> calendarRows = new java.util.ArrayList<>();
        for (Periods.Kind kind : Periods.Kind.values()) {
            for (Periods.Period period : Periods.between(kind, firstYear, lastYear)) {
                calendarRows.add(RowFactory.create(period.id(), period.previous(), period.yearEarlier()));
            }
        }
        org.apache.spark.sql.Dataset<Row> calendar = spark.createDataFrame(calendarRows,
                new StructType(new StructField[] {field("period", DataTypes.StringType), field("previous", DataTypes.StringType), field("year_earlier", DataTypes.StringType)}));
        org.apache.spark.sql.Dataset<Row> earlier = values.select(col("indicator_id").as("e_indicator"), col("region_level").as("e_level"), col("region_code").as("e_code"),
                col("period").as("e_period"), col("value").as("e_value"));
        org.apache.spark.sql.Dataset<Row> names = spark.createDataFrame(regionNames.entrySet().stream()
                .map(entry -> RowFactory.create(entry.getKey(), entry.getValue())).toList(), new StructType(new StructField[] {
                field("region_code", DataTypes.StringType), field("region_name", DataTypes.StringType)}));
        return values.join(broadcast(calendar), "period")
                .join(earlier.as("p"), col("indicator_id").equalTo(col("p.e_indicator")).and(col("region_level").equalTo(col("p.e_level")))
                        .and(col("region_code").equalTo(col("p.e_code"))).and(col("previous").equalTo(col("p.e_period"))), "left")
                .withColumn("pop_change", col("value").minus(col("p.e_value")))
                .drop("e_indicator", "e_level", "e_code", "e_period", "e_value")
                .join(earlier.as("y"), col("indicator_id").equalTo(col("y.e_indicator")).and(col("region_level").equalTo(col("y.e_level")))
                        .and(col("region_code").equalTo(col("y.e_code"))).and(col("year_earlier").equalTo(col("y.e_period"))), "left")
                .withColumn("yoy_change", col("value").minus(col("y.e_value")))
                .join(broadcast(names), "region_code")
                .select(java.util.Arrays.stream(VALUES.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
    }

    private static void register(Map<String, Map<Periods.Kind, Map<String, IndicatorCatalogue.Measure>>> needed, List<Row> roles,
            IndicatorCatalogue.Indicator indicator, Periods.Kind frequency, String role, IndicatorCatalogue.Measure measure)
    {
        String key = measure.describe();
        // Kinds in the order of their names (month, quarter, year), as the plan has always unioned them.
        needed.computeIfAbsent(factsOf(measure), ignored -> new java.util.TreeMap<>(java.util.Comparator.comparing(Periods.Kind::id)))
                .computeIfAbsent(frequency, ignored -> new java.util.TreeMap<>())
                .put(key, measure);
        roles.add(RowFactory.create(indicator.id(), frequency.id(), role, key));
    }

    /** Yearly facts have no quarters or months. */
    private static boolean supports(IndicatorCatalogue.Indicator indicator, Periods.Kind frequency)
    {
        boolean yearly = indicator.numerator().timing() == Facts.Timing.YEARLY
                || indicator.denominatorMeasure().map(measure -> measure.timing() == Facts.Timing.YEARLY).orElse(false);
        return frequency == Periods.Kind.YEAR || !yearly;
    }

    /** All measures of one fact table at one frequency, per county and period, in one aggregation, in long form. */
    private org.apache.spark.sql.Dataset<Row> measures(String source, Periods.Kind frequency, Map<String, IndicatorCatalogue.Measure> measures,
            org.apache.spark.sql.Dataset<Row> rows, int firstYear, int lastYear)
    {
        List<Periods.Period> periods = Periods.between(frequency, firstYear, lastYear);
        org.apache.spark.sql.Dataset<Row> dated = switch (catalogue.facts().find(source).orElseThrow().timing()) {
            case FLOW -> rows.withColumn("period", periodOf(col("date"), frequency));
            case YEARLY -> rows.withColumn("period", col("year").cast(DataTypes.StringType));
            case STOCK -> {
                org.apache.spark.sql.Dataset<Row> ends = spark.createDataFrame(periods.stream().map(period -> RowFactory.create(period.id(), period.end())).toList(),
                        new StructType(new StructField[] {field("period", DataTypes.StringType), field("period_end", DataTypes.DateType)}));
                yield rows.join(broadcast(ends), col("valid_from").leq(col("period_end"))
                        .and(col("valid_until").isNull().or(col("period_end").lt(col("valid_until"))))
                        .and(col("revoked_on").isNull().or(col("revoked_on").gt(col("period_end")))));
            }
            case VIEW -> throw new IllegalStateException("a view is measured by no indicator: " + source);
        };
        List<Column> aggregates = new java.util.ArrayList<>();
        List<String> keys = new java.util.ArrayList<>(measures.keySet());
        for (int i = 0; i < keys.size(); i++) {
            IndicatorCatalogue.Measure measure = measures.get(keys.get(i));
            aggregates.add((measure.isCount()
                    ? expr("sum(CASE WHEN " + measure.condition() + " THEN 1D ELSE 0D END)")
                    : expr("sum(CASE WHEN " + measure.condition() + " THEN CAST(" + measure.sum() + " AS DOUBLE) END)")).as("m" + i));
        }
        StringBuilder stack = new StringBuilder("stack(").append(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            stack.append(", '").append(keys.get(i).replace("'", "\\'")).append("', m").append(i);
        }
        stack.append(") AS (measure_key, amount)");
        return dated.where(col("period").isin(periods.stream().map(Periods.Period::id).toArray()))
                .groupBy(col("county_code"), col("city_code"), col("period"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                .select(col("county_code"), col("city_code"), col("period"), lit(frequency.id()).as("period_type"), expr(stack.toString()))
                .where(col("amount").isNotNull());
    }

    /**
     * A coarser frequency's long form from a finer one's (months or quarters): a flow's quarter or
     * year is the sum of its parts, a stock's is its last part's (the stock at the same period end).
     */
    private static org.apache.spark.sql.Dataset<Row> coarser(org.apache.spark.sql.Dataset<Row> finer, Periods.Kind from, Periods.Kind to, Facts.Timing timing)
    {
        if (to == from) {
            return finer;
        }
        // Periods are written yyyy-MM and yyyy-Qn.
        Column month = substring(col("period"), 6, 2).cast(DataTypes.IntegerType);
        Column quarter = from == Periods.Kind.MONTH ? ceil(month.divide(3)) : substring(col("period"), 7, 1).cast(DataTypes.IntegerType);
        Column period = to == Periods.Kind.YEAR ? substring(col("period"), 1, 4) : concat(substring(col("period"), 1, 4), lit("-Q"), quarter.cast(DataTypes.StringType));
        if (timing == Facts.Timing.STOCK) {
            Column last = from == Periods.Kind.QUARTER ? quarter.equalTo(4) : to == Periods.Kind.YEAR ? month.equalTo(12) : month.mod(3).equalTo(0);
            return finer.where(last).select(col("county_code"), col("city_code"), period.as("period"), lit(to.id()).as("period_type"), col("measure_key"), col("amount"));
        }
        return finer.groupBy(col("county_code"), col("city_code"), period.as("period"), col("measure_key")).agg(sum("amount").as("amount"))
                .select(col("county_code"), col("city_code"), col("period"), lit(to.id()).as("period_type"), col("measure_key"), col("amount"));
    }

    private static Column periodOf(Column date, Periods.Kind frequency)
    {
        return switch (frequency) {
            case YEAR -> year(date).cast(DataTypes.StringType);
            case QUARTER -> concat(year(date).cast(DataTypes.StringType), lit("-Q"), quarter(date).cast(DataTypes.StringType));
            case MONTH -> date_format(date, "yyyy-MM");
        };
    }


    private static String factsOf(IndicatorCatalogue.Measure measure)
    {
        return measure.facts();
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
    }
}

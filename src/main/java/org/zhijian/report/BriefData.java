package org.zhijian.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.lake.LakeTables;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.Periods;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

/** What a brief shows, read once from one lake snapshot: small tables, collected to the driver. */
public record BriefData(ReportPeriod periods, long snapshot, List<Value> values, Warnings warnings, Optional<Outlook> outlook)
{
    public BriefData(ReportPeriod periods, long snapshot, List<Value> values, Warnings warnings)
    {
        this(periods, snapshot, values, warnings, Optional.empty());
    }

    /**
     * The forecast the summary tells: the province's pass rate next quarter with its 80% range,
     * how many prevention warnings there are, and the strongest of them.
     */
    public record Outlook(String period, double rate, double lower80, double upper80, long prevention, Optional<Prevention> strongest) {}

    /** A prevention warning as the summary tells it: the category, its region, the chance of falling below the threshold. */
    public record Prevention(String category, String regionName, double probability) {}

    /** One row of marts.indicator_values. */
    public record Value(String indicatorId, String period, String level, String regionCode, String regionName, Double numerator, Double denominator,
            double value, String unit, Double target, String status, Double yoyChange, Double popChange) {}

    /**
     * The warnings of the quarters the brief's period overlaps, as the summary tells them: how many
     * of each severity, and the headline one — the red below-threshold warning with the most failed
     * batches (a tiny cell at 0% is statistically red but a poor headline).
     */
    public record Warnings(long red, long amber, Optional<Headline> headline)
    {
        public static final Warnings NONE = new Warnings(0, 0, Optional.empty());

        public long total()
        {
            return red + amber;
        }
    }

    /** The headline warning: where, what, how low. */
    public record Headline(String period, String cityName, String category, double passRate, long failures) {}

    /** The period's and its latest complete year's indicator values, and the warnings of the quarters it overlaps. */
    public static BriefData read(SparkSession spark, Lake lake, Snapshot snapshot, ReportPeriod periods)
    {
        Periods.Period period = periods.period();
        List<Value> values = new ArrayList<>();
        for (Row row : lake.read(spark, snapshot.table(LakeTables.INDICATOR_VALUES).get()).where(col("period").isin(period.id(), String.valueOf(periods.year())))
                .select("indicator_id", "period", "region_level", "region_code", "region_name", "numerator", "denominator", "value", "unit", "target", "status",
                        "yoy_change", "pop_change").collectAsList()) {
            values.add(new Value(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), nullable(row, 5), nullable(row, 6),
                    row.getDouble(7), row.getString(8), nullable(row, 9), row.getString(10), nullable(row, 11), nullable(row, 12)));
        }
        if (values.stream().noneMatch(value -> value.period().equals(period.id()))) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "the lake has no indicator values for " + period.id() + "; build covers the years the data cover");
        }
        Object[] quarters = periods.quarters().stream().map(Periods.Period::id).toArray();
        Warnings warnings = snapshot.table(LakeTables.EARLY_WARNINGS).map(version -> {
            // Counted and ranked by Spark: a year's warnings at scale grow with the data, the summary needs three numbers and one row.
            Dataset<Row> rows = lake.read(spark, version).where(col("period").isin(quarters));
            Row counts = rows.agg(count(when(col("severity").equalTo("red"), true)), count(when(col("severity").equalTo("amber"), true))).first();
            List<Row> top = rows.where(col("kind").equalTo("below_threshold").and(col("severity").equalTo("red")).and(col("pass_rate").isNotNull()))
                    .orderBy(col("failures").desc(), col("pass_rate").asc(), col("warning_id").asc())
                    .select("period", "city_name", "category", "pass_rate", "failures").limit(1).collectAsList();
            Optional<Headline> headline = top.stream().findFirst()
                    .map(row -> new Headline(row.getString(0), row.getString(1), row.getString(2), row.getDouble(3), row.getLong(4)));
            return new Warnings(counts.getLong(0), counts.getLong(1), headline);
        }).orElse(Warnings.NONE);
        Optional<Outlook> outlook = snapshot.table(LakeTables.FORECASTS).flatMap(version -> lake.read(spark, version)
                .where(col("series").equalTo("sampling_pass_rate").and(col("region_level").equalTo("province")).and(col("horizon").equalTo(1)))
                .select("period", "rate_mean", "lower80", "upper80").collectAsList().stream().findFirst())
                .map(row -> {
                    // Counted and ranked by Spark, as the early warnings: the summary needs a number and one row.
                    Optional<Dataset<Row>> prevention = snapshot.table(LakeTables.PREVENTION_WARNINGS).map(version -> lake.read(spark, version));
                    long count = prevention.map(Dataset::count).orElse(0L);
                    Optional<Prevention> strongest = prevention.flatMap(rows -> rows.orderBy(col("severity").equalTo("amber"), col("probability_below").desc(), col("warning_id"))
                            .select("category", "region_name", "probability_below").limit(1).collectAsList().stream().findFirst())
                            .map(top -> new Prevention(top.getString(0), top.getString(1), top.getDouble(2)));
                    return new Outlook(row.getString(0), row.getDouble(1), row.getDouble(2), row.getDouble(3), count, strongest);
                });
        return new BriefData(periods, snapshot.version(), List.copyOf(values), warnings, outlook);
    }

    public Periods.Period period()
    {
        return periods.period();
    }

    /** An indicator's value for a region in the brief's period, or else in its latest complete year. */
    public Optional<Value> value(String indicatorId, String regionCode)
    {
        Optional<Value> value = value(indicatorId, regionCode, period().id());
        return value.isPresent() ? value : value(indicatorId, regionCode, String.valueOf(periods.year()));
    }

    public Optional<Value> value(String indicatorId, String regionCode, String periodId)
    {
        return values.stream().filter(value -> value.indicatorId().equals(indicatorId) && value.regionCode().equals(regionCode) && value.period().equals(periodId))
                .findFirst();
    }

    /** The cities' values of an indicator in the brief's period. */
    public List<Value> cities(String indicatorId)
    {
        return values.stream().filter(value -> value.indicatorId().equals(indicatorId) && value.level().equals("city") && value.period().equals(period().id()))
                .sorted(java.util.Comparator.comparing(Value::regionCode)).toList();
    }

    private static Double nullable(Row row, int index)
    {
        return row.isNullAt(index) ? null : row.getDouble(index);
    }
}

package org.zhijian.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.BuildJob;
import org.zhijian.indicators.Periods;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;

import static org.apache.spark.sql.functions.col;

/** What a brief shows, read once from one lake snapshot: small tables, collected to the driver. */
public record BriefData(Periods.Period period, long snapshot, List<Value> values, List<Warning> warnings)
{
    /** One row of marts.indicator_values. */
    public record Value(String indicatorId, String level, String regionCode, String regionName, Double numerator, Double denominator,
            double value, String unit, Double target, String status, Double yoyChange, Double popChange) {}

    /** One row of warnings.early_warnings. */
    public record Warning(String kind, String severity, String period, String cityName, String category, String enterpriseName,
            Double passRate, long failures, String evidenceZh, String evidenceEn) {}

    public static BriefData read(SparkSession spark, Lake lake, Periods.Period period)
            throws java.io.IOException
    {
        Snapshot snapshot = lake.current();
        if (snapshot.table(BuildJob.INDICATOR_VALUES).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no indicator values; run `zhijian build` first");
        }
        List<Value> values = new ArrayList<>();
        for (Row row : lake.read(spark, snapshot.table(BuildJob.INDICATOR_VALUES).get()).where(col("period").equalTo(period.id()))
                .select("indicator_id", "region_level", "region_code", "region_name", "numerator", "denominator", "value", "unit", "target", "status",
                        "yoy_change", "pop_change").collectAsList()) {
            values.add(new Value(row.getString(0), row.getString(1), row.getString(2), row.getString(3), nullable(row, 4), nullable(row, 5), row.getDouble(6),
                    row.getString(7), nullable(row, 8), row.getString(9), nullable(row, 10), nullable(row, 11)));
        }
        if (values.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "the lake has no indicator values for " + period.id() + "; build covers the years the data cover");
        }
        List<String> quarters = Periods.between("quarter", period.start().getYear(), period.end().getYear()).stream()
                .filter(quarter -> !quarter.end().isBefore(period.start()) && !quarter.start().isAfter(period.end()))
                .map(Periods.Period::id).toList();
        List<Warning> warnings = new ArrayList<>();
        snapshot.table(BuildJob.EARLY_WARNINGS).ifPresent(version -> {
            for (Row row : lake.read(spark, version).where(col("period").isin(quarters.toArray()))
                    .select("kind", "severity", "period", "city_name", "category", "enterprise_name", "pass_rate", "failures", "evidence_zh", "evidence_en").collectAsList()) {
                warnings.add(new Warning(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        nullable(row, 6), row.getLong(7), row.getString(8), row.getString(9)));
            }
        });
        return new BriefData(period, snapshot.version(), List.copyOf(values), List.copyOf(warnings));
    }

    public Optional<Value> value(String indicatorId, String regionCode)
    {
        return values.stream().filter(value -> value.indicatorId().equals(indicatorId) && value.regionCode().equals(regionCode)).findFirst();
    }

    public List<Value> cities(String indicatorId)
    {
        return values.stream().filter(value -> value.indicatorId().equals(indicatorId) && value.level().equals("city"))
                .sorted(java.util.Comparator.comparing(Value::regionCode)).toList();
    }

    private static Double nullable(Row row, int index)
    {
        return row.isNullAt(index) ? null : row.getDouble(index);
    }
}

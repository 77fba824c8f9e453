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
public record BriefData(ReportPeriod periods, long snapshot, List<Value> values, List<Warning> warnings)
{
    /** One row of marts.indicator_values. */
    public record Value(String indicatorId, String period, String level, String regionCode, String regionName, Double numerator, Double denominator,
            double value, String unit, Double target, String status, Double yoyChange, Double popChange) {}

    /** One row of warnings.early_warnings. */
    public record Warning(String kind, String severity, String period, String cityName, String category, String enterpriseName,
            Double passRate, long failures, String evidenceZh, String evidenceEn) {}

    /** The period's and its latest complete year's indicator values, and the warnings of the quarters it overlaps. */
    public static BriefData read(SparkSession spark, Lake lake, Snapshot snapshot, ReportPeriod periods)
    {
        Periods.Period period = periods.period();
        List<Value> values = new ArrayList<>();
        for (Row row : lake.read(spark, snapshot.table(BuildJob.INDICATOR_VALUES).get()).where(col("period").isin(period.id(), String.valueOf(periods.year())))
                .select("indicator_id", "period", "region_level", "region_code", "region_name", "numerator", "denominator", "value", "unit", "target", "status",
                        "yoy_change", "pop_change").collectAsList()) {
            values.add(new Value(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), nullable(row, 5), nullable(row, 6),
                    row.getDouble(7), row.getString(8), nullable(row, 9), row.getString(10), nullable(row, 11), nullable(row, 12)));
        }
        if (values.stream().noneMatch(value -> value.period().equals(period.id()))) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "the lake has no indicator values for " + period.id() + "; build covers the years the data cover");
        }
        List<String> quarters = periods.quarters().stream().map(Periods.Period::id).toList();
        List<Warning> warnings = new ArrayList<>();
        snapshot.table(BuildJob.EARLY_WARNINGS).ifPresent(version -> {
            for (Row row : lake.read(spark, version).where(col("period").isin(quarters.toArray()))
                    .select("kind", "severity", "period", "city_name", "category", "enterprise_name", "pass_rate", "failures", "evidence_zh", "evidence_en").collectAsList()) {
                warnings.add(new Warning(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                        nullable(row, 6), row.getLong(7), row.getString(8), row.getString(9)));
            }
        });
        return new BriefData(periods, snapshot.version(), List.copyOf(values), List.copyOf(warnings));
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

package org.zhijian.indicators.forecast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.indicators.warnings.PreventionWarnings;

/** The forecast tables' schemas (with column comments) and rows: marts.forecasts, marts.forecast_backtest, marts.forecast_accuracy, warnings.prevention. */
public final class ForecastTables
{
    /** How every forecast is made, in one line for the table. */
    public static final String METHOD = "logit level + trend + quarter effects, discounted weighted least squares, pooled to its group; intervals by simulation";

    private static final List<StructField> SERIES = List.of(
            field("series", DataTypes.StringType, "sampling_pass_rate, sampling_pass_rate_food, sampling_pass_rate_high_risk or category"),
            field("category", DataTypes.StringType, "Product category (category series)"),
            field("category_group", DataTypes.StringType, "The category's group (category series)"),
            field("region_level", DataTypes.StringType, "province or city"),
            field("region_code", DataTypes.StringType, "Division code"),
            field("region_name", DataTypes.StringType, "Region name"));

    /** The forecast's quantiles of the share passed, at the batches it assumes. */
    private static final List<StructField> INTERVALS = List.of(
            field("p50", DataTypes.DoubleType, "Median pass rate of the batches assumed"),
            field("lower80", DataTypes.DoubleType, "80% prediction interval, lower"),
            field("upper80", DataTypes.DoubleType, "80% prediction interval, upper"),
            field("lower95", DataTypes.DoubleType, "95% prediction interval, lower"),
            field("upper95", DataTypes.DoubleType, "95% prediction interval, upper"));

    public static final StructType FORECASTS = schema(List.of(
            field("origin", DataTypes.StringType, "The last complete quarter the forecast starts from"),
            field("period", DataTypes.StringType, "The quarter forecast"),
            field("horizon", DataTypes.IntegerType, "Quarters after the origin")), SERIES, INTERVALS, List.of(
            field("expected_batches", DataTypes.LongType, "Batches the interval assumes: the mean of the last four quarters"),
            field("rate_mean", DataTypes.DoubleType, "Mean of the true pass rate"),
            field("threshold", DataTypes.DoubleType, "Amber threshold (conf/warnings.yaml for categories, the catalogue for the others)"),
            field("red_threshold", DataTypes.DoubleType, "Red threshold (categories)"),
            field("probability_below", DataTypes.DoubleType, "Probability the true rate is below the threshold"),
            field("probability_below_red", DataTypes.DoubleType, "Probability the true rate is below the red threshold"),
            field("basis", DataTypes.StringType, "own history, or the group's forecast when the series has too few batches"),
            field("pooled_to", DataTypes.StringType, "The series it is pooled to"),
            field("method", DataTypes.StringType, "How the forecast is made"),
            field("history_from", DataTypes.StringType, "First quarter with sampling"),
            field("history_to", DataTypes.StringType, "Last quarter with sampling up to the origin"),
            field("history_quarters", DataTypes.IntegerType, "Quarters with sampling"),
            field("history_gaps", DataTypes.IntegerType, "Quarters without sampling between the first and the last (not read as zero)"),
            field("history_batches", DataTypes.LongType, "Batches in the history")));

    public static final StructType BACKTEST = schema(List.of(
            field("period", DataTypes.StringType, "The held-out quarter"),
            field("origin", DataTypes.StringType, "The quarter the forecast was made from")), SERIES, List.of(
            field("batches", DataTypes.LongType, "Batches sampled in the held-out quarter (the forecast assumes them)"),
            field("actual", DataTypes.DoubleType, "The pass rate seen")), INTERVALS, List.of(
            field("seasonal_naive", DataTypes.DoubleType, "The same quarter a year before"),
            field("inside80", DataTypes.BooleanType, "The actual rate within the 80% interval"),
            field("inside95", DataTypes.BooleanType, "The actual rate within the 95% interval"),
            field("pit_below", DataTypes.DoubleType, "Forecast probability of a rate under the actual one"),
            field("pit_at_most", DataTypes.DoubleType, "Forecast probability of a rate up to the actual one")));

    public static final StructType ACCURACY = schema(List.of(
            field("series", DataTypes.StringType, "sampling_pass_rate, sampling_pass_rate_food, sampling_pass_rate_high_risk or category (all categories)"),
            field("first_period", DataTypes.StringType, "First held-out quarter"),
            field("last_period", DataTypes.StringType, "Last held-out quarter"),
            field("rows", DataTypes.IntegerType, "Held-out quarters × series"),
            field("coverage80", DataTypes.DoubleType, "Share of actual rates within the 80% interval"),
            field("coverage95", DataTypes.DoubleType, "Share within the 95% interval"),
            field("calibrated80", DataTypes.DoubleType, "Coverage of the 80% interval by the randomised PIT: what it would be without the steps of a few batches"),
            field("calibrated95", DataTypes.DoubleType, "The same for the 95% interval"),
            field("comparable_rows", DataTypes.IntegerType, "Rows with a seasonal-naive forecast"),
            field("mae", DataTypes.DoubleType, "Mean absolute error of P50 (comparable rows)"),
            field("mae_seasonal_naive", DataTypes.DoubleType, "Mean absolute error of the seasonal-naive forecast (same rows)")), List.of(), List.of());

    public static final StructType PREVENTION = schema(List.of(
            field("warning_id", DataTypes.StringType, "kind|quarter|region|category"),
            field("kind", DataTypes.StringType, "forecast_below_threshold"),
            field("severity", DataTypes.StringType, "red or amber"),
            field("period", DataTypes.StringType, "The quarter forecast"),
            field("origin", DataTypes.StringType, "The last complete quarter")), SERIES.subList(1, SERIES.size()), List.of(
            field("rate_mean", DataTypes.DoubleType, "Forecast mean of the true pass rate"),
            field("p50", DataTypes.DoubleType, "Median pass rate of the expected batches"),
            field("lower80", DataTypes.DoubleType, "80% interval, lower"),
            field("upper80", DataTypes.DoubleType, "80% interval, upper"),
            field("expected_batches", DataTypes.LongType, "Batches the interval assumes"),
            field("threshold", DataTypes.DoubleType, "The threshold of its severity"),
            field("probability_below", DataTypes.DoubleType, "Probability the true rate is below it"),
            field("evidence_zh", DataTypes.StringType, "Evidence in Chinese"),
            field("evidence_en", DataTypes.StringType, "Evidence in English")));

    private ForecastTables() {}

    public static List<Row> forecastRows(List<Forecasts.Forecast> forecasts, Map<String, String> names, int minHistoryBatches)
    {
        List<Row> rows = new ArrayList<>();
        for (Forecasts.Forecast f : forecasts) {
            Forecasts.History history = f.history();
            List<Object> values = new ArrayList<>(List.of(Forecasts.period(f.origin()), Forecasts.period(f.quarter()), f.horizon()));
            values.addAll(series(f.key(), names));
            values.addAll(java.util.Arrays.asList(f.p50(), f.lower80(), f.upper80(), f.lower95(), f.upper95(), f.expectedBatches(), f.rateMean(), f.threshold().amber(),
                    f.threshold().red().orElse(null), f.probabilityBelow(), f.probabilityBelowRed().orElse(null),
                    f.own() ? "own history" : "group only: " + history.batches() + " batches in the history, under the minimum of " + minHistoryBatches,
                    f.pooledTo().map(ForecastTables::describe).orElse(null), METHOD, history.first().map(Forecasts::period).orElse(null),
                    history.last().map(Forecasts::period).orElse(null), history.quarters(), history.gaps(), history.batches()));
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    public static List<Row> backtestRows(List<Forecasts.BacktestRow> backtest, Map<String, String> names)
    {
        List<Row> rows = new ArrayList<>();
        for (Forecasts.BacktestRow b : backtest) {
            List<Object> values = new ArrayList<>(List.of(Forecasts.period(b.quarter()), Forecasts.period(b.quarter() - 1)));
            values.addAll(series(b.key(), names));
            values.addAll(java.util.Arrays.asList(b.batches(), b.actual(), b.p50(), b.lower80(), b.upper80(), b.lower95(), b.upper95(), b.seasonalNaive().orElse(null),
                    b.inside80(), b.inside95(), b.below(), b.atMost()));
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    public static List<Row> accuracyRows(List<Forecasts.Accuracy> accuracy, int first, int last)
    {
        return accuracy.stream().map(a -> RowFactory.create(a.series(), Forecasts.period(first), Forecasts.period(last), a.rows(), a.coverage80(), a.coverage95(),
                a.calibrated80(), a.calibrated95(), a.comparable(), nan(a.meanAbsoluteError()), nan(a.naiveMeanAbsoluteError()))).toList();
    }

    public static List<Row> preventionRows(List<PreventionWarnings.Warning> warnings, Map<String, String> names)
    {
        List<Row> rows = new ArrayList<>();
        for (PreventionWarnings.Warning w : warnings) {
            Forecasts.Forecast f = w.forecast();
            List<Object> values = new ArrayList<>(List.of(w.warningId(), PreventionWarnings.KIND, w.severity(), Forecasts.period(f.quarter()), Forecasts.period(f.origin())));
            values.addAll(series(f.key(), names).subList(1, SERIES.size()));
            values.addAll(java.util.Arrays.asList(f.rateMean(), f.p50(), f.lower80(), f.upper80(), f.expectedBatches(), PreventionWarnings.threshold(w),
                    PreventionWarnings.probability(w), w.evidenceZh(), w.evidenceEn()));
            rows.add(RowFactory.create(values.toArray()));
        }
        return rows;
    }

    private static List<Object> series(Forecasts.Key key, Map<String, String> names)
    {
        return java.util.Arrays.asList(key.series(), key.category(), key.group(), key.regionLevel(), key.regionCode(), names.getOrDefault(key.regionCode(), key.regionCode()));
    }

    private static String describe(Forecasts.Key parent)
    {
        String what = parent.category() != null ? "category " + parent.category() : parent.series().equals("group") ? "group " + parent.group() : parent.series();
        return what + " @ " + parent.regionLevel();
    }

    private static Double nan(double value)
    {
        return Double.isNaN(value) ? null : value;
    }

    @SafeVarargs
    private static StructType schema(List<StructField>... parts)
    {
        List<StructField> fields = new ArrayList<>();
        for (List<StructField> part : parts) {
            fields.addAll(part);
        }
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static StructField field(String name, DataType type, String comment)
    {
        Metadata metadata = new MetadataBuilder().putString("comment", comment).build();
        return new StructField(name, type, true, metadata);
    }
}

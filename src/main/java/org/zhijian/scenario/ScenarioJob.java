package org.zhijian.scenario;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.zhijian.lake.LakeTables;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunManifests;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableLayout;
import org.zhijian.lake.TableName;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;

/**
 * `scenario`: projects one or more scenarios from the lake's base year, stores each one's
 * quantiles, target probabilities, sensitivities and goal seek in the lake ({@code scenarios.<name>},
 * {@code scenarios.<name>_targets}, {@code _sensitivity}, {@code _goal_seek}) in one snapshot, and
 * writes one workbook comparing them, in each language asked for.
 */
public final class ScenarioJob
{
    public static final StructType QUANTILES = new StructType()
            .add("scenario", DataTypes.StringType, true, "Scenario name (conf/scenarios/<file>: name)").add("indicator_id", DataTypes.StringType, true, "Indicator projected (conf/indicators.yaml)").add("region_level", DataTypes.StringType, true, "province or city")
            .add("region_code", DataTypes.StringType, true, "Division code (330000 for the province)").add("region_name", DataTypes.StringType, true, "Region name").add("year", DataTypes.IntegerType, true, "Year; the base year holds the actual value")
            .add("p5", DataTypes.DoubleType, true, "5th percentile of the draws").add("p25", DataTypes.DoubleType, true, "25th percentile of the draws").add("p50", DataTypes.DoubleType, true, "Median of the draws").add("p75", DataTypes.DoubleType, true, "75th percentile of the draws")
            .add("p95", DataTypes.DoubleType, true, "95th percentile of the draws").add("mean", DataTypes.DoubleType, true, "Mean of the draws").add("draws", DataTypes.IntegerType, true, "Monte Carlo draws").add("seed", DataTypes.LongType, true, "Random seed");
    public static final StructType TARGETS = new StructType()
            .add("scenario", DataTypes.StringType, true, "Scenario name (conf/scenarios/<file>: name)").add("target", DataTypes.StringType, true, "The target: indicator >= value in year (region)").add("indicator_id", DataTypes.StringType, true, "Indicator projected (conf/indicators.yaml)")
            .add("target_value", DataTypes.DoubleType, true, "The target value").add("year", DataTypes.IntegerType, true, "Year; the base year holds the actual value").add("region_level", DataTypes.StringType, true, "province or city")
            .add("region_code", DataTypes.StringType, true, "Division code (330000 for the province)").add("region_name", DataTypes.StringType, true, "Region name").add("target_region", DataTypes.BooleanType, true, "Whether this row is the target's own region")
            .add("probability", DataTypes.DoubleType, true, "Share of draws meeting the target value in its year").add("p50", DataTypes.DoubleType, true, "Median of the draws");
    public static final StructType SENSITIVITY = new StructType()
            .add("scenario", DataTypes.StringType, true, "Scenario name (conf/scenarios/<file>: name)").add("target", DataTypes.StringType, true, "The target: indicator >= value in year (region)").add("indicator_id", DataTypes.StringType, true, "Indicator projected (conf/indicators.yaml)")
            .add("assumption", DataTypes.StringType, true, "Assumption moved (or shock)").add("industry_group", DataTypes.StringType, true, "strategic, other or all")
            .add("p50_base", DataTypes.DoubleType, true, "Target-year P50 as run").add("p50_low", DataTypes.DoubleType, true, "Target-year P50 with the assumption one sd (or 20%) lower").add("p50_high", DataTypes.DoubleType, true, "Target-year P50 with the assumption one sd (or 20%) higher")
            .add("probability_base", DataTypes.DoubleType, true, "Probability of meeting the target as run").add("probability_low", DataTypes.DoubleType, true, "Probability with the assumption lower").add("probability_high", DataTypes.DoubleType, true, "Probability with the assumption higher");
    public static final StructType GOAL_SEEK = new StructType()
            .add("scenario", DataTypes.StringType, true, "Scenario name (conf/scenarios/<file>: name)").add("target", DataTypes.StringType, true, "The target: indicator >= value in year (region)").add("indicator_id", DataTypes.StringType, true, "Indicator projected (conf/indicators.yaml)")
            .add("lever", DataTypes.StringType, true, "Lever moved: new_brands, brand_sales_growth or adoption_change").add("status", DataTypes.StringType, true, "met, reached, unreachable (within x3) or no_effect").add("factor", DataTypes.DoubleType, true, "Smallest factor on the lever's mean giving an 80% chance")
            .add("lever_base", DataTypes.DoubleType, true, "Lever level as run (new brands: province total a year; rates: weighted averages)").add("lever_needed", DataTypes.DoubleType, true, "Lever level at the factor found").add("probability", DataTypes.DoubleType, true, "Share of draws meeting the target value in its year");

    /** One scenario's run: its file, model, the engine's targets and results. */
    public record Outcome(ScenarioSpec spec, ScenarioModel model, List<ScenarioEngine.Goal> goals, ScenarioEngine.Result result, long durationMs) {}

    public record Result(String runId, BaseYear base, List<Outcome> outcomes, Snapshot snapshot, Map<String, Long> tables, long durationMs)
    {
        /** The scenarios' names joined: baseline, or baseline_vs_brand-push_vs_downturn — the run's folder and file names. */
        public String label()
        {
            return String.join("_vs_", outcomes.stream().map(outcome -> outcome.spec().name()).toList());
        }
    }

    private final SparkSession spark;
    private final ReferenceData reference;
    private final IndicatorCatalogue catalogue;
    private final Consumer<String> progress;

    public ScenarioJob(SparkSession spark, ReferenceData reference, IndicatorCatalogue catalogue, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** Runs every scenario on the same base year (that of the first, or the lake's latest) and publishes their tables in one snapshot. */
    public Result run(String lakeLocation, List<ScenarioSpec> specs, int partitions, LocalDate today, String runId)
            throws IOException
    {
        Lake lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        return RunManifests.locked(lake, runId, "scenario", progress, spark, (startedAt, started) -> {
            Snapshot snapshot = lake.current();
            long reading = System.nanoTime();
            BaseYear base = new BaseYears(spark, reference).read(lake, snapshot, specs.get(0).baseYear(), today);
            progress.accept(String.format(java.util.Locale.ROOT, "  base year %d from lake snapshot %d (%.1f s): %s", base.year(), snapshot.version(),
                    (System.nanoTime() - reading) / 1e9, describe(base)));
            List<Outcome> outcomes = new ArrayList<>();
            for (ScenarioSpec spec : specs) {
                if (spec.baseYear() != null && spec.baseYear() != base.year()) {
                    throw new org.zhijian.config.ConfigException(spec.file() + ": base_year " + spec.baseYear() + " differs from " + base.year()
                            + ", the base year of " + specs.get(0).file().getFileName() + "; scenarios compared side by side start from the same year");
                }
                spec.checkTargets(base.year());
                long began = System.nanoTime();
                ScenarioModel model = ScenarioModel.of(spec, base);
                List<ScenarioEngine.Goal> goals = goals(spec, base);
                progress.accept(String.format(java.util.Locale.ROOT, "  %s: %,d draws × %d years × %d cities%s", spec.name(), spec.draws(), spec.horizon(),
                        base.cities().size(), goals.isEmpty() ? "" : ", " + goals.size() + " targets with sensitivity and goal seek"));
                ScenarioEngine.Result result = new ScenarioEngine(spark, partitions).run(model, spec.draws(), goals, true);
                outcomes.add(new Outcome(spec, model, goals, result, (System.nanoTime() - began) / 1_000_000));
            }
            Lake.Commit commit = lake.begin(runId);
            Map<String, Long> tables = new LinkedHashMap<>();
            for (Outcome outcome : outcomes) {
                String name = outcome.spec().tableName();
                tables.put(LakeTables.scenario(name).toString(), write(commit, LakeTables.scenario(name), QUANTILES, quantileRows(outcome, base)));
                tables.put(LakeTables.scenarioTargets(name).toString(), write(commit, LakeTables.scenarioTargets(name), TARGETS, targetRows(outcome, base)));
                tables.put(LakeTables.scenarioSensitivity(name).toString(), write(commit, LakeTables.scenarioSensitivity(name), SENSITIVITY, sensitivityRows(outcome)));
                tables.put(LakeTables.scenarioGoalSeek(name).toString(), write(commit, LakeTables.scenarioGoalSeek(name), GOAL_SEEK, goalSeekRows(outcome)));
            }
            return lake.commit(commit, published -> new Result(runId, base, outcomes, published, tables, (System.nanoTime() - started) / 1_000_000),
                    result -> manifest(result, startedAt));
        });
    }

    /** The base year's province totals in one line. */
    static String describe(BaseYear base)
    {
        double sales = java.util.Arrays.stream(base.sales()).sum();
        double brandSales = java.util.Arrays.stream(base.brandSales()).sum();
        double brands = java.util.Arrays.stream(base.brands()).sum();
        double strategic = 0;
        for (int k = 0; k < base.cells(); k += 2) {
            strategic += base.brands()[k];
        }
        double standards = java.util.Arrays.stream(base.standards()).sum();
        double adopting = java.util.Arrays.stream(base.adopting()).sum();
        return String.format(java.util.Locale.ROOT, "brand contribution %.1f%%, %,.0f valid brands (%.1f%% strategic, %,.0f 万元 brand sales each), adoption %.1f%% of %,.0f standards",
                sales == 0 ? Double.NaN : brandSales / sales * 100, brands, brands == 0 ? Double.NaN : strategic / brands * 100,
                brands == 0 ? Double.NaN : brandSales / brands, standards == 0 ? Double.NaN : adopting / standards * 100, standards);
    }

    /** The spec's targets as the engine checks them. */
    private List<ScenarioEngine.Goal> goals(ScenarioSpec spec, BaseYear base)
    {
        List<ScenarioEngine.Goal> goals = new ArrayList<>();
        for (ScenarioSpec.Target target : spec.targets()) {
            boolean higher = catalogue.indicator(target.indicator()).map(IndicatorCatalogue.Indicator::higherIsBetter).orElse(true);
            int region = target.region().equals(ScenarioSpec.PROVINCE) ? 0 : base.cities().indexOf(target.region()) + 1;
            goals.add(new ScenarioEngine.Goal(ScenarioSpec.INDICATORS.indexOf(target.indicator()), region, target.year() - base.year(), target.value(), higher));
        }
        return goals;
    }

    /** The region code of the engine's region index: the province, then the cities in order. */
    public static String regionCode(BaseYear base, int region)
    {
        return region == 0 ? ScenarioSpec.PROVINCE : base.cities().get(region - 1);
    }

    /** How a target reads in tables: {@code brand_contribution_rate ≥ 0.35 in 2030}, with the region when it is not the province. */
    public static String label(ScenarioSpec.Target target)
    {
        return target.indicator() + " " + (ScenarioSpec.isRate(target.indicator()) ? "≥ " + target.value() : "≥ " + Math.round(target.value())) + " in " + target.year()
                + (target.region().equals(ScenarioSpec.PROVINCE) ? "" : " (" + target.region() + ")");
    }

    private static List<Row> quantileRows(Outcome outcome, BaseYear base)
    {
        List<Row> rows = new ArrayList<>();
        for (ScenarioEngine.Quantile q : outcome.result().quantiles()) {
            String code = regionCode(base, q.region());
            rows.add(RowFactory.create(outcome.spec().name(), ScenarioSpec.INDICATORS.get(q.indicator()), q.region() == 0 ? "province" : "city", code,
                    base.regionNames().get(code), base.year() + q.year(), q.p5(), q.p25(), q.p50(), q.p75(), q.p95(), q.mean(), outcome.spec().draws(), outcome.spec().seed()));
        }
        return rows;
    }

    private static List<Row> targetRows(Outcome outcome, BaseYear base)
    {
        List<Row> rows = new ArrayList<>();
        for (ScenarioEngine.Chance chance : outcome.result().chances()) {
            ScenarioSpec.Target target = outcome.spec().targets().get(chance.target());
            ScenarioEngine.Goal goal = outcome.goals().get(chance.target());
            String code = regionCode(base, chance.region());
            Double p50 = outcome.result().quantile(goal.indicator(), chance.region(), goal.year()).map(ScenarioEngine.Quantile::p50).orElse(null);
            rows.add(RowFactory.create(outcome.spec().name(), label(target), target.indicator(), target.value(), target.year(), chance.region() == 0 ? "province" : "city",
                    code, base.regionNames().get(code), chance.region() == goal.region(), chance.probability(), p50));
        }
        return rows;
    }

    private static List<Row> sensitivityRows(Outcome outcome)
    {
        List<Row> rows = new ArrayList<>();
        for (ScenarioEngine.Sensitivity sensitivity : outcome.result().sensitivities()) {
            ScenarioSpec.Target target = outcome.spec().targets().get(sensitivity.target());
            ScenarioEngine.Reference reference = outcome.result().references().get(sensitivity.target());
            ScenarioModel.Move move = sensitivity.move();
            rows.add(RowFactory.create(outcome.spec().name(), label(target), target.indicator(), move.assumption() == null ? "shock" : move.assumption().key(),
                    move.group() < 0 ? "all" : ScenarioSpec.GROUPS.get(move.group()), reference.p50(), sensitivity.p50Low(), sensitivity.p50High(),
                    reference.probability(), sensitivity.probabilityLow(), sensitivity.probabilityHigh()));
        }
        return rows;
    }

    private static List<Row> goalSeekRows(Outcome outcome)
    {
        List<Row> rows = new ArrayList<>();
        for (ScenarioEngine.GoalSeek seek : outcome.result().goalSeeks()) {
            ScenarioSpec.Target target = outcome.spec().targets().get(seek.target());
            rows.add(RowFactory.create(outcome.spec().name(), label(target), target.indicator(), seek.lever().key(), seek.status().id(), seek.factor(),
                    outcome.model().level(seek.lever(), 1), seek.status().found() ? outcome.model().level(seek.lever(), seek.factor()) : null,
                    seek.probability()));
        }
        return rows;
    }

    private long write(Lake.Commit commit, TableName name, StructType schema, List<Row> rows)
            throws IOException
    {
        return commit.write(name, spark.createDataFrame(rows, schema), TableLayout.plain().inOneFile(), schema).rows();
    }

    private Map<String, Object> manifest(Result result, String startedAt)
    {
        Map<String, Object> manifest = RunManifests.header(result.runId(), "scenario", "succeeded", 0, "", startedAt, result.durationMs(), spark);
        manifest.put("base_year", result.base().year());
        List<Map<String, Object>> scenarios = new ArrayList<>();
        for (Outcome outcome : result.outcomes()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", outcome.spec().name());
            entry.put("file", outcome.spec().file().toString());
            entry.put("sha256", outcome.spec().sha256());
            entry.put("draws", outcome.spec().draws());
            entry.put("seed", outcome.spec().seed());
            entry.put("horizon", outcome.spec().horizon());
            entry.put("duration_ms", outcome.durationMs());
            scenarios.add(entry);
        }
        manifest.put("scenarios", scenarios);
        manifest.put("tables_written", result.tables());
        manifest.put("snapshot", result.snapshot().version());
        return manifest;
    }
}

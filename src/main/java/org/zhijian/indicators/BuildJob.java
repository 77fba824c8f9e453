package org.zhijian.indicators;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.lake.LakeTables;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.composite.CompositeIndex;
import org.zhijian.indicators.composite.CompositeSettings;
import org.zhijian.indicators.credit.CreditListSettings;
import org.zhijian.indicators.credit.CreditLists;
import org.zhijian.indicators.credit.CreditRatings;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.indicators.forecast.ForecastSettings;
import org.zhijian.indicators.forecast.ForecastTables;
import org.zhijian.indicators.forecast.Forecasts;
import org.zhijian.indicators.forecast.RateModel;
import org.zhijian.indicators.warnings.EarlyWarnings;
import org.zhijian.indicators.warnings.EquipmentWarnings;
import org.zhijian.indicators.warnings.PreventionWarnings;
import org.zhijian.indicators.warnings.WarningSettings;
import org.zhijian.lake.Lake;
import org.zhijian.lake.RunManifests;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableLayout;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.year;

/**
 * `build`: everything reports and exports read, from the staged tables — credit ratings,
 * indicator values, breakdown marts, early warnings and the composite index — for every period
 * the data cover or for one period (whose rows alone are replaced), published under the lake
 * lock in one snapshot with a run manifest.
 */
public final class BuildJob
{
    /** The kind of period a mart holds: years, quarters, or every kind (its period_type column says which). */
    private static final Optional<Periods.Kind> BY_YEAR = Optional.of(Periods.Kind.YEAR);
    private static final Optional<Periods.Kind> BY_QUARTER = Optional.of(Periods.Kind.QUARTER);
    private static final Optional<Periods.Kind> ALL_KINDS = Optional.empty();

    static final StructType WARNINGS = new StructType(new StructField[] {
            field("warning_id", DataTypes.StringType), field("kind", DataTypes.StringType), field("severity", DataTypes.StringType),
            field("period", DataTypes.StringType), field("city_code", DataTypes.StringType), field("city_name", DataTypes.StringType),
            field("category", DataTypes.StringType), field("category_group", DataTypes.StringType), field("credit_code", DataTypes.StringType),
            field("enterprise_name", DataTypes.StringType), field("batches", DataTypes.LongType), field("failures", DataTypes.LongType),
            field("pass_rate", DataTypes.DoubleType), field("wilson_low", DataTypes.DoubleType), field("wilson_high", DataTypes.DoubleType),
            field("threshold", DataTypes.DoubleType), field("baseline_batches", DataTypes.LongType), field("baseline_failures", DataTypes.LongType),
            field("baseline_rate", DataTypes.DoubleType), field("z_statistic", DataTypes.DoubleType),
            field("p_value", DataTypes.DoubleType), field("p_rank", DataTypes.IntegerType), field("tests", DataTypes.IntegerType),
            field("q_value", DataTypes.DoubleType), field("false_discovery_rate", DataTypes.DoubleType),
            field("evidence_zh", DataTypes.StringType), field("evidence_en", DataTypes.StringType)});

    static final StructType EQUIPMENT_WARNINGS = new StructType(new StructField[] {
            field("warning_id", DataTypes.StringType), field("kind", DataTypes.StringType), field("severity", DataTypes.StringType),
            field("period", DataTypes.StringType), field("county_code", DataTypes.StringType), field("county_name", DataTypes.StringType),
            field("city_code", DataTypes.StringType), field("city_name", DataTypes.StringType), field("credit_code", DataTypes.StringType),
            field("enterprise_name", DataTypes.StringType), field("units", DataTypes.LongType), field("count", DataTypes.LongType),
            field("share", DataTypes.DoubleType), field("threshold", DataTypes.DoubleType),
            field("evidence_zh", DataTypes.StringType), field("evidence_en", DataTypes.StringType)});

    static final StructType CREDIT_LISTS = new StructType(new StructField[] {
            field("year", DataTypes.IntegerType), field("list", DataTypes.StringType), field("change", DataTypes.StringType),
            field("credit_code", DataTypes.StringType), field("enterprise_name", DataTypes.StringType), field("county_code", DataTypes.StringType),
            field("county_name", DataTypes.StringType), field("city_code", DataTypes.StringType), field("city_name", DataTypes.StringType),
            field("grade", DataTypes.StringType), field("reason_zh", DataTypes.StringType), field("reason_en", DataTypes.StringType)});

    static final StructType COMPOSITE = new StructType(new StructField[] {
            field("year", DataTypes.IntegerType), field("region_level", DataTypes.StringType), field("region_code", DataTypes.StringType),
            field("region_name", DataTypes.StringType), field("score", DataTypes.DoubleType), field("rank", DataTypes.IntegerType),
            field("peers", DataTypes.IntegerType), field("median_rank", DataTypes.DoubleType), field("rank_p05", DataTypes.DoubleType),
            field("rank_p95", DataTypes.DoubleType), field("sub_scores", DataTypes.createArrayType(new StructType(new StructField[] {
                    field("indicator_id", DataTypes.StringType), field("value", DataTypes.DoubleType),
                    field("normalised", DataTypes.DoubleType), field("weight", DataTypes.DoubleType)})))});

    /** What to build. */
    public record Request(String lake, Optional<Periods.Period> period, LocalDate asOf)
    {
        public Request
        {
            requireNonNull(lake, "lake is null");
            requireNonNull(period, "period is null");
            requireNonNull(asOf, "asOf is null");
        }
    }

    /** The methods of conf/: credit scorecard, warning rules, composite index, forecasts. */
    public record Settings(CreditScorecard scorecard, CreditListSettings creditLists, WarningSettings warnings, CompositeSettings composite, ForecastSettings forecasts)
    {
        public Settings
        {
            requireNonNull(scorecard, "scorecard is null");
            requireNonNull(creditLists, "creditLists is null");
            requireNonNull(warnings, "warnings is null");
            requireNonNull(composite, "composite is null");
            requireNonNull(forecasts, "forecasts is null");
        }

        /** credit_scorecard.yaml, credit_lists.yaml, warnings.yaml, composite_index.yaml and forecasts.yaml of a conf directory. */
        public static Settings load(Path configDirectory, IndicatorCatalogue catalogue)
        {
            CreditScorecard scorecard = CreditScorecard.load(configDirectory.resolve("credit_scorecard.yaml"));
            return new Settings(scorecard, CreditListSettings.load(configDirectory.resolve("credit_lists.yaml"), scorecard),
                    WarningSettings.load(configDirectory.resolve("warnings.yaml")),
                    CompositeSettings.load(configDirectory.resolve("composite_index.yaml"), catalogue),
                    ForecastSettings.load(configDirectory.resolve("forecasts.yaml")));
        }
    }

    /**
     * What was built: the indicator values' rows (and those of the period built), and the rows of
     * every table this build wrote.
     */
    public record Result(String runId, int firstYear, int lastYear, long rows, long rowsWritten, Map<String, Long> tables, Snapshot snapshot, long durationMs) {}

    private final SparkSession spark;
    private final ReferenceData reference;
    private final IndicatorCatalogue catalogue;
    private final Settings settings;
    private final Consumer<String> progress;

    public BuildJob(SparkSession spark, ReferenceData reference, IndicatorCatalogue catalogue, Settings settings, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Result run(Request request, String runId)
            throws IOException
    {
        Lake lake = Lake.open(request.lake(), spark.sparkContext().hadoopConfiguration());
        return RunManifests.locked(lake, runId, "build", progress, spark, (startedAt, started) -> build(request, runId, lake, started, startedAt));
    }

    private Result build(Request request, String runId, Lake lake, long started, String startedAt)
            throws IOException
    {
        Snapshot base = lake.current();
        if (reference.datasets().all().stream().allMatch(dataset -> base.table(LakeTables.staged(dataset.tableName())).isEmpty())) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no staged data; run `zhijian ingest` first");
        }
        FactTables factTables = new FactTables(spark, lake, base, reference, catalogue.facts());
        Map<String, Dataset<Row>> facts = factTables.prepare();
        int[] years = yearRange(facts, catalogue.facts(), request.asOf());
        int firstYear = request.period().map(period -> Math.max(years[0], period.start().getYear() - 1)).orElse(years[0]);
        int lastYear = request.period().map(period -> period.end().getYear()).orElse(years[1]);
        Map<String, String> names = regionNames();
        Outputs outputs = new Outputs(lake, base, lake.begin(runId), runId, request.period());

        progress.accept("  credit ratings " + firstYear + "–" + lastYear);
        Optional<Dataset<Row>> enterprises = factTables.enterprises();
        if (enterprises.isPresent()) {
            Dataset<Row> ratings = new CreditRatings(spark, settings.scorecard()).compute(facts, enterprises.get(), firstYear, lastYear);
            Optional<TableVersion> ratingsVersion = outputs.publish(LakeTables.CREDIT_RATINGS, ratings, "year", BY_YEAR, col("year"), col("credit_code"));
            ratingsVersion.ifPresent(version -> facts.putAll(factTables.ratings(version)));
            if (ratingsVersion.isPresent()) {
                progress.accept("  red and black lists " + firstYear + "–" + lastYear);
                outputs.publish(LakeTables.CREDIT_LISTS, creditLists(lake.read(spark, ratingsVersion.get()), facts, names, firstYear, lastYear), "year", BY_YEAR,
                        col("year"), col("list"), col("change"), col("credit_code"));
            }
        }

        progress.accept("  computing indicators for " + firstYear + "–" + lastYear);
        Dataset<Row> values = new IndicatorEngine(spark, catalogue, names).compute(facts, firstYear, lastYear);
        TableVersion valuesVersion = outputs.publish(LakeTables.INDICATOR_VALUES, values, "period", ALL_KINDS,
                col("indicator_id"), col("period_type"), col("period"), col("region_level"), col("region_code")).orElseThrow();

        progress.accept("  breakdown marts");
        Breakdowns breakdowns = new Breakdowns(spark, names);
        Optional<Dataset<Row>> passRates = breakdowns.passRateByCategory(facts, firstYear, lastYear);
        Optional<TableVersion> passRateVersion = passRates.flatMap(rows -> outputs.publish(LakeTables.PASS_RATE_BY_CATEGORY, rows, "period", BY_QUARTER,
                col("period"), col("region_code"), col("category_group"), col("category")));
        breakdowns.brandsByLevel(facts, firstYear, lastYear).ifPresent(rows -> outputs.publish(LakeTables.BRANDS_BY_LEVEL, rows, "year", BY_YEAR,
                col("year"), col("region_code"), col("level")));
        breakdowns.standardsByKind(facts, firstYear, lastYear).ifPresent(rows -> outputs.publish(LakeTables.STANDARDS_BY_KIND, rows, "year", BY_YEAR,
                col("year"), col("region_code"), col("kind"), col("role")));
        breakdowns.scenarioBase(facts, firstYear, lastYear).ifPresent(rows -> outputs.publish(LakeTables.SCENARIO_BASE, rows, "year", BY_YEAR,
                col("year"), col("region_code"), col("industry_group")));
        breakdowns.clusterLocationQuotients(facts, firstYear, lastYear).ifPresent(rows -> outputs.publish(LakeTables.CLUSTER_LOCATION_QUOTIENT, rows, "year", BY_YEAR,
                col("year"), col("county_code"), col("brand_id")));

        progress.accept("  early warnings");
        if (passRates.isPresent()) {
            outputs.publish(LakeTables.EARLY_WARNINGS, warnings(passRates.get(), facts, enterprises, names, firstYear, lastYear), "period", BY_QUARTER,
                    col("period"), col("severity"), col("kind"), col("warning_id"));
        }

        // Written even without special equipment data (empty), so that the brief's block reads a table that is there.
        Dataset<Row> equipmentWarnings = facts.containsKey(EQUIPMENT_OVERDUE) && facts.containsKey(EQUIPMENT_FAILURES)
                ? equipmentWarnings(lake.read(spark, valuesVersion), facts.get(EQUIPMENT_FAILURES), enterprises, names, firstYear, lastYear)
                : spark.createDataFrame(List.of(), EQUIPMENT_WARNINGS);
        outputs.publish(LakeTables.EQUIPMENT_WARNINGS, equipmentWarnings, "period", BY_QUARTER, col("period"), col("severity"), col("kind"), col("warning_id"));

        if (passRateVersion.isPresent()) {
            forecasts(lake.read(spark, passRateVersion.get()), request, names, outputs);
        }

        progress.accept("  composite index");
        outputs.publish(LakeTables.COMPOSITE_INDEX, composite(lake.read(spark, valuesVersion), names), "year", BY_YEAR,
                col("year"), col("region_level"), col("rank"), col("region_code"));

        Map<String, Long> written = new LinkedHashMap<>();
        for (Map.Entry<String, TableVersion> entry : outputs.commit().changes().entrySet()) {
            written.put(entry.getKey(), entry.getValue().rows());
        }
        long periodRows = request.period().isPresent()
                ? lake.read(spark, valuesVersion).where(col("period").equalTo(request.period().get().id())).count()
                : valuesVersion.rows();
        return lake.commit(outputs.commit(),
                snapshot -> new Result(runId, firstYear, lastYear, valuesVersion.rows(), periodRows, written, snapshot, (System.nanoTime() - started) / 1_000_000),
                result -> manifest(request, result, startedAt));
    }

    // The facts and indicators the special equipment warnings read (conf/facts, conf/indicators.yaml).
    private static final String EQUIPMENT_OVERDUE = "equipment_overdue";
    private static final String EQUIPMENT_FAILURES = "equipment_failures";

    /**
     * The special equipment warnings, from the counties' registered and overdue units at each
     * quarter's end (the indicators equipment_registered and equipment_overdue_count just
     * computed) and the failed inspections of the years built and the one before.
     */
    private Dataset<Row> equipmentWarnings(Dataset<Row> values, Dataset<Row> failed, Optional<Dataset<Row>> enterprises, Map<String, String> names, int firstYear,
            int lastYear)
    {
        List<EquipmentWarnings.CountyQuarter> counties = values.where(col("region_level").equalTo("county").and(col("period_type").equalTo("quarter"))
                        .and(col("indicator_id").isin("equipment_registered", "equipment_overdue_count")))
                .groupBy("region_code", "period")
                .agg(expr("max(CASE WHEN indicator_id = 'equipment_registered' THEN numerator END)").as("registered"),
                        expr("max(CASE WHEN indicator_id = 'equipment_overdue_count' THEN numerator END)").as("overdue"))
                .where(col("registered").isNotNull().and(col("overdue").isNotNull()))
                .collectAsList().stream()
                .map(row -> new EquipmentWarnings.CountyQuarter(row.getString(0), row.getString(1), (long) row.getDouble(2), (long) row.getDouble(3)))
                .toList();
        Dataset<Row> withNames = enterprises.isPresent()
                ? failed.join(enterprises.get().select("credit_code", "enterprise_name"), failed.col("credit_code").equalTo(enterprises.get().col("credit_code")), "left")
                .drop(enterprises.get().col("credit_code"))
                : failed.withColumn("enterprise_name", lit(null).cast(DataTypes.StringType));
        List<EquipmentWarnings.Failure> failures = withNames.where(col("credit_code").isNotNull().and(year(col("date")).between(firstYear - 1, lastYear)))
                .select("credit_code", "enterprise_name", "county_code", "date", "equipment_code").collectAsList().stream()
                .map(row -> new EquipmentWarnings.Failure(row.getString(0), row.getString(1), row.getString(2), row.getLocalDate(3), row.getString(4)))
                .sorted(java.util.Comparator.comparing(EquipmentWarnings.Failure::creditCode).thenComparing(EquipmentWarnings.Failure::date)
                        .thenComparing(EquipmentWarnings.Failure::equipmentCode))
                .toList();
        Set<String> quarters = new java.util.HashSet<>();
        Periods.between(Periods.Kind.QUARTER, firstYear, lastYear).forEach(period -> quarters.add(period.id()));
        List<Row> rows = new ArrayList<>();
        for (EquipmentWarnings.Warning warning : new EquipmentWarnings(settings.warnings().equipment()).evaluate(counties, failures, quarters)) {
            String city = reference.divisions().byCode(warning.countyCode()).flatMap(org.zhijian.reference.Division::parentCode).orElse(null);
            rows.add(RowFactory.create(warning.warningId(), warning.kind(), warning.severity(), warning.period(), warning.countyCode(),
                    names.getOrDefault(warning.countyCode(), warning.countyCode()), city, city == null ? null : names.getOrDefault(city, city), warning.creditCode(),
                    warning.enterpriseName(), warning.units(), warning.count(), warning.share(), warning.threshold(), warning.evidenceZh(), warning.evidenceEn()));
        }
        return spark.createDataFrame(rows, EQUIPMENT_WARNINGS);
    }

    /**
     * Forecasts from the whole pass-rate mart (every quarter the lake holds, up to the last
     * complete one — of the period built, when there is one), their backtest, and the
     * prevention warnings of the next quarter. The tables are replaced whole.
     */
    private void forecasts(Dataset<Row> passRates, Request request, Map<String, String> names, Outputs outputs)
    {
        long began = System.nanoTime();
        // Collected to the driver: a row per category × region × quarter (about 19,000 for ten years), whatever the batches.
        List<Forecasts.Cell> cells = passRates.select("period", "category", "category_group", "region_level", "region_code", "batches", "passed").collectAsList().stream()
                .map(row -> new Forecasts.Cell(Forecasts.quarter(row.getString(0)), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getLong(5), row.getLong(6)))
                .toList();
        // The last quarter that has ended by the as-of day (and by the end of the period built), and has sampling.
        LocalDate end = request.period().map(Periods.Period::end).filter(day -> day.isBefore(request.asOf())).orElse(request.asOf().minusDays(1));
        LocalDate next = end.plusDays(1);
        int complete = RateModel.quarterIndex(next.getYear(), (next.getMonthValue() - 1) / 3 + 1) - 1;
        int origin = cells.stream().mapToInt(Forecasts.Cell::quarter).filter(quarter -> quarter <= complete).max().orElse(Integer.MIN_VALUE);
        if (origin == Integer.MIN_VALUE) {
            progress.accept("  forecasts: no complete quarter with sampling; none written");
            return;
        }
        List<Forecasts.Cell> history = cells.stream().filter(cell -> cell.quarter() <= origin).toList();
        Forecasts forecaster = new Forecasts(settings.forecasts(), reference.categories(), this::threshold);
        List<Forecasts.Forecast> forecasts = forecaster.forecast(history, origin);
        List<Forecasts.BacktestRow> backtest = forecaster.backtest(history, origin);
        Map<String, String> english = new LinkedHashMap<>();
        reference.divisions().cities().forEach(city -> english.put(city.name(), city.englishName()));
        english.put(reference.divisions().province().name(), reference.divisions().province().englishName());
        reference.categories().forEach(category -> english.put(category.name(), category.englishName()));
        List<PreventionWarnings.Warning> prevention = new PreventionWarnings(settings.warnings().prevention(), names, english).evaluate(forecasts);
        int minimum = settings.forecasts().minHistoryBatches();
        outputs.replace(LakeTables.FORECASTS, spark.createDataFrame(ForecastTables.forecastRows(forecasts, names, minimum), ForecastTables.FORECASTS),
                col("series"), col("region_level"), col("region_code"), col("category"), col("horizon"));
        outputs.replace(LakeTables.FORECAST_BACKTEST, spark.createDataFrame(ForecastTables.backtestRows(backtest, names), ForecastTables.BACKTEST),
                col("series"), col("region_level"), col("region_code"), col("category"), col("period"));
        outputs.replace(LakeTables.FORECAST_ACCURACY, spark.createDataFrame(ForecastTables.accuracyRows(Forecasts.accuracy(backtest),
                origin - settings.forecasts().backtestQuarters() + 1, origin), ForecastTables.ACCURACY));
        outputs.replace(LakeTables.PREVENTION_WARNINGS, spark.createDataFrame(ForecastTables.preventionRows(prevention, names), ForecastTables.PREVENTION));
        progress.accept(String.format(java.util.Locale.ROOT, "  forecasts from %s: %,d series, %,d backtest rows, %d prevention warnings (%.1f s)", Forecasts.period(origin),
                forecasts.size() / settings.forecasts().horizon(), backtest.size(), prevention.size(), (System.nanoTime() - began) / 1e9));
    }

    /** A series' thresholds: a category's from conf/warnings.yaml by its group, an aggregate's amber from the catalogue. */
    private Forecasts.Threshold threshold(Forecasts.Key key)
    {
        if (key.series().equals(Forecasts.CATEGORY)) {
            WarningSettings.Levels levels = settings.warnings().thresholdsFor(key.group());
            return new Forecasts.Threshold(levels.amber(), Optional.of(levels.red()));
        }
        IndicatorCatalogue.Thresholds levels = catalogue.indicator(key.series()).map(IndicatorCatalogue.Indicator::thresholds)
                .orElseThrow(() -> new ZhijianException(ZhijianException.Code.FAILURE, "conf/indicators.yaml: " + key.series() + " needs thresholds for its forecast"));
        return new Forecasts.Threshold(levels.amber(), Optional.empty());
    }

    /**
     * The red and black lists of the years built, from every year's ratings (the history before
     * them counts) and the failed batches and cases of the enterprises that could be listed: those
     * ever graded the red or a black grade, or with a case of a black violation.
     */
    private Dataset<Row> creditLists(Dataset<Row> ratings, Map<String, Dataset<Row>> facts, Map<String, String> names, int firstYear, int lastYear)
    {
        CreditListSettings lists = settings.creditLists();
        List<String> grades = new ArrayList<>(lists.black().grades());
        grades.add(lists.red().grade());
        Dataset<Row> cases = facts.containsKey(Facts.CASES) ? facts.get(Facts.CASES).where(col("credit_code").isNotNull()) : null;
        Dataset<Row> candidates = ratings.where(col("grade").isin(grades.toArray())).select("credit_code");
        if (cases != null && !lists.black().violations().isEmpty()) {
            candidates = candidates.union(cases.where(col("violation").isin(lists.black().violations().toArray())).select("credit_code"));
        }
        candidates = candidates.distinct();
        List<CreditLists.Rating> rated = ratings.join(candidates, "credit_code").select("credit_code", "enterprise_name", "county_code", "city_code", "year", "grade")
                .collectAsList().stream()
                .map(row -> new CreditLists.Rating(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getInt(4), row.getString(5))).toList();
        List<CreditLists.Event> events = new ArrayList<>();
        if (facts.containsKey(Facts.INSPECTIONS)) {
            facts.get(Facts.INSPECTIONS).where(col("result").equalTo("不合格")).join(candidates, "credit_code").select("credit_code", "date", "category", "batch_id")
                    .collectAsList().forEach(row -> events.add(new CreditLists.Event(row.getString(0), row.getLocalDate(1), CreditLists.Kind.FAILED_BATCH, row.getString(2), row.getString(3))));
        }
        if (cases != null) {
            cases.join(candidates, "credit_code").select("credit_code", "date", "violation", "case_id")
                    .collectAsList().forEach(row -> events.add(new CreditLists.Event(row.getString(0), row.getLocalDate(1), CreditLists.Kind.CASE, row.getString(2), row.getString(3))));
        }
        List<Row> rows = new ArrayList<>();
        for (CreditLists.Entry entry : new CreditLists(lists).evaluate(rated, events, firstYear, lastYear)) {
            rows.add(RowFactory.create(entry.year(), entry.list(), entry.change().id(), entry.creditCode(), entry.name(), entry.countyCode(),
                    entry.countyCode() == null ? null : names.get(entry.countyCode()), entry.cityCode(), entry.cityCode() == null ? null : names.get(entry.cityCode()),
                    entry.grade(), entry.reasonZh(), entry.reasonEn()));
        }
        return spark.createDataFrame(rows, CREDIT_LISTS);
    }

    /** Warnings from the city rows of the pass-rate mart and the failed batches of known enterprises. */
    private Dataset<Row> warnings(Dataset<Row> passRates, Map<String, Dataset<Row>> facts, Optional<Dataset<Row>> enterprises,
            Map<String, String> names, int firstYear, int lastYear)
    {
        List<EarlyWarnings.Cell> cells = passRates.where(col("region_level").equalTo("city"))
                .select("category", "category_group", "region_code", "period", "batches", "failures").collectAsList().stream()
                .map(row -> new EarlyWarnings.Cell(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getLong(4), row.getLong(5)))
                .toList();
        List<EarlyWarnings.Failure> failures = List.of();
        if (enterprises.isPresent()) {
            Dataset<Row> failed = facts.get(Facts.INSPECTIONS).where(col("result").equalTo("不合格").and(col("credit_code").isNotNull())
                    .and(year(col("date")).between(firstYear - 1, lastYear)));
            // Only enterprises with enough failures in all to reach the threshold are collected: the rest can raise nothing.
            Dataset<Row> candidates = failed.groupBy("credit_code").count()
                    .where(col("count").geq(settings.warnings().repeatedFailures().failures().amber())).select("credit_code");
            failures = failed.join(candidates, "credit_code")
                    .join(enterprises.get().select("credit_code", "enterprise_name"), "credit_code")
                    .select("credit_code", "enterprise_name", "city_code", "date", "category", "batch_id").collectAsList().stream()
                    .map(row -> new EarlyWarnings.Failure(row.getString(0), row.getString(1), row.getString(2), row.getLocalDate(3), row.getString(4), row.getString(5)))
                    .toList();
        }
        Set<String> quarters = new java.util.HashSet<>();
        Periods.between(Periods.Kind.QUARTER, firstYear, lastYear).forEach(period -> quarters.add(period.id()));
        List<Row> rows = new ArrayList<>();
        for (EarlyWarnings.Warning warning : new EarlyWarnings(settings.warnings(), names).evaluate(cells, failures, quarters)) {
            Optional<EarlyWarnings.Test> test = Optional.ofNullable(warning.test());
            rows.add(RowFactory.create(warning.warningId(), warning.kind(), warning.severity(), warning.period(), warning.cityCode(),
                    names.getOrDefault(warning.cityCode(), warning.cityCode()), warning.category(), warning.group(), warning.creditCode(), warning.enterpriseName(),
                    warning.batches(), warning.failures(), warning.passRate(), warning.wilsonLow(), warning.wilsonHigh(), warning.threshold(),
                    warning.baselineBatches(), warning.baselineFailures(), warning.baselineRate(), warning.zStatistic(),
                    test.map(EarlyWarnings.Test::pValue).orElse(null), test.map(EarlyWarnings.Test::rank).orElse(null), test.map(EarlyWarnings.Test::tests).orElse(null),
                    test.map(EarlyWarnings.Test::adjusted).orElse(null), test.map(EarlyWarnings.Test::falseDiscoveryRate).orElse(null), warning.evidenceZh(), warning.evidenceEn()));
        }
        return spark.createDataFrame(rows, WARNINGS);
    }

    /** The composite index of the cities and of the counties, from the yearly indicator values just written. */
    private Dataset<Row> composite(Dataset<Row> values, Map<String, String> names)
    {
        List<String> ids = settings.composite().indicators().stream().map(CompositeSettings.Component::id).toList();
        List<CompositeIndex.Input> inputs = values.where(col("period_type").equalTo(Periods.Kind.YEAR.id()).and(col("region_level").isin("city", "county"))
                        .and(col("indicator_id").isin(ids.toArray())).and(col("value").isNotNull()))
                .select("indicator_id", "region_level", "region_code", "period", "value").collectAsList().stream()
                .map(row -> new CompositeIndex.Input(row.getString(0), row.getString(1), row.getString(2), Integer.parseInt(row.getString(3)), row.getDouble(4)))
                .toList();
        List<Row> rows = new ArrayList<>();
        for (CompositeIndex.Result result : new CompositeIndex(settings.composite(), catalogue).compute(inputs)) {
            List<Row> subScores = result.subScores().stream()
                    .map(sub -> RowFactory.create(sub.indicatorId(), sub.value(), sub.normalised(), sub.weight())).toList();
            rows.add(RowFactory.create(result.year(), result.level(), result.regionCode(), names.getOrDefault(result.regionCode(), result.regionCode()),
                    result.score(), result.rank(), result.peers(), result.medianRank(), result.rankP05(), result.rankP95(),
                    scala.jdk.javaapi.CollectionConverters.asScala(subScores).toSeq()));
        }
        return spark.createDataFrame(rows, COMPOSITE);
    }

    /**
     * The tables of one build, written into new version folders and put into one commit. With a
     * period, a table keyed by that kind of period (a year, a quarter; indicator values by any)
     * gets the new rows of that period and keeps its other rows; other tables stay as they are.
     */
    private final class Outputs
    {
        private final Lake lake;
        private final Snapshot base;
        private final Lake.Commit commit;
        private final String runId;
        private final Optional<Periods.Period> period;

        Outputs(Lake lake, Snapshot base, Lake.Commit commit, String runId, Optional<Periods.Period> period)
        {
            this.lake = lake;
            this.base = base;
            this.commit = commit;
            this.runId = runId;
            this.period = period;
        }

        Lake.Commit commit()
        {
            return commit;
        }

        /** A new version of the whole table, whatever the period built (tables computed from the lake as it stands, such as forecasts). */
        TableVersion replace(TableName name, Dataset<Row> rows, Column... order)
        {
            try {
                return commit.write(name, rows, TableLayout.plain().inOneFileAfterShuffle().sortedWithin(order));
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /**
         * The version the build leaves: new, or the existing one when the period is not of the
         * table's kind ({@code kind}: the kind of period the table holds; empty when it holds every kind).
         */
        Optional<TableVersion> publish(TableName name, Dataset<Row> rows, String periodColumn, Optional<Periods.Kind> kind, Column... order)
        {
            Optional<TableVersion> previous = base.table(name);
            Dataset<Row> table = rows;
            if (period.isPresent()) {
                Periods.Period only = period.get();
                if (kind.isPresent() && kind.get() != only.kind()) {
                    return previous;
                }
                // A yearly table's period column is the year as a number.
                Column key = kind.equals(BY_YEAR) ? lit(only.start().getYear()) : lit(only.id());
                table = rows.where(col(periodColumn).equalTo(key));
                if (previous.isPresent()) {
                    List<String> before = previous.get().columns().stream().map(TableVersion.Column::name).toList();
                    if (!before.equals(List.of(rows.columns()))) {
                        // Rows of two layouts (and two methods) cannot share a table: the whole table is rebuilt once.
                        throw new ZhijianException(ZhijianException.Code.USAGE, name + " was built by an earlier version with other columns; run build without --period once to rebuild it");
                    }
                    table = table.unionByName(lake.read(spark, previous.get()).where(not(col(periodColumn).equalTo(key))));
                }
            }
            // Row groups of about 4 MB: rows are sorted by period first, so a reader asking for one
            // year skips the others' row groups (ratings.credit is ~45 MB at scale 1).
            try {
                return Optional.of(commit.write(name, table, TableLayout.plain().inOneFileAfterShuffle().sortedWithin(order).option("parquet.block.size", String.valueOf(4 << 20))));
            }
            catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * The years the activity data cover (sampling, cases, finance, region economy), up to the
     * as-of year. Brand certifications and standards reach further back; they count as stock.
     */
    private static int[] yearRange(Map<String, Dataset<Row>> facts, Facts catalogue, LocalDate asOf)
    {
        return yearRange(facts, catalogue, asOf, false);
    }

    /** The years of the facts' rows: of sampling, cases, finance and the economy, or with {@code all} of every fact. */
    private static int[] yearRange(Map<String, Dataset<Row>> facts, Facts catalogue, LocalDate asOf, boolean all)
    {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Map.Entry<String, Dataset<Row>> entry : facts.entrySet()) {
            if (!all && !java.util.Set.of(Facts.INSPECTIONS, Facts.CASES, Facts.ENTERPRISE_FINANCE, Facts.REGION_ECONOMY).contains(entry.getKey())) {
                continue;
            }
            Column yearColumn = switch (catalogue.find(entry.getKey()).orElseThrow().timing()) {
                case FLOW -> year(col("date"));
                case YEARLY -> col("year");
                case STOCK, VIEW -> null;
            };
            if (yearColumn == null) {
                continue;
            }
            Row range = entry.getValue().agg(min(yearColumn), max(yearColumn)).first();
            if (!range.isNullAt(0)) {
                first = Math.min(first, ((Number) range.get(0)).intValue());
                last = Math.max(last, ((Number) range.get(1)).intValue());
            }
        }
        if (first == Integer.MAX_VALUE && !all) {
            // Without sampling, cases, finance or the economy, the years are those of whatever facts there are.
            return yearRange(facts, catalogue, asOf, true);
        }
        if (first == Integer.MAX_VALUE) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the staged tables hold no dated rows to build indicators from");
        }
        return new int[] {first, Math.min(last, asOf.getYear())};
    }

    private Map<String, String> regionNames()
    {
        return reference.divisions().names(true);
    }

    private Map<String, Object> manifest(Request request, Result result, String startedAt)
    {
        Map<String, Object> manifest = RunManifests.header(result.runId(), "build", "succeeded", 0, "", startedAt, result.durationMs(), spark);
        manifest.put("settings", Map.of("lake", request.lake(), "period", request.period().map(Periods.Period::id).orElse("all"), "as_of", request.asOf().toString()));
        manifest.put("years", List.of(result.firstYear(), result.lastYear()));
        manifest.put("tables_written", result.tables());
        manifest.put("indicator_values", Map.of("rows", result.rows(), "rows_of_the_period", result.rowsWritten()));
        manifest.put("snapshot", result.snapshot().version());
        return manifest;
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, Metadata.empty());
    }
}

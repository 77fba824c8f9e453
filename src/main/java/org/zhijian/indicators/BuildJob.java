package org.zhijian.indicators;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeLock;
import org.zhijian.lake.RunManifests;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.Division;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.year;

/**
 * `build`: indicator values from the staged tables into {@code marts/indicator_values}, for
 * every period the data cover or for one period (whose rows alone are replaced), published
 * under the lake lock in one snapshot with a run manifest.
 */
public final class BuildJob
{
    public static final TableName INDICATOR_VALUES = TableName.of("marts", "indicator_values");

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

    /** What was built. */
    public record Result(String runId, int firstYear, int lastYear, long rows, long rowsWritten, Snapshot snapshot, long durationMs) {}

    private final SparkSession spark;
    private final ReferenceData reference;
    private final IndicatorCatalogue catalogue;
    private final Consumer<String> progress;

    public BuildJob(SparkSession spark, ReferenceData reference, IndicatorCatalogue catalogue, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Result run(Request request, String runId)
            throws IOException
    {
        long started = System.nanoTime();
        String startedAt = Instant.now().toString();
        Lake lake = Lake.open(request.lake(), spark.sparkContext().hadoopConfiguration());
        try (LakeLock lock = lake.lock(runId, "build", progress)) {
            try {
                return build(request, runId, lake, started, startedAt);
            }
            catch (IOException | RuntimeException e) {
                try {
                    lake.writeRun(runId, RunManifests.header(runId, "build", "failed", e instanceof ZhijianException expected ? expected.code().exitStatus() : 1,
                            String.valueOf(e.getMessage()), startedAt, (System.nanoTime() - started) / 1_000_000, spark));
                }
                catch (IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private Result build(Request request, String runId, Lake lake, long started, String startedAt)
            throws IOException
    {
        Snapshot base = lake.current();
        if (base.table(TableName.of("staged", "inspections")).isEmpty() && base.table(TableName.of("staged", "finance")).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no staged data; run `zhijian ingest` first");
        }
        Map<Facts, org.apache.spark.sql.Dataset<Row>> facts = new FactTables(spark, lake, base, reference).prepare();
        int[] years = yearRange(facts, request.asOf());
        int firstYear = request.period().map(period -> Math.max(years[0], period.start().getYear() - 1)).orElse(years[0]);
        int lastYear = request.period().map(period -> period.end().getYear()).orElse(years[1]);
        progress.accept("  computing indicators for " + firstYear + "–" + lastYear);
        org.apache.spark.sql.Dataset<Row> values = new IndicatorEngine(spark, catalogue, regionNames()).compute(facts, firstYear, lastYear);
        Optional<TableVersion> previous = base.table(INDICATOR_VALUES);
        org.apache.spark.sql.Dataset<Row> table = values;
        if (request.period().isPresent()) {
            String period = request.period().get().id();
            table = values.where(col("period").equalTo(period));
            if (previous.isPresent()) {
                table = table.unionByName(lake.read(spark, previous.get()).where(not(col("period").equalTo(period))));
            }
        }
        Column[] order = {col("indicator_id"), col("period_type"), col("period"), col("region_level"), col("region_code")};
        String folder = lake.newVersionFolder(INDICATOR_VALUES, runId);
        table.repartition(1).sortWithinPartitions(order).write().parquet(new Path(lake.root(), folder).toString());
        Lake.Commit commit = lake.begin(runId);
        TableVersion version = commit.put(INDICATOR_VALUES, folder, List.of(), IndicatorEngine.VALUES.json());
        Snapshot snapshot = lake.commit(commit);
        long written = request.period().isPresent() ? lake.read(spark, version).where(col("period").equalTo(request.period().get().id())).count() : version.rows();
        Result result = new Result(runId, firstYear, lastYear, version.rows(), written, snapshot, (System.nanoTime() - started) / 1_000_000);
        lake.writeRun(runId, manifest(request, result, startedAt));
        return result;
    }

    /**
     * The years the activity data cover (sampling, cases, finance, region economy), up to the
     * as-of year. Brand certifications and standards reach further back; they count as stock.
     */
    private static int[] yearRange(Map<Facts, org.apache.spark.sql.Dataset<Row>> facts, LocalDate asOf)
    {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (Map.Entry<Facts, org.apache.spark.sql.Dataset<Row>> entry : facts.entrySet()) {
            if (!java.util.Set.of(Facts.INSPECTIONS, Facts.CASES, Facts.ENTERPRISE_FINANCE, Facts.REGION_ECONOMY).contains(entry.getKey())) {
                continue;
            }
            Column yearColumn = switch (entry.getKey().timing()) {
                case FLOW -> year(col("date"));
                case YEARLY -> col("year");
                case STOCK -> null;
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
        if (first == Integer.MAX_VALUE) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the staged tables hold no dated rows to build indicators from");
        }
        return new int[] {first, Math.min(last, asOf.getYear())};
    }

    private Map<String, String> regionNames()
    {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(IndicatorEngine.PROVINCE, reference.divisions().province().name());
        for (Division city : reference.divisions().cities()) {
            names.put(city.code(), city.name());
        }
        for (Division county : reference.divisions().counties()) {
            names.put(county.code(), county.name());
        }
        return names;
    }

    private Map<String, Object> manifest(Request request, Result result, String startedAt)
    {
        Map<String, Object> manifest = RunManifests.header(result.runId(), "build", "succeeded", 0, "", startedAt, result.durationMs(), spark);
        manifest.put("settings", Map.of("lake", request.lake(), "period", request.period().map(Periods.Period::id).orElse("all"), "as_of", request.asOf().toString()));
        manifest.put("years", List.of(result.firstYear(), result.lastYear()));
        manifest.put("tables_written", Map.of(INDICATOR_VALUES.toString(), Map.of("rows", result.rows(), "rows_of_the_period", result.rowsWritten())));
        manifest.put("snapshot", result.snapshot().version());
        return manifest;
    }
}

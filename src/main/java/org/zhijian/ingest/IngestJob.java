package org.zhijian.ingest;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.lake.LakeTables;
import org.zhijian.Failpoints;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.PersonalData;
import org.zhijian.lake.RunManifests;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableLayout;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.ReferenceData;
import org.zhijian.schema.ColumnType;
import org.zhijian.schema.Reference;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;

/**
 * `validate` and `ingest`: the same reading and the same rules; ingest then publishes under the
 * lake lock — staged tables (unless the reject gate fails), quarantine, quality metrics — in
 * one snapshot, and writes the run manifest.
 *
 * <p>Reload semantics: a dated or yearly dataset replaces, in staged, every year its load
 * holds (a reload of a period replaces that period only); enterprises, the master data, are
 * merged by credit code. Either way a row's key is never staged twice, so loading the same
 * input again leaves the same rows.
 */
public final class IngestJob
{
    /** How many datasets the driver works on at once: enough to keep two cores busy between small jobs. */
    private static final int PARALLEL_DATASETS = 3;

    /** What to load and how. */
    public record Request(
            String command,
            String input,
            String lake,
            RawFileInspector.Options readOptions,
            LocalDate asOf,
            boolean acceptPilotCreditCodes,
            double rejectGate,
            boolean allowRejects,
            boolean write,
            int maxProblems)
    {
        public Request
        {
            requireNonNull(command, "command is null");
            requireNonNull(input, "input is null");
            requireNonNull(lake, "lake is null");
            requireNonNull(readOptions, "readOptions is null");
            requireNonNull(asOf, "asOf is null");
        }
    }

    /** One timed step of the run, for the manifest. */
    public record Step(String name, long durationMs, long rowsIn, long rowsOut) {}

    /** The gate's verdict: datasets whose reject share passed it, and files refused whole. */
    public record Gate(double threshold, Map<String, Double> failingDatasets, int refusedFiles, boolean allowed)
    {
        public boolean failed()
        {
            return !allowed && (!failingDatasets.isEmpty() || refusedFiles > 0);
        }
    }

    /** Everything a run found and did. */
    public record Result(
            String runId,
            String command,
            RawFileInspector.Inspection inspection,
            Map<SourceDataset, DatasetOutcome> outcomes,
            List<Problem> problems,
            long problemCount,
            Gate gate,
            Optional<Snapshot> snapshot,
            Map<String, TableVersion> tablesWritten,
            List<Step> steps,
            String startedAt,
            long durationMs)
    {
    }

    private final SparkSession spark;
    private final ReferenceData reference;
    private final Consumer<String> progress;

    public IngestJob(SparkSession spark, ReferenceData reference, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Result run(Request request, String runId)
            throws IOException
    {
        Lake lake = Lake.open(request.lake(), spark.sparkContext().hadoopConfiguration());
        if (!request.write()) {
            // validate writes nothing: no lock, no manifest.
            return execute(request, runId, lake, Instant.now().toString(), System.nanoTime());
        }
        return RunManifests.locked(lake, runId, request.command(), progress, spark, Map.of("settings", Map.of("input", request.input(), "lake", request.lake())),
                (startedAt, started) -> {
                    try {
                        return execute(request, runId, lake, startedAt, started);
                    }
                    finally {
                        lake.clearScratch();
                    }
                });
    }

    private Result execute(Request request, String runId, Lake lake, String startedAt, long started)
            throws IOException
    {
        List<Step> steps = Collections.synchronizedList(new ArrayList<>());
        List<org.apache.spark.sql.Dataset<Row>> caches = Collections.synchronizedList(new ArrayList<>());
        try {
            long stepStart = System.nanoTime();
            RawFileInspector inspector = new RawFileInspector(spark.sparkContext().hadoopConfiguration(), reference.headerAliases(), request.readOptions());
            Path input = Lake.path(request.input());
            RawFileInspector.Inspection inspection = inspector.inspect(input);
            steps.add(new Step("inspect", millisSince(stepStart), inspection.files().size() + inspection.problems().size(), inspection.files().size()));
            if (inspection.files().isEmpty() && inspection.problems().isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.FAILURE, "no dataset files in " + input + " (expected names such as enterprises.csv, finance.csv, brands.xlsx, standards.csv, inspections.csv, cases.csv, region_economy.xlsx)");
            }
            Snapshot base = lake.current();
            IngestPipeline pipeline = new IngestPipeline(spark, ValidationReference.of(reference), new IngestPipeline.Settings(runId, request.asOf(), request.acceptPilotCreditCodes()));

            Map<SourceDataset, List<InspectedFile>> filesOf = new java.util.TreeMap<>();
            for (InspectedFile file : inspection.files()) {
                filesOf.computeIfAbsent(file.dataset(), ignored -> new ArrayList<>()).add(file);
            }
            List<SourceDataset> datasets = List.copyOf(filesOf.keySet());
            SourceDataset enterprisesDataset = reference.datasets().get(SourceDataset.ENTERPRISES);
            SourceDataset listsDataset = reference.datasets().get(SourceDataset.ENTERPRISE_LISTS);

            // Datasets are independent but for references to enterprises: read them all at once,
            // check enterprises, then the others at once. Spark runs the concurrent jobs side by side.
            // Files that name producers by name (notices) are read once the register is known.
            List<SourceDataset> resolving = datasets.stream()
                    .filter(dataset -> RowCompletion.namesProducers(dataset) && filesOf.get(dataset).stream().anyMatch(file -> !file.ownLayout())).toList();
            Map<SourceDataset, org.apache.spark.sql.Dataset<Row>> read = Collections.synchronizedMap(new java.util.TreeMap<>());
            java.util.concurrent.atomic.AtomicReference<Optional<ProducerResolver>> producers = new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
            DatasetStep reading = dataset -> {
                long start = System.nanoTime();
                List<InspectedFile> files = filesOf.get(dataset);
                progress.accept("  reading " + dataset.tableName() + " (" + files.size() + (files.size() == 1 ? " file, " : " files, ")
                        + files.stream().mapToInt(file -> file.splits().size()).sum() + " splits)");
                List<RawSplit> splits = files.stream().flatMap(file -> file.splits().stream()).toList();
                read.put(dataset, materialize(lake, request, runId, dataset, pipeline.read(dataset, splits, producers.get()), caches));
                steps.add(new Step("read and check rows: " + dataset.tableName(), millisSince(start), -1, -1));
            };
            inParallel(datasets.stream().filter(dataset -> !resolving.contains(dataset)).toList(), reading);
            Map<SourceDataset, org.apache.spark.sql.Dataset<Row>> validated = Collections.synchronizedMap(new java.util.TreeMap<>());
            Map<SourceDataset, DatasetOutcome> outcomes = Collections.synchronizedMap(new java.util.TreeMap<>());
            Map<SourceDataset, List<Row>> metrics = Collections.synchronizedMap(new java.util.TreeMap<>());
            CrossRowStep crossRow = (dataset, known) -> {
                long start = System.nanoTime();
                IngestPipeline.Validated result = pipeline.crossRowRules(dataset, read.get(dataset), known);
                caches.addAll(result.caches());
                org.apache.spark.sql.Dataset<Row> rows = result.rows();
                DatasetOutcome outcome = outcome(dataset, filesOf.get(dataset), rows);
                outcomes.put(dataset, outcome);
                steps.add(new Step("check keys and references: " + dataset.tableName(), millisSince(start), outcome.read(), outcome.accepted()));
                start = System.nanoTime();
                metrics.put(dataset, qualityMetrics(runId, dataset, rows, outcome));
                steps.add(new Step("quality metrics: " + dataset.tableName(), millisSince(start), outcome.accepted(), metrics.get(dataset).size()));
                validated.put(dataset, rows);
            };
            Optional<TableVersion> stagedEnterprises = base.table(staged(enterprisesDataset));
            // A dataset's references are checked against the rows staged before and those accepted now,
            // so a dataset is checked after those it names: enterprises first, then in waves.
            java.util.function.Function<SourceDataset, Map<Reference, org.apache.spark.sql.Dataset<Row>>> knownOf = dataset -> {
                Map<Reference, org.apache.spark.sql.Dataset<Row>> known = new LinkedHashMap<>();
                for (Reference ref : dataset.references()) {
                    SourceDataset target = reference.datasets().get(ref.dataset());
                    org.apache.spark.sql.Dataset<Row> codes = spark.createDataFrame(List.of(), new StructType(new StructField[] {
                            new StructField("code", DataTypes.StringType, true, org.apache.spark.sql.types.Metadata.empty())}));
                    if (validated.containsKey(target)) {
                        codes = codes.union(acceptedRows(validated.get(target)).select(col(ref.key()).cast(DataTypes.StringType)));
                    }
                    Optional<TableVersion> staged = base.table(staged(target));
                    if (staged.isPresent()) {
                        codes = codes.union(lake.read(spark, staged.get()).select(col(ref.key()).cast(DataTypes.StringType)));
                    }
                    known.put(ref, codes);
                }
                return known;
            };
            if (filesOf.containsKey(enterprisesDataset)) {
                crossRow.run(enterprisesDataset, knownOf.apply(enterprisesDataset));
            }
            List<ProducerMap.Line> producerMap = List.of();
            if (!resolving.isEmpty()) {
                long start = System.nanoTime();
                producerMap = ProducerMap.load(producerMaps(request));
                ProducerResolver register = new ProducerResolver(register(lake, stagedEnterprises, validated.get(enterprisesDataset)),
                        producerMap.stream().map(ProducerMap.Line::mapping).toList(), org.zhijian.reference.AddressResolver.of(reference.divisions()));
                ProducerMap.checkAgainst(producerMap, register);
                producers.set(Optional.of(register));
                steps.add(new Step("producer register", millisSince(start), register.size(), producerMap.size()));
                inParallel(resolving, reading);
            }
            List<SourceDataset> pending = new ArrayList<>(datasets.stream().filter(dataset -> !validated.containsKey(dataset)).toList());
            while (!pending.isEmpty()) {
                List<SourceDataset> ready = pending.stream().filter(dataset -> dataset.references().stream()
                        .map(ref -> reference.datasets().get(ref.dataset())).allMatch(target -> !filesOf.containsKey(target) || validated.containsKey(target))).toList();
                inParallel(ready, dataset -> crossRow.run(dataset, knownOf.apply(dataset)));
                pending.removeAll(ready);
            }
            // Producers of batches that did not resolve go to review; a list's unknown names are quarantined instead.
            // Only ingest writes it: validate does not look for candidates.
            Optional<ProducerReview.Review> review = producers.get().filter(register -> request.write()).map(register -> ProducerReview.of(spark, runId, resolving.stream()
                    .filter(dataset -> dataset.columnNames().contains("producer_name")).collect(java.util.stream.Collectors.toMap(dataset -> dataset, validated::get)), register));
            Gate gate = gate(request, inspection, outcomes);
            List<Problem> problems = new ArrayList<>();
            long problemCount = 0;
            for (Map.Entry<SourceDataset, org.apache.spark.sql.Dataset<Row>> entry : validated.entrySet()) {
                problemCount += outcomes.get(entry.getKey()).byRule().values().stream().mapToLong(Long::longValue).sum();
                if (request.maxProblems() > 0 && problems.size() < request.maxProblems()) {
                    problems.addAll(problems(entry.getValue(), request.maxProblems() - problems.size()));
                }
            }
            long problemTotal = problemCount;
            Map<String, TableVersion> written = new LinkedHashMap<>();
            if (request.write()) {
                stepStart = System.nanoTime();
                Lake.Commit commit = lake.begin(runId);
                Map<String, TableVersion> tables = Collections.synchronizedMap(new java.util.TreeMap<>());
                // The lists set enterprises' flags: staged.enterprises is written again whenever lists are loaded.
                Optional<org.apache.spark.sql.Dataset<Row>> lists = validated.containsKey(listsDataset)
                        ? Optional.of(stagedTable(lake, commit, listsDataset, validated.get(listsDataset)))
                        : commit.base().table(staged(listsDataset)).map(version -> lake.read(spark, version));
                boolean reflag = validated.containsKey(listsDataset) && !validated.containsKey(enterprisesDataset)
                        && commit.base().table(staged(enterprisesDataset)).isPresent();
                List<SourceDataset> writing = new ArrayList<>(datasets);
                if (reflag) {
                    writing.add(enterprisesDataset);
                }
                inParallel(writing, dataset -> {
                    org.apache.spark.sql.Dataset<Row> rows = validated.containsKey(dataset) ? validated.get(dataset)
                            : spark.createDataFrame(List.of(), IngestPipeline.validatedSchema(dataset));
                    if (!gate.failed()) {
                        progress.accept("  writing staged." + dataset.tableName());
                        tables.put(staged(dataset).toString(), writeStaged(lake, commit, dataset, rows, lists));
                    }
                    if (validated.containsKey(dataset)) {
                        tables.put(quarantine(dataset).toString(), writeQuarantine(lake, commit, dataset, rows, outcomes.get(dataset).files(), runId));
                    }
                });
                written.putAll(tables);
                written.put(LakeTables.QUALITY_METRICS.toString(), writeMetrics(lake, commit, metrics, runId));
                if (review.isPresent() && !gate.failed()) {
                    // A file loaded again replaces its own earlier review rows.
                    org.apache.spark.sql.Dataset<Row> rows = review.get().rows();
                    Optional<TableVersion> previous = commit.base().table(LakeTables.PRODUCER_REVIEW);
                    if (previous.isPresent()) {
                        rows = rows.unionByName(lake.read(spark, previous.get()).where(not(col(StagedSchema.SOURCE_FILE).isin(review.get().files().toArray()))));
                    }
                    written.put(LakeTables.PRODUCER_REVIEW.toString(), commit.write(LakeTables.PRODUCER_REVIEW, rows,
                            TableLayout.plain().inOneFile().sortedWithin(col(StagedSchema.SOURCE_FILE), col("first_line")), ProducerReview.SCHEMA));
                }
                steps.add(new Step("write", millisSince(stepStart), outcomes.values().stream().mapToLong(DatasetOutcome::read).sum(),
                        outcomes.values().stream().mapToLong(DatasetOutcome::accepted).sum()));
                Failpoints.reach("ingest.before-commit");
                long commitStart = System.nanoTime();
                return lake.commit(commit, published -> {
                    List<Step> all = new ArrayList<>(steps);
                    all.add(new Step("commit", millisSince(commitStart), written.size(), written.size()));
                    return new Result(runId, request.command(), inspection, new java.util.TreeMap<>(outcomes), problems, problemTotal, gate, Optional.of(published), written,
                            List.copyOf(all), startedAt, millisSince(started));
                }, result -> IngestManifest.of(request, result, spark, gate.failed() ? "rejected_by_gate" : "succeeded",
                        gate.failed() ? ZhijianException.Code.DATA_QUALITY_GATE.exitStatus() : 0, gate.failed() ? "the reject gate failed; staged tables were not changed" : ""));
            }
            return new Result(runId, request.command(), inspection, new java.util.TreeMap<>(outcomes), problems, problemTotal, gate, Optional.empty(), written, List.copyOf(steps), startedAt, millisSince(started));
        }
        finally {
            caches.forEach(org.apache.spark.sql.Dataset::unpersist);
        }
    }

    /** The producer maps a load applies: conf/'s (from the options), then the raw folder's, whose lines win. */
    private static List<java.nio.file.Path> producerMaps(Request request)
    {
        List<java.nio.file.Path> files = new ArrayList<>(request.readOptions().producerMaps());
        if (!request.input().contains("://")) {
            files.add(java.nio.file.Path.of(request.input()).resolve(ProducerMap.FILE_NAME));
        }
        return files;
    }

    /** The enterprise register producers resolve against: staged.enterprises, then this load's accepted enterprises (which win). */
    private List<ProducerResolver.Entry> register(Lake lake, Optional<TableVersion> staged, org.apache.spark.sql.Dataset<Row> loaded)
    {
        List<org.apache.spark.sql.Dataset<Row>> sources = new ArrayList<>();
        if (staged.isPresent()) {
            sources.add(registerColumns(lake.read(spark, staged.get())));
        }
        if (loaded != null) {
            sources.add(registerColumns(acceptedRows(loaded)));
        }
        List<ProducerResolver.Entry> entries = new ArrayList<>();
        for (org.apache.spark.sql.Dataset<Row> source : sources) {
            for (Row row : source.collectAsList()) {
                String former = row.getString(2);
                List<String> formerNames = former == null ? List.of()
                        : java.util.Arrays.stream(former.split("[;；,，、]")).map(String::strip).filter(name -> !name.isEmpty()).toList();
                entries.add(new ProducerResolver.Entry(row.getString(0), row.getString(1), formerNames, row.getString(3), row.getString(4)));
            }
        }
        return entries;
    }

    /** A register's columns for resolution; a staged table from before the register had former names or parents gives none. */
    private static org.apache.spark.sql.Dataset<Row> registerColumns(org.apache.spark.sql.Dataset<Row> enterprises)
    {
        List<String> present = java.util.Arrays.asList(enterprises.columns());
        Column none = org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType);
        return enterprises.select(col("credit_code"), col("name"), present.contains("former_names") ? col("former_names") : none.as("former_names"),
                col("county_code"), present.contains("parent_code") ? col("parent_code") : none.as("parent_code"));
    }

    /**
     * Rows are read and validated once, then kept where the later steps (cross-row rules,
     * counts, metrics, staged, quarantine) read them cheaply: under the lake's _tmp/ for ingest — Parquet,
     * so memory never limits the data size — and in Spark's cache for validate, which writes nothing.
     */
    private org.apache.spark.sql.Dataset<Row> materialize(Lake lake, Request request, String runId, SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows, List<org.apache.spark.sql.Dataset<Row>> caches)
    {
        if (!request.write()) {
            org.apache.spark.sql.Dataset<Row> cached = rows.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
            caches.add(cached);
            return cached;
        }
        return lake.scratch(spark, runId, dataset.tableName(), rows);
    }

    /** One dataset's step, which may read and write. */
    private interface DatasetStep
    {
        void run(SourceDataset dataset)
                throws IOException;
    }

    /** The cross-row rules, outcome and metrics of one dataset. */
    private interface CrossRowStep
    {
        void run(SourceDataset dataset, Map<Reference, org.apache.spark.sql.Dataset<Row>> known)
                throws IOException;
    }

    /** Runs a step for each dataset on a few driver threads and waits; the first failure is rethrown as it was. */
    private static void inParallel(List<SourceDataset> datasets, DatasetStep step)
            throws IOException
    {
        if (datasets.size() <= 1) {
            for (SourceDataset dataset : datasets) {
                step.run(dataset);
            }
            return;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(PARALLEL_DATASETS, datasets.size()));
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (SourceDataset dataset : datasets) {
                futures.add(pool.submit(() -> {
                    step.run(dataset);
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> future : futures) {
                try {
                    future.get();
                }
                catch (java.util.concurrent.ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(e.getCause());
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
    }

    public static TableName staged(SourceDataset dataset)
    {
        return LakeTables.staged(dataset.tableName());
    }

    public static TableName quarantine(SourceDataset dataset)
    {
        return LakeTables.quarantine(dataset.tableName());
    }

    private static org.apache.spark.sql.Dataset<Row> acceptedRows(org.apache.spark.sql.Dataset<Row> rows)
    {
        return rows.where(not(col(IngestPipeline.BLANK)).and(size(col(IngestPipeline.ERRORS)).equalTo(0)));
    }

    private static org.apache.spark.sql.Dataset<Row> rejectedRows(org.apache.spark.sql.Dataset<Row> rows)
    {
        return rows.where(not(col(IngestPipeline.BLANK)).and(size(col(IngestPipeline.ERRORS)).gt(0)));
    }

    private static DatasetOutcome outcome(SourceDataset dataset, List<InspectedFile> files, org.apache.spark.sql.Dataset<Row> rows)
    {
        long accepted = 0;
        long quarantined = 0;
        long blank = 0;
        long mapped = 0;
        for (Row row : rows.groupBy(col(IngestPipeline.BLANK), size(col(IngestPipeline.ERRORS)).equalTo(0).as("ok"), col(IngestPipeline.COUNTY_MAPPED)).count().collectAsList()) {
            long n = row.getLong(3);
            if (row.getBoolean(0)) {
                blank += n;
            }
            else if (row.getBoolean(1)) {
                accepted += n;
                mapped += row.getBoolean(2) ? n : 0;
            }
            else {
                quarantined += n;
            }
        }
        Map<String, Long> byRule = new LinkedHashMap<>();
        if (quarantined > 0) {
            for (Row row : rejectedRows(rows).select(expr("explode(array_distinct(transform(" + IngestPipeline.ERRORS + ", e -> e.rule))) AS rule"))
                    .groupBy("rule").count().collectAsList()) {
                byRule.put(row.getString(0), row.getLong(1));
            }
        }
        // What normalisation changed before validation, per rule and column (files of other layouts than the project's own).
        Map<String, Long> normalised = new LinkedHashMap<>();
        for (Row row : rows.where(not(col(IngestPipeline.BLANK)).and(size(col(IngestPipeline.NORMALISED)).gt(0)))
                .select(explode(col(IngestPipeline.NORMALISED)).as("normalised")).groupBy("normalised").count().orderBy("normalised").collectAsList()) {
            normalised.put(row.getString(0), row.getLong(1));
        }
        // How producers named only by name resolved (files of other layouts; the own layout's given and unlicensed are not counted).
        Map<String, Long> resolved = new LinkedHashMap<>();
        if (dataset.columnNames().contains("match") && files.stream().anyMatch(file -> !file.ownLayout())) {
            for (Row row : acceptedRows(rows).where(not(col("match").isin(ProducerResolver.Match.GIVEN.id(), ProducerResolver.Match.UNLICENSED.id())))
                    .groupBy("match").count().collectAsList()) {
                resolved.put(row.getString(0), row.getLong(1));
            }
        }
        return new DatasetOutcome(dataset, files.stream().map(InspectedFile::fileName).toList(), accepted + quarantined, accepted, quarantined, blank, mapped, byRule,
                normalised, resolved);
    }

    /** Null share per column, distinct keys and date ranges of the accepted rows, plus the run's counts, as long rows. */
    private List<Row> qualityMetrics(String runId, SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows, DatasetOutcome outcome)
    {
        List<Row> result = new ArrayList<>();
        String name = dataset.tableName();
        result.add(metric(runId, name, "rows_read", "", "", outcome.read(), null));
        result.add(metric(runId, name, "rows_accepted", "", "", outcome.accepted(), null));
        result.add(metric(runId, name, "rows_quarantined", "", "", outcome.quarantined(), null));
        result.add(metric(runId, name, "blank_lines", "", "", outcome.blank(), null));
        result.add(metric(runId, name, "reject_share", "", "", outcome.rejectShare(), null));
        result.add(metric(runId, name, "county_codes_mapped", "", "", outcome.countyCodesMapped(), null));
        outcome.byRule().forEach((rule, n) -> result.add(metric(runId, name, "quarantined_by_rule", "", rule, n, null)));
        outcome.normalised().forEach((change, n) -> result.add(metric(runId, name, "normalised", change.substring(change.indexOf(' ') + 1),
                change.substring(0, change.indexOf(' ')), n, null)));
        outcome.resolved().forEach((match, n) -> result.add(metric(runId, name, "resolved", "match", match, n, null)));
        if (outcome.accepted() == 0) {
            return result;
        }
        List<Column> aggregates = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (org.zhijian.schema.Column column : dataset.columns()) {
            aggregates.add(count(col(column.name())));
            labels.add("count:" + column.name());
            if (column.type() == ColumnType.DATE || column.type() == ColumnType.YEAR) {
                aggregates.add(min(col(column.name())).cast("string"));
                labels.add("min:" + column.name());
                aggregates.add(max(col(column.name())).cast("string"));
                labels.add("max:" + column.name());
            }
        }
        Column[] keys = dataset.keyColumns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        aggregates.add(countDistinct(struct(keys)));
        labels.add("distinct_keys");
        Row values = acceptedRows(rows).agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new)).first();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label.startsWith("count:")) {
                long nonNull = values.getLong(i);
                result.add(metric(runId, name, "null_share", label.substring(6), "", 1.0 - (double) nonNull / outcome.accepted(), null));
            }
            else if (label.startsWith("min:")) {
                result.add(metric(runId, name, "min", label.substring(4), "", null, values.getString(i)));
            }
            else if (label.startsWith("max:")) {
                result.add(metric(runId, name, "max", label.substring(4), "", null, values.getString(i)));
            }
            else {
                result.add(metric(runId, name, "distinct_keys", String.join(",", dataset.keyColumns()), "", values.getLong(i), null));
            }
        }
        return result;
    }

    private static Row metric(String runId, String dataset, String metric, String column, String rule, Number value, String text)
    {
        return RowFactory.create(runId, dataset, metric, column, rule, value == null ? null : value.doubleValue(), text);
    }

    static final StructType METRICS_SCHEMA = new StructType(new StructField[] {
            StagedSchema.field("run_id", DataTypes.StringType, "", "Ingest run"),
            StagedSchema.field("dataset", DataTypes.StringType, "", "Raw dataset"),
            StagedSchema.field("metric", DataTypes.StringType, "", "rows_read, rows_accepted, rows_quarantined, blank_lines, reject_share, county_codes_mapped, quarantined_by_rule, normalised, resolved, null_share, distinct_keys, min, max"),
            StagedSchema.field("column", DataTypes.StringType, "", "Column the metric is about, if any"),
            StagedSchema.field("rule", DataTypes.StringType, "", "Rule id, for quarantined_by_rule and normalised (norm.space, norm.width, norm.case, norm.date, norm.unit, norm.industry); the match, for resolved"),
            StagedSchema.field("value", DataTypes.DoubleType, "", "Numeric value (shares are fractions)"),
            StagedSchema.field("text", DataTypes.StringType, "", "Text value (min and max dates)")});

    private Gate gate(Request request, RawFileInspector.Inspection inspection, Map<SourceDataset, DatasetOutcome> outcomes)
    {
        Map<String, Double> failing = new LinkedHashMap<>();
        for (DatasetOutcome outcome : outcomes.values()) {
            if (outcome.rejectShare() > request.rejectGate()) {
                failing.put(outcome.dataset().tableName(), outcome.rejectShare());
            }
        }
        return new Gate(request.rejectGate(), failing, inspection.problems().size(), request.allowRejects());
    }

    private static List<Problem> problems(org.apache.spark.sql.Dataset<Row> rows, int limit)
    {
        List<Problem> problems = new ArrayList<>();
        org.apache.spark.sql.Dataset<Row> exploded = rejectedRows(rows)
                .select(col(StagedSchema.SOURCE_FILE), col(StagedSchema.SOURCE_LINE), expr("posexplode(" + IngestPipeline.ERRORS + ") AS (position, error)"))
                .orderBy(col(StagedSchema.SOURCE_FILE), col(StagedSchema.SOURCE_LINE), col("position"))
                .limit(limit);
        for (Row row : exploded.collectAsList()) {
            Row error = row.getStruct(3);
            problems.add(new Problem(row.getString(0), row.getLong(1), error.getString(0), error.getString(1), error.getString(2), error.getString(3)));
        }
        return problems;
    }

    private TableVersion writeStaged(Lake lake, Lake.Commit commit, SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows,
            Optional<org.apache.spark.sql.Dataset<Row>> lists)
            throws IOException
    {
        TableName name = staged(dataset);
        StructType schema = StagedSchema.staged(dataset);
        org.apache.spark.sql.Dataset<Row> table = stagedTable(lake, commit, dataset, rows);
        if (dataset.is(SourceDataset.ENTERPRISES) && lists.isPresent()) {
            table = EnterpriseLists.flag(table, lists.get());
        }
        Optional<String> partition = StagedSchema.partitionColumn(dataset);
        Column[] sortKeys = java.util.stream.Stream.concat(partition.stream(), dataset.keyColumns().stream()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        // No shuffle: each task writes its rows grouped by year, sorted by key within each file.
        return commit.write(name, table, TableLayout.plain().partitionedBy(partition).sortedWithin(sortKeys), schema);
    }

    /** A table staged before its dataset gained columns, with those columns empty. */
    private static org.apache.spark.sql.Dataset<Row> withColumnsOf(org.apache.spark.sql.Dataset<Row> table, StructType schema)
    {
        List<String> present = java.util.Arrays.asList(table.columns());
        for (StructField field : schema.fields()) {
            if (!present.contains(field.name())) {
                table = table.withColumn(field.name(), org.apache.spark.sql.functions.lit(null).cast(field.dataType()));
            }
        }
        return table;
    }

    /** What staged holds after this load: its accepted rows, and the earlier rows it does not replace (their years, or their keys). */
    private org.apache.spark.sql.Dataset<Row> stagedTable(Lake lake, Lake.Commit commit, SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows)
            throws IOException
    {
        TableName name = staged(dataset);
        StructType schema = StagedSchema.staged(dataset);
        Column[] columns = java.util.Arrays.stream(schema.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        org.apache.spark.sql.Dataset<Row> accepted = acceptedRows(rows).select(columns);
        Optional<String> partition = StagedSchema.partitionColumn(dataset);
        Optional<TableVersion> previous = commit.base().table(name);
        org.apache.spark.sql.Dataset<Row> table = accepted;
        if (previous.isPresent()) {
            org.apache.spark.sql.Dataset<Row> old = withColumnsOf(lake.read(spark, previous.get()), schema).select(columns);
            if (partition.isPresent()) {
                List<Object> years = accepted.select(partition.get()).distinct().collectAsList().stream().map(row -> row.get(0)).toList();
                if (!years.isEmpty()) {
                    old = old.where(not(col(partition.get()).isin(years.toArray())));
                }
            }
            org.apache.spark.sql.Dataset<Row> newKeys = accepted.select(dataset.keyColumns().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
            old = old.join(newKeys, scala.jdk.javaapi.CollectionConverters.asScala(dataset.keyColumns()).toSeq(), "left_anti").select(columns);
            table = accepted.unionByName(old);
        }
        return table;
    }

    private TableVersion writeQuarantine(Lake lake, Lake.Commit commit, SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows, List<String> files, String runId)
            throws IOException
    {
        TableName name = quarantine(dataset);
        boolean personal = dataset.columns().stream().anyMatch(org.zhijian.schema.Column::personal);
        List<Column> columns = new ArrayList<>(List.of(
                col(StagedSchema.SOURCE_FILE),
                col(StagedSchema.SOURCE_LINE),
                // The original text of a row with personal columns holds that personal data too;
                // text_masked is the same record with those fields masked, which exports show.
                col(IngestPipeline.TEXT).as("text", personal
                        ? new org.apache.spark.sql.types.MetadataBuilder().putBoolean(PersonalData.METADATA, true).putString("comment", "The rejected record as it stood in the file (holds personal data)").build()
                        : new org.apache.spark.sql.types.MetadataBuilder().putString("comment", "The rejected record as it stood in the file").build())));
        if (personal) {
            columns.add(col(IngestPipeline.TEXT_MASKED).as("text" + PersonalData.MASKED_SUFFIX,
                    new org.apache.spark.sql.types.MetadataBuilder().putString("comment", "The rejected record with its personal fields masked").build()));
        }
        columns.add(expr("concat_ws(';', array_distinct(transform(" + IngestPipeline.ERRORS + ", e -> e.rule)))").as("rules"));
        columns.add(expr("concat_ws('; ', transform(" + IngestPipeline.ERRORS + ", e -> CASE WHEN e.column = '' THEN e.message ELSE concat(e.column, ': ', e.message) END))").as("reasons"));
        columns.add(col(StagedSchema.RUN_ID));
        org.apache.spark.sql.Dataset<Row> rejected = rejectedRows(rows).select(columns.toArray(Column[]::new));
        Optional<TableVersion> previous = commit.base().table(name);
        org.apache.spark.sql.Dataset<Row> table = rejected;
        if (previous.isPresent()) {
            // A file loaded again replaces its own earlier quarantine rows.
            org.apache.spark.sql.Dataset<Row> old = lake.read(spark, previous.get()).where(not(col(StagedSchema.SOURCE_FILE).isin(files.toArray())));
            String maskedText = "text" + PersonalData.MASKED_SUFFIX;
            if (personal && !java.util.Arrays.asList(old.columns()).contains(maskedText)) {
                // Rows quarantined before text was also kept masked field by field: masked whole.
                old = old.withColumn(maskedText, expr(PersonalData.maskSql("text", "text")));
            }
            table = rejected.unionByName(old);
        }
        return commit.write(name, table, TableLayout.plain().inOneFile().sortedWithin(col(StagedSchema.SOURCE_FILE), col(StagedSchema.SOURCE_LINE)));
    }

    private TableVersion writeMetrics(Lake lake, Lake.Commit commit, Map<SourceDataset, List<Row>> metrics, String runId)
            throws IOException
    {
        List<Row> rows = metrics.values().stream().flatMap(List::stream).toList();
        org.apache.spark.sql.Dataset<Row> table = spark.createDataFrame(rows, METRICS_SCHEMA);
        Optional<TableVersion> previous = commit.base().table(LakeTables.QUALITY_METRICS);
        if (previous.isPresent()) {
            table = table.unionByName(lake.read(spark, previous.get()));
        }
        return commit.write(LakeTables.QUALITY_METRICS, table, TableLayout.plain().inOneFile(), METRICS_SCHEMA);
    }

    private static long millisSince(long nanoStart)
    {
        return (System.nanoTime() - nanoStart) / 1_000_000;
    }
}

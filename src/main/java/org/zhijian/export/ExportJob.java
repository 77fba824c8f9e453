package org.zhijian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.Messages;
import org.zhijian.ZhijianException;
import org.zhijian.config.ConfigDurations;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeViews;
import org.zhijian.lake.PersonalData;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;

import static java.util.Objects.requireNonNull;

/**
 * `export`: a lake table or a read-only query to xlsx or csv. Rows stream from Spark to the
 * file one partition at a time (never the whole result on the driver), into a temporary file
 * that is moved into place only when complete.
 */
public final class ExportJob
{
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ExportJob.class);

    /** What to export, where, and how. */
    public record Request(
            Optional<String> sql,
            Optional<String> table,
            Optional<String> where,
            List<String> columns,
            Path out,
            Charset csvCharset,
            boolean unmask,
            boolean allowUnmask,
            List<String> personalColumns,
            boolean chinese,
            int rowsPerSheet,
            java.time.Duration timeout,
            boolean publication)
    {
        /** An export for the bureau's own use: its metadata names the query, the lake and the tables read. */
        public Request(Optional<String> sql, Optional<String> table, Optional<String> where, List<String> columns, Path out, Charset csvCharset,
                boolean unmask, boolean allowUnmask, List<String> personalColumns, boolean chinese, int rowsPerSheet, java.time.Duration timeout)
        {
            this(sql, table, where, columns, out, csvCharset, unmask, allowUnmask, personalColumns, chinese, rowsPerSheet, timeout, false);
        }

        public Request
        {
            if (publication && unmask) {
                throw new IllegalArgumentException("a publication never shows personal data");
            }
            requireNonNull(sql, "sql is null");
            requireNonNull(table, "table is null");
            requireNonNull(where, "where is null");
            columns = List.copyOf(columns);
            requireNonNull(out, "out is null");
            requireNonNull(csvCharset, "csvCharset is null");
            personalColumns = List.copyOf(personalColumns);
            requireNonNull(timeout, "timeout is null");
        }
    }

    /** What was exported. */
    public record Result(Path out, long rows, int columns, List<String> masked, Set<String> tables, String query, long durationMs) {}

    private final SparkSession spark;
    private final String lakeLocation;

    public ExportJob(SparkSession spark, String lakeLocation)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.lakeLocation = requireNonNull(lakeLocation, "lakeLocation is null");
    }

    public Result run(Request request)
            throws IOException
    {
        long started = System.nanoTime();
        String name = request.out().getFileName().toString().toLowerCase(Locale.ROOT);
        boolean xlsx = name.endsWith(".xlsx");
        if (!xlsx && !name.endsWith(".csv")) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--out must end in .xlsx or .csv: " + request.out());
        }
        if (request.unmask() && !request.allowUnmask()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "refused: --unmask is not allowed here (conf: export.allow_unmask is false)");
        }
        Lake lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        Path out = OutputFiles.checkWritable(request.out(), lake);
        Snapshot snapshot = lake.current();
        if (snapshot.tables().isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no tables yet; run `zhijian ingest` first");
        }
        String sql = QueryGuard.normalized(request.sql().orElseGet(() -> tableQuery(request)));
        QueryGuard.Checked checked = QueryGuard.check(spark, sql, snapshot.tables().keySet());
        // Views only for the tables the checked query reads.
        LakeViews.Registered views = LakeViews.register(spark, lake, snapshot, checked.tables(), new PersonalData(request.personalColumns()), request.unmask());
        if (request.unmask()) {
            LOG.warn("export with --unmask: personal data in clear, query: {}", sql);
        }
        String key = "spark.sql.files.maxPartitionBytes";
        Optional<String> previous = Optional.ofNullable(spark.conf().getOption(key).getOrElse(() -> null));
        spark.conf().set(key, String.valueOf(16L << 20));
        try {
            return write(request, xlsx, out, lake, snapshot, sql, checked, views, started);
        }
        finally {
            // The session is shared (run and demo go on with it): leave its configuration as it was,
            // and no unmasked view behind.
            previous.ifPresentOrElse(value -> spark.conf().set(key, value), () -> spark.conf().unset(key));
            if (request.unmask()) {
                views.tables().keySet().forEach(view -> spark.sql("DROP VIEW IF EXISTS " + view));
            }
        }
    }

    /** Rows read ahead of the writer: at most 16 batches of 2,048 (a few tens of MB under a 512 MB heap). */
    private static final int PREFETCH_BATCHES = 16;
    private static final int PREFETCH_BATCH = 2048;

    private Result write(Request request, boolean xlsx, Path out, Lake lake, Snapshot snapshot, String sql, QueryGuard.Checked checked, LakeViews.Registered views, long started)
            throws IOException
    {
        org.apache.spark.sql.Dataset<Row> result;
        try {
            // The checked plan itself runs, never the text again.
            result = org.apache.spark.sql.classic.Dataset.ofRows((org.apache.spark.sql.classic.SparkSession) spark, checked.plan());
        }
        catch (Exception e) {
            // Scala throws AnalysisException without declaring it.
            if (e instanceof AnalysisException analysis) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "the query does not run: " + Messages.firstLine(analysis.getSimpleMessage()));
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        QueryGuard.checkAnalyzed(result.queryExecution().analyzed(), locations(lake, views.tables()));
        List<String> masked = views.masked().entrySet().stream().flatMap(entry -> entry.getValue().stream().map(column -> entry.getKey() + "." + column)).toList();

        Files.createDirectories(out.getParent());
        Path temporary = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        long rows = 0;
        String group = "zhijian-export-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Deadline deadline = new Deadline(spark, group, request.timeout());
        try {
            spark.sparkContext().setJobGroup(group, "export " + out.getFileName(), true);
            try (OutputStream output = Files.newOutputStream(temporary);
                    ExportWriter writer = xlsx ? new XlsxExportWriter(output, ZONE, request.chinese(), request.rowsPerSheet()) : new CsvExportWriter(output, request.csvCharset(), ZONE)) {
                writer.begin(result.schema(), MaskedColumns.of(result.queryExecution().analyzed(), views.masked()));
                // The query's rows are fetched and decoded on a second thread while the writer writes (an xlsx
                // export of 1,000,000 rows did one, then the other, each on one core).
                try (Prefetch<Row> iterator = new Prefetch<>(result.toLocalIterator(), PREFETCH_BATCHES, PREFETCH_BATCH, "export-prefetch")) {
                    while (iterator.hasNext()) {
                        writer.write(iterator.next());
                        rows++;
                        if ((rows & 1023) == 0) {
                            deadline.check();
                        }
                    }
                }
                deadline.check();
                writer.finish(metadata(request, sql, rows, lake, snapshot, checked.tables(), views.tables(), masked));
            }
            catch (ZhijianException e) {
                throw e;
            }
            catch (IOException e) {
                deadline.check();
                throw e;
            }
            catch (Exception e) {
                // Spark also throws its checked SparkException without declaring it.
                deadline.check();
                if (e instanceof org.apache.spark.SparkThrowable || e.getCause() instanceof org.apache.spark.SparkThrowable) {
                    throw new ZhijianException(ZhijianException.Code.FAILURE, "the query failed after " + rows + " rows, nothing was written: " + sparkReason(e));
                }
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            try {
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally {
            deadline.close();
            spark.sparkContext().clearJobGroup();
            Files.deleteIfExists(temporary);
        }
        return new Result(out, rows, result.schema().size(), masked, checked.tables(), sql, (System.nanoTime() - started) / 1_000_000);
    }

    /** The folders of the snapshot's table versions, as the analyzed-plan check compares them. */
    private static Set<String> locations(Lake lake, Map<String, TableVersion> tables)
    {
        return tables.values().stream().map(version -> QueryGuard.normalizedLocation(lake.qualifiedLocation(version)))
                .collect(Collectors.toSet());
    }

    /** Spark's own reason for a failed job: the innermost message, one line, without the task and stage preamble. */
    static String sparkReason(Throwable e)
    {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = Messages.firstLine(cause);
        return message.replaceFirst("^Job aborted due to stage failure: .*?: ", "");
    }

    /** Cancels the export's Spark jobs once {@code export.timeout} has passed; {@link #check} then ends the export. */
    private static final class Deadline
            implements AutoCloseable
    {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final java.time.Duration timeout;
        private volatile boolean expired;

        Deadline(SparkSession spark, String group, java.time.Duration timeout)
        {
            this.timeout = timeout;
            this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "export-timeout");
                thread.setDaemon(true);
                return thread;
            });
            timer.schedule(() -> {
                expired = true;
                spark.sparkContext().cancelJobGroup(group);
            }, timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        void check()
        {
            if (expired) {
                throw new ZhijianException(ZhijianException.Code.FAILURE, "the export ran longer than export.timeout (" + ConfigDurations.format(timeout)
                        + ") and was cancelled; nothing was written");
            }
        }

        @Override
        public void close()
        {
            timer.shutdownNow();
        }
    }

    private static String tableQuery(Request request)
    {
        TableName table = TableName.parse(request.table().orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE, "give --sql or --table")));
        String columns = request.columns().isEmpty() ? "*" : request.columns().stream()
                .map(column -> "`" + column.strip().replace("`", "``") + "`").collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM `" + table.layer() + "`.`" + table.name() + "`" + request.where().map(where -> " WHERE " + where).orElse("");
    }

    private static List<Map.Entry<String, String>> metadata(Request request, String sql, long rows, Lake lake, Snapshot snapshot, Set<String> tables,
            Map<String, TableVersion> views, List<String> masked)
    {
        boolean zh = request.chinese();
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        if (request.publication()) {
            // A file for the public says when and from which snapshot it was made, nothing of the bureau's systems.
            entries.add(entry(zh ? "生成时间" : "made at", ZonedDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"))));
            entries.add(entry(zh ? "行数" : "rows", String.format(Locale.ROOT, "%,d", rows)));
            entries.add(entry(zh ? "快照" : "snapshot", String.valueOf(snapshot.version())));
            entries.add(entry(zh ? "生成工具" : "tool", "zhijian " + org.zhijian.Version.NUMBER));
            return entries;
        }
        entries.add(entry(zh ? "查询" : "query", sql));
        entries.add(entry(zh ? "导出时间" : "exported at", ZonedDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"))));
        entries.add(entry(zh ? "行数" : "rows", String.format(Locale.ROOT, "%,d", rows)));
        entries.add(entry(zh ? "数据湖" : "lake", lake.root().toString()));
        entries.add(entry(zh ? "快照" : "snapshot", String.valueOf(snapshot.version())));
        for (String table : tables) {
            TableVersion version = views.get(table);
            entries.add(entry(zh ? "读取的表" : "table read", table + (zh ? "（运行 " : " (run ") + version.runId() + (zh ? "）" : ")")));
        }
        entries.add(entry(zh ? "脱敏字段" : "masked columns", request.unmask() ? (zh ? "无：个人信息以明文导出（--unmask）" : "none: personal data exported in clear (--unmask)")
                : masked.isEmpty() ? (zh ? "无" : "none") : String.join(", ", masked)));
        entries.add(entry(zh ? "生成工具" : "tool", "zhijian " + org.zhijian.Version.NUMBER));
        return entries;
    }

    private static Map.Entry<String, String> entry(String key, String value)
    {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
}

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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeViews;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;

import static java.util.Objects.requireNonNull;
import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * `export`: a lake table or a read-only query to xlsx or csv. Rows stream from Spark to the
 * file one partition at a time (never the whole result on the driver), into a temporary file
 * that is moved into place only when complete.
 */
public final class ExportJob
{
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

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
            int rowsPerSheet)
    {
        public Request
        {
            requireNonNull(sql, "sql is null");
            requireNonNull(table, "table is null");
            requireNonNull(where, "where is null");
            columns = List.copyOf(columns);
            requireNonNull(out, "out is null");
            requireNonNull(csvCharset, "csvCharset is null");
            personalColumns = List.copyOf(personalColumns);
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
        Snapshot snapshot = lake.current();
        if (snapshot.tables().isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no tables yet; run `zhijian ingest` first");
        }
        Map<String, TableVersion> views = LakeViews.register(spark, lake, snapshot);
        String sql = QueryGuard.normalized(request.sql().orElseGet(() -> tableQuery(request)));
        Set<String> tables = QueryGuard.check(spark, sql, views.keySet());

        spark.conf().set("spark.sql.files.maxPartitionBytes", String.valueOf(16L << 20));
        org.apache.spark.sql.Dataset<Row> result;
        LogicalPlan analyzed;
        try {
            result = spark.sql(sql);
            analyzed = result.queryExecution().analyzed();
        }
        catch (Exception e) {
            // Scala throws AnalysisException without declaring it.
            if (e instanceof AnalysisException analysis) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "the query does not run: " + QueryGuard.firstLine(analysis.getSimpleMessage()));
            }
            throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        }
        checkReadsOnlyTheLake(analyzed, lake);
        Set<Integer> masked = request.unmask() ? Set.of() : new PersonalData(request.personalColumns()).columns(analyzed, result.schema());
        List<String> maskedNames = masked.stream().map(i -> result.schema().fields()[i].name()).toList();

        Path out = request.out().toAbsolutePath();
        Files.createDirectories(out.getParent());
        Path temporary = out.resolveSibling("." + out.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        long rows = 0;
        try {
            try (OutputStream output = Files.newOutputStream(temporary);
                    ExportWriter writer = xlsx ? new XlsxExportWriter(output, ZONE, request.chinese(), request.rowsPerSheet()) : new CsvExportWriter(output, request.csvCharset(), ZONE)) {
                writer.begin(result.schema(), masked);
                Iterator<Row> iterator = result.toLocalIterator();
                while (iterator.hasNext()) {
                    writer.write(iterator.next());
                    rows++;
                }
                writer.finish(metadata(request, sql, rows, lake, snapshot, tables, views, maskedNames));
            }
            catch (RuntimeException e) {
                if (e instanceof org.apache.spark.SparkThrowable) {
                    throw new ZhijianException(ZhijianException.Code.FAILURE, "the query failed after " + rows + " rows, nothing was written: " + QueryGuard.firstLine(e.getMessage()), e);
                }
                throw e;
            }
            try {
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally {
            Files.deleteIfExists(temporary);
        }
        return new Result(out, rows, result.schema().size(), maskedNames, tables, sql, (System.nanoTime() - started) / 1_000_000);
    }

    private static String tableQuery(Request request)
    {
        TableName table = TableName.parse(request.table().orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE, "give --sql or --table")));
        String columns = request.columns().isEmpty() ? "*" : request.columns().stream()
                .map(column -> "`" + column.strip().replace("`", "``") + "`").collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM `" + table.layer() + "`.`" + table.name() + "`" + request.where().map(where -> " WHERE " + where).orElse("");
    }

    /** Defence in depth: every file the analyzed query reads lies inside the lake. */
    private static void checkReadsOnlyTheLake(LogicalPlan analyzed, Lake lake)
    {
        String root = lake.root().toString();
        for (LogicalPlan leaf : asJava(analyzed.collectLeaves())) {
            if (leaf instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
                for (org.apache.hadoop.fs.Path path : asJava(files.location().rootPaths())) {
                    if (!path.toString().startsWith(root)) {
                        throw new ZhijianException(ZhijianException.Code.USAGE, "refused: the query reads " + path + ", outside the lake");
                    }
                }
            }
        }
    }

    private static List<Map.Entry<String, String>> metadata(Request request, String sql, long rows, Lake lake, Snapshot snapshot, Set<String> tables,
            Map<String, TableVersion> views, List<String> masked)
    {
        boolean zh = request.chinese();
        List<Map.Entry<String, String>> entries = new ArrayList<>();
        entries.add(entry(zh ? "查询" : "query", sql));
        entries.add(entry(zh ? "导出时间" : "exported at", ZonedDateTime.now(ZONE).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx"))));
        entries.add(entry(zh ? "行数" : "rows", String.format(Locale.ROOT, "%,d", rows)));
        entries.add(entry(zh ? "数据湖" : "lake", lake.root().toString()));
        entries.add(entry(zh ? "快照" : "snapshot", String.valueOf(snapshot.version())));
        for (String table : tables) {
            TableVersion version = views.get(table);
            entries.add(entry(zh ? "读取的表" : "table read", table + (zh ? "（运行 " : " (run ") + version.runId() + (zh ? "）" : ")")));
        }
        entries.add(entry(zh ? "脱敏字段" : "masked columns", masked.isEmpty() ? (request.unmask() ? (zh ? "无（--unmask）" : "none (--unmask)") : (zh ? "无" : "none")) : String.join(", ", masked)));
        entries.add(entry(zh ? "生成工具" : "tool", "zhijian " + org.zhijian.Version.NUMBER));
        return entries;
    }

    private static Map.Entry<String, String> entry(String key, String value)
    {
        return new AbstractMap.SimpleImmutableEntry<>(key, value);
    }
}

package org.zhijian.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.config.ConfigException;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.reference.Division;
import org.zhijian.reference.ProductCategory;
import org.zhijian.reference.ReferenceData;

/**
 * Runs the blocks' queries of a report definition against one lake snapshot, with the reference
 * views (ref_regions, ref_categories, ref_credit_rules) labelled in the report's language, and
 * collects each result — a few hundred rows at most — to the driver.
 */
public final class ReportQueries
{
    private static final int PARALLEL_QUERIES = 4;

    /** A query's result: column names and rows of String, Double or null. */
    public record Table(List<String> columns, List<Object[]> rows)
    {
        public int index(String column)
        {
            int index = columns.indexOf(column);
            if (index < 0) {
                throw new IllegalArgumentException("no column " + column + " in " + columns);
            }
            return index;
        }
    }

    private ReportQueries() {}

    /**
     * Every block's table, by block id, in definition order. Only the lake tables the queries name
     * are read, and the queries run a few at a time: each is small and mostly waits on Spark's
     * planning and scheduling.
     */
    public static Map<String, Table> run(SparkSession spark, Lake lake, Snapshot snapshot, ReportDefinition definition, ReportPeriod period,
            ReferenceData reference, CreditScorecard scorecard, String language, String source)
    {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, ReportDefinition.Block> blocks = new LinkedHashMap<>();
        Map<String, String> places = new LinkedHashMap<>();
        for (ReportDefinition.Section section : definition.sections()) {
            for (ReportDefinition.Block block : section.blocks()) {
                String where = source + ": section " + section.id() + " block " + block.id();
                queries.put(block.id(), period.sql(block.sql(), language, where));
                blocks.put(block.id(), block);
                places.put(block.id(), where);
            }
        }
        // Each table a query names becomes a temp view over a dataset read once: its files are listed
        // and its schema read here, not again for every query as a view over a path would.
        Rewritten rewritten = rewrite(queries, snapshot.tables().keySet());
        Map<String, String> views = rewritten.views();
        views.forEach((table, view) -> lake.read(spark, snapshot.tables().get(table)).createOrReplaceTempView(view));
        queries = new LinkedHashMap<>(rewritten.queries());
        registerReference(spark, reference, scorecard, language.equals("zh"));
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_QUERIES, runnable -> {
            Thread thread = new Thread(runnable, "report-query");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Map<String, Future<Table>> running = new LinkedHashMap<>();
            queries.forEach((id, sql) -> running.put(id, pool.submit(() -> query(spark, sql, blocks.get(id), places.get(id), views))));
            Map<String, Table> tables = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Table>> result : running.entrySet()) {
                tables.put(result.getKey(), result.getValue().get());
            }
            return tables;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying the lake", e);
        }
        catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
        finally {
            pool.shutdownNow();
            views.values().forEach(view -> spark.catalog().dropTempView(view));
        }
    }

    /** Queries with the lake's table names replaced by views, and the view of each table named (table → view). */
    record Rewritten(Map<String, String> queries, Map<String, String> views) {}

    /**
     * Replaces every mention of a lake table ({@code marts.indicator_values}, in any case) by the
     * name of its view ({@code marts__indicator_values}); a longer name, a qualified one
     * ({@code x.marts.t}) or a quoted one ({@code `marts.t`}) is left alone. Only the tables
     * some query names get a view.
     */
    static Rewritten rewrite(Map<String, String> queries, java.util.Collection<String> tables)
    {
        Map<String, String> rewritten = new LinkedHashMap<>(queries);
        Map<String, String> views = new LinkedHashMap<>();
        for (String table : tables) {
            Pattern name = Pattern.compile("(?i)(?<![\\w.`])" + Pattern.quote(table) + "(?![\\w`])");
            if (rewritten.values().stream().anyMatch(sql -> name.matcher(sql).find())) {
                String view = table.replace(".", "__");
                views.put(table, view);
                rewritten.replaceAll((id, sql) -> name.matcher(sql).replaceAll(view));
            }
        }
        return new Rewritten(rewritten, views);
    }

    private static Table query(SparkSession spark, String sql, ReportDefinition.Block block, String where, Map<String, String> views)
    {
        org.apache.spark.sql.Dataset<Row> result;
        try {
            result = spark.sql(sql);
        }
        catch (Exception e) {
            // Spark reports a missing table or column as an AnalysisException, a syntax error as a ParseException (a subclass).
            if (e instanceof AnalysisException) {
                String message = e.getMessage().lines().filter(line -> !line.isBlank()).findFirst().orElse(e.getClass().getSimpleName());
                // Say the lake's table names the definition used, not the views they were read through.
                for (Map.Entry<String, String> view : views.entrySet()) {
                    message = message.replace(view.getValue(), view.getKey());
                }
                if (message.contains("TABLE_OR_VIEW_NOT_FOUND")) {
                    message += " (`zhijian lake` lists the lake's tables; marts, ratings and warnings are written by `zhijian build`)";
                }
                throw new ConfigException(where + ": the query fails: " + message);
            }
            throw e;
        }
        List<String> columns = List.of(result.columns());
        for (ReportDefinition.Column column : block.columns()) {
            if (!columns.contains(column.name())) {
                throw new ConfigException(where + ": column " + column.name() + " is not in the query's result " + columns);
            }
        }
        if (block.chart() != null) {
            for (String column : block.chart().only().keySet()) {
                if (!columns.contains(column)) {
                    throw new ConfigException(where + ": chart filter column " + column + " is not in the query's result " + columns);
                }
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (Row row : result.collectAsList()) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(row.get(i));
            }
            rows.add(values);
        }
        return new Table(columns, List.copyOf(rows));
    }

    private static Object value(Object value)
    {
        if (value == null) {
            return null;
        }
        if (value instanceof Double d) {
            return d.isNaN() ? null : d;
        }
        if (value instanceof Number number) {
            return number instanceof BigDecimal decimal ? decimal.doubleValue() : number.doubleValue();
        }
        return value.toString();
    }

    private static void registerReference(SparkSession spark, ReferenceData reference, CreditScorecard scorecard, boolean chinese)
    {
        List<Row> regions = new ArrayList<>();
        List<Division> divisions = new ArrayList<>();
        divisions.add(reference.divisions().province());
        divisions.addAll(reference.divisions().cities());
        divisions.addAll(reference.divisions().counties());
        // The Chinese name where the reference has no English one (the counties), as every other report names places.
        Map<String, String> labels = reference.divisions().names(chinese);
        for (Division division : divisions) {
            String label = labels.get(division.code());
            regions.add(RowFactory.create(division.code(), division.level().name().toLowerCase(java.util.Locale.ROOT), division.parentCode().orElse(null),
                    division.name(), label));
        }
        view(spark, "ref_regions", regions, "code", "level", "parent_code", "name", "label");
        List<Row> categories = new ArrayList<>();
        for (ProductCategory category : reference.categories()) {
            categories.add(RowFactory.create(category.name(), category.group(), String.valueOf(category.food()), String.valueOf(category.highRisk()),
                    chinese ? category.name() : category.englishName()));
        }
        view(spark, "ref_categories", categories, "name", "group_name", "food", "high_risk", "label");
        List<Row> rules = new ArrayList<>();
        for (CreditScorecard.Rule rule : scorecard.rules()) {
            rules.add(RowFactory.create(rule.id(), chinese ? rule.name().zh() : rule.name().en()));
        }
        view(spark, "ref_credit_rules", rules, "id", "label");
    }

    private static void view(SparkSession spark, String name, List<Row> rows, String... columns)
    {
        StructField[] fields = new StructField[columns.length];
        for (int i = 0; i < columns.length; i++) {
            fields[i] = DataTypes.createStructField(columns[i], DataTypes.StringType, true);
        }
        spark.createDataFrame(rows, new StructType(fields)).createOrReplaceTempView(name);
    }
}

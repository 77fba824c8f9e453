package org.zhijian.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.zhijian.cli.ZhijianCli;
import org.zhijian.io.CsvReader;

/**
 * zhijian and DuckDB side by side on the same raw inspections file, in one JVM each warmed up by a
 * first run that is not counted: load the CSV into Parquet, then the sampling pass rate by city ×
 * quarter and by category × year. zhijian's load is its ingest (parse, validate every rule, map
 * historical county codes, partition by year, publish a snapshot); DuckDB's is a typed CSV read with
 * the same county mapping, written as year-partitioned Parquet. The aggregations are the same SQL on
 * each side's Parquet. Then the numbers are checked three ways: zhijian's query = DuckDB's query =
 * the marts that zhijian's build computed ({@code marts.indicator_values}, city quarters, and
 * {@code marts.pass_rate_by_category} summed over a year's quarters).
 *
 * <p>Prints {@code TIME side task run seconds} lines and {@code CHECK name equal|differ detail}
 * lines; exits 4 when a check differs.
 *
 * <p>Usage: {@code VersusDuckDb RAW_DIR BUILT_LAKE WORK_DIR RUNS DIVISION_HISTORY_CSV}
 */
public final class VersusDuckDb
{
    static final String CITY_QUARTER = """
            SELECT city_code, year, quarter(sampled_on) AS quarter, count(*) AS batches,
                   sum(CASE WHEN result = '合格' THEN 1 ELSE 0 END) AS passed
            FROM %s GROUP BY city_code, year, quarter(sampled_on) ORDER BY city_code, year, quarter""";

    static final String CATEGORY_YEAR = """
            SELECT category, year, count(*) AS batches,
                   sum(CASE WHEN result = '合格' THEN 1 ELSE 0 END) AS passed
            FROM %s GROUP BY category, year ORDER BY category, year""";

    /** The exit status when the numbers differ (an error exits 1). */
    static final int DIFFERENT = 4;

    private VersusDuckDb() {}

    public static void main(String[] args)
            throws Exception
    {
        Path raw = Path.of(args[0]);
        String builtLake = args[1];
        Path work = Path.of(args[2]);
        int runs = Integer.parseInt(args[3]);
        Path history = Path.of(args[4]);
        Files.createDirectories(work);
        Path csv = raw.resolve("inspections.csv");

        // zhijian checks each inspection's producer against the enterprise register, so its lake
        // starts with staged.enterprises (ingested once, not timed). Then a warm-up run and the timed
        // runs, each into a fresh copy of that lake.
        Path base = work.resolve("zhijian-enterprises");
        delete(base);
        zhijian("ingest", "-q", "--input", raw.resolve("enterprises.csv").toString(), "--lake", base.toString());
        Path lake = work.resolve("zhijian-lake");
        for (int run = 0; run <= runs; run++) {
            delete(lake);
            copy(base, lake);
            int finalRun = run;
            time("zhijian", "load", run, () -> zhijian("ingest", "-q", "--input", csv.toString(), "--lake", lake.toString()));
            for (String[] query : queries()) {
                Path out = work.resolve("zhijian-" + query[0] + ".csv");
                time("zhijian", query[0], finalRun, () -> zhijian("export", "-q", "--lake", lake.toString(),
                        "--sql", query[1].formatted("staged.inspections"), "--out", out.toString()));
            }
        }

        // DuckDB: the same, in process, over JDBC.
        Class.forName("org.duckdb.DuckDBDriver");
        Path parquet = work.resolve("duckdb-parquet");
        Map<String, Map<String, long[]>> duck = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = connection.createStatement()) {
            for (int run = 0; run <= runs; run++) {
                delete(parquet);
                time("duckdb", "load", run, () -> statement.execute(load(csv, history, parquet)));
                statement.execute("CREATE OR REPLACE VIEW inspections AS SELECT * FROM read_parquet('"
                        + literal(parquet) + "/**/*.parquet', hive_partitioning = true)");
                for (String[] query : queries()) {
                    time("duckdb", query[0], run, () -> duck.put(query[0], counts(statement.executeQuery(query[1].formatted("inspections")))));
                }
            }
        }

        // The same numbers: zhijian's query, DuckDB's query, and zhijian's own marts.
        boolean equal = true;
        for (String[] query : queries()) {
            Map<String, long[]> ours = csvCounts(work.resolve("zhijian-" + query[0] + ".csv"));
            equal &= check(query[0] + "/zhijian=duckdb", ours, duck.get(query[0]));
        }
        Path cityMart = work.resolve("mart-city_quarter.csv");
        zhijian("export", "-q", "--lake", builtLake, "--sql", """
                SELECT region_code AS city_code, int(substr(period, 1, 4)) AS year, int(substr(period, 7, 1)) AS quarter,
                       bigint(denominator) AS batches, bigint(numerator) AS passed
                FROM marts.indicator_values
                WHERE indicator_id = 'sampling_pass_rate' AND region_level = 'city' AND period_type = 'quarter'
                ORDER BY city_code, year, quarter""", "--out", cityMart.toString());
        equal &= check("city_quarter/duckdb=marts.indicator_values", duck.get("city_quarter"), csvCounts(cityMart));
        Path categoryMart = work.resolve("mart-category_year.csv");
        zhijian("export", "-q", "--lake", builtLake, "--sql", """
                SELECT category, year, sum(batches) AS batches, sum(passed) AS passed
                FROM marts.pass_rate_by_category WHERE region_level = 'province'
                GROUP BY category, year ORDER BY category, year""", "--out", categoryMart.toString());
        equal &= check("category_year/duckdb=marts.pass_rate_by_category", duck.get("category_year"), csvCounts(categoryMart));
        System.exit(equal ? 0 : DIFFERENT);
    }

    private static List<String[]> queries()
    {
        return List.of(new String[] {"city_quarter", CITY_QUARTER}, new String[] {"category_year", CATEGORY_YEAR});
    }

    /**
     * DuckDB's load: every column read as text (the file has more columns than the comparison needs,
     * and a fixed column list broke when the generator added three), the date typed, today's county
     * for a historical code, its city, the year; Parquet by year.
     */
    static String load(Path csv, Path history, Path parquet)
    {
        return """
                COPY (
                  SELECT i.batch_id, i.credit_code, i.producer_name, coalesce(h.new_code, i.county_code) AS county_code,
                         i.category, i.plan_level, CAST(i.sampled_on AS DATE) AS sampled_on, i.result, i.failed_items,
                         substr(coalesce(h.new_code, i.county_code), 1, 4) || '00' AS city_code,
                         CASE WHEN h.new_code IS NULL THEN NULL ELSE i.county_code END AS county_code_original,
                         year(CAST(i.sampled_on AS DATE)) AS year
                  FROM read_csv('%s', header = true, delim = ',', quote = '"', escape = '"', all_varchar = true) i
                  LEFT JOIN read_csv('%s', header = true, all_varchar = true) h ON i.county_code = h.old_code
                ) TO '%s' (FORMAT parquet, PARTITION_BY (year), COMPRESSION snappy)""".formatted(literal(csv), literal(history), literal(parquet));
    }

    /** A path inside a SQL string literal. */
    private static String literal(Path path)
    {
        return path.toString().replace("'", "''");
    }

    private static Map<String, long[]> counts(ResultSet rows)
            throws SQLException
    {
        Map<String, long[]> counts = new TreeMap<>();
        int columns = rows.getMetaData().getColumnCount();
        while (rows.next()) {
            StringBuilder key = new StringBuilder();
            for (int c = 1; c <= columns - 2; c++) {
                key.append(c == 1 ? "" : "|").append(rows.getString(c));
            }
            counts.put(key.toString(), new long[] {rows.getLong(columns - 1), rows.getLong(columns)});
        }
        rows.close();
        return counts;
    }

    /** An exported CSV (UTF-8 with BOM), read with the ingest's own RFC 4180 reader: key columns, then batches and passed. */
    static Map<String, long[]> csvCounts(Path file)
            throws IOException
    {
        Map<String, long[]> counts = new TreeMap<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
            reader.next(); // the header
            while (reader.hasNext()) {
                List<String> cells = reader.next().fields();
                int n = cells.size();
                counts.put(String.join("|", cells.subList(0, n - 2)), new long[] {Long.parseLong(cells.get(n - 2)), Long.parseLong(cells.get(n - 1))});
            }
        }
        return counts;
    }

    private static boolean check(String name, Map<String, long[]> left, Map<String, long[]> right)
    {
        List<String> differences = new ArrayList<>();
        java.util.Set<String> keys = new java.util.TreeSet<>(left.keySet());
        keys.addAll(right.keySet());
        for (String key : keys) {
            long[] a = left.get(key);
            long[] b = right.get(key);
            if (a == null || b == null || a[0] != b[0] || a[1] != b[1]) {
                differences.add(key + ": " + text(a) + " vs " + text(b));
            }
        }
        long batches = left.values().stream().mapToLong(v -> v[0]).sum();
        System.out.printf("CHECK %s %s %d groups, %d batches%s%n", name, differences.isEmpty() ? "equal" : "differ", left.size(), batches,
                differences.isEmpty() ? "" : "; " + differences.size() + " differ, e.g. " + differences.subList(0, Math.min(3, differences.size())));
        return differences.isEmpty();
    }

    private static String text(long[] value)
    {
        return value == null ? "missing" : value[0] + "/" + value[1];
    }

    private static void zhijian(String... args)
    {
        int status = ZhijianCli.execute(args);
        if (status != 0) {
            throw new IllegalStateException("zhijian " + args[0] + " exited " + status);
        }
    }

    private interface Task
    {
        void run()
                throws Exception;
    }

    private static void time(String side, String task, int run, Task body)
            throws Exception
    {
        long started = System.nanoTime();
        body.run();
        System.out.printf("TIME %s %s %d %.3f%n", side, task, run, (System.nanoTime() - started) / 1e9);
    }

    private static void copy(Path from, Path to)
            throws IOException
    {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Files.copy(path, to.resolve(from.relativize(path).toString()));
            }
        }
    }

    private static void delete(Path directory)
            throws IOException
    {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}

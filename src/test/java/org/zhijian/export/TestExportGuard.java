package org.zhijian.export;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.TestFiles;
import org.zhijian.ZhijianException;
import org.zhijian.cli.CliRun;
import org.zhijian.io.CsvReader;
import org.zhijian.lake.Lake;
import org.zhijian.lake.TableName;
import org.zhijian.reference.CreditCode;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A hostile pass over export, class by class: writes and commands, Java calls, file reads,
 * reads outside the snapshot, every way of computing from personal data, failures and limits.
 * Each refusal is checked to leave the lake, the target folders and --out untouched; each
 * query over personal data is checked against the clear values the fixture holds.
 */
class TestExportGuard
{
    private static final String A = CreditCode.forEnterprise("330106", "MA000001");
    private static final String B = CreditCode.forEnterprise("330282", "MA000002");
    private static final String C = CreditCode.forEnterprise("330106", "MA000003");
    private static final String PHONE_A = "13897315678";
    private static final String PHONE_B = "0574-48627321";
    private static final String PHONE_C = "13966024444";
    /** Parts of the clear values that masking hides: none may appear in anything an export writes or prints. */
    private static final List<String> SECRETS = List.of("三丰", "阳娜", "四光", "9731", "4862", "6602", "-4862");

    @TempDir
    static Path directory;
    private static Path lake;
    private static Path sentinel;
    private static SparkSession spark;

    @BeforeAll
    static void ingest()
            throws IOException
    {
        spark = SharedSpark.session();
        Path raw = directory.resolve("raw");
        Files.createDirectories(raw);
        Files.writeString(raw.resolve("enterprises.csv"), ExportFixtures.ENTERPRISES_HEADER
                + A + ",杭州甲公司,330106,C33,小型,是,否,2010-01-01,存续,张三丰," + PHONE_A + "\n"
                + B + ",宁波乙公司,330282,C34,中型,否,是,2012-03-04,存续,欧阳娜娜," + PHONE_B + "\n"
                // A bad county code: quarantined, with its personal fields.
                + C + ",杭州丙公司,999999,C34,中型,否,是,2012-03-04,存续,李四光," + PHONE_C + "\n");
        Files.writeString(raw.resolve("cases.csv"), ExportFixtures.cases());
        lake = directory.resolve("lake");
        ExportFixtures.ingest(spark, raw, lake, 0.5);
        sentinel = directory.resolve("sentinel");
        Files.createDirectories(sentinel);
        Files.writeString(sentinel.resolve("keep.txt"), "must survive");
    }

    @Test
    void writesCommandsAndJavaCallsAreRefusedAndChangeNothing()
            throws IOException
    {
        String version = versionFolder("staged.cases");
        String[] refused = {
                "INSERT OVERWRITE DIRECTORY '" + sentinel + "' USING csv SELECT * FROM staged.enterprises",
                "INSERT OVERWRITE LOCAL DIRECTORY '" + sentinel + "' SELECT phone FROM staged.enterprises",
                "INSERT OVERWRITE DIRECTORY '" + version + "' USING parquet SELECT * FROM staged.cases WHERE fine < 0",
                "EXECUTE IMMEDIATE 'DROP VIEW staged.enterprises'",
                "EXECUTE IMMEDIATE 'SELECT 1'",
                "DECLARE v INT",
                "SET VAR v = 1",
                "SET spark.sql.ansi.enabled = false",
                "RESET",
                "USE staged",
                "REFRESH TABLE staged.cases",
                "ANALYZE TABLE staged.cases COMPUTE STATISTICS",
                "CREATE TEMPORARY FUNCTION f AS 'org.example.F'",
                "CREATE OR REPLACE VIEW staged.enterprises AS SELECT 1",
                "ADD FILE /etc/passwd",
                "LIST FILES",
                "EXPLAIN SELECT 1",
                "DESCRIBE staged.cases",
                "SHOW TABLES",
                "DELETE FROM staged.cases",
                "TRUNCATE TABLE staged.cases",
                "CACHE LAZY TABLE staged.cases",
                "SELECT IDENTIFIER('reflect')('java.lang.System', 'exit', '0')",
                "SELECT IDENTIFIER('java_method')('java.nio.file.Files', 'createSymbolicLink', '" + directory.resolve("link") + "', '/etc')",
                "SELECT * FROM IDENTIFIER('parquet.`/etc`')",
                "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
                "SELECT try_reflect('java.lang.System', 'exit', '0')",
                "SELECT transform(array(1), x -> java_method('java.lang.Math', 'random'))",
                "SELECT max(reflect('java.lang.System', 'getenv', 'HOME')) OVER () FROM staged.cases",
                "SELECT * FROM VALUES (reflect('java.lang.System', 'exit', '0')) AS t(x)",
                "WITH t AS (SELECT java_method('java.lang.Math', 'random') AS r) SELECT * FROM t",
                "SELECT v FROM staged.cases LATERAL VIEW explode(array(java_method('java.lang.Math', 'random'))) t AS v",
                "SELECT * FROM staged.cases WHERE EXISTS (SELECT reflect('java.lang.System', 'exit', '0'))",
                "SELECT assert_true(false, 'x')",
                "SELECT raise_error('x')",
                "SELECT input_file_name() FROM staged.cases",
                "SELECT current_user()",
                "SELECT xpath('<a><b>1</b></a>', 'a/b')",
                "SELECT * FROM parquet.`" + lake.resolve(version) + "`",
                "SELECT * FROM json.`/etc`",
                "SELECT * FROM binaryFile.`/etc`",
                "SELECT * FROM `/etc/passwd`",
                "SELECT * FROM range(10)",
                "SELECT * FROM read_files('/etc')",
                "SELECT /*+ BROADCAST(c) */ * FROM staged.cases c",
                "SELECT * FROM staged.cases WHERE fine > :minimum",
                "SELECT * FROM staged.cases WHERE fine > ?",
                "SELECT * FROM spark_catalog.staged.cases",
                "SELECT * FROM staged.cases WITH ('path' = '/etc')",
                "SELECT * FROM staged.cases |> WHERE fine > 0",
                "SELECT 1; DROP VIEW staged.cases",
        };
        Map<String, String> lakeBefore = TestFiles.fingerprint(lake);
        Map<String, String> sentinelBefore = TestFiles.fingerprint(sentinel);
        Path out = directory.resolve("refused.csv");
        for (String sql : refused) {
            CliRun run = cli("--sql", sql, "--out", out.toString());
            assertThat(run.status()).as(sql).isEqualTo(2);
            assertThat(run.err().strip()).as(sql).startsWith("error: refused: ").doesNotContain("\n").doesNotContain("Exception");
            assertThat(out).as(sql).doesNotExist();
        }
        assertThat(TestFiles.fingerprint(lake)).isEqualTo(lakeBefore);
        assertThat(TestFiles.fingerprint(sentinel)).isEqualTo(sentinelBefore);
        assertThat(directory.resolve("link")).doesNotExist();
        // The views are still the lake's: a normal export after the refusals reads the real table.
        assertThat(cli("--sql", "SELECT count(*) AS n FROM staged.cases", "--out", out.toString()).status()).isZero();
        assertThat(Files.readString(out)).contains("\r\n5\r\n");
    }

    @Test
    void everyReadOnlyFormAStatisticianWritesGetsThrough()
            throws IOException
    {
        String[] queries = {
                "SELECT county_code, count(*) AS n, sum(fine) AS total FROM staged.cases WHERE year = 2025 AND fine BETWEEN 1000 AND 9000 GROUP BY county_code HAVING count(*) > 1 ORDER BY n DESC LIMIT 10 OFFSET 0",
                "WITH a AS (SELECT * FROM staged.cases), b AS (SELECT county_code, max(fine) AS top FROM a GROUP BY ALL) SELECT a.case_id, b.top FROM a JOIN b USING (county_code) ORDER BY ALL",
                "SELECT case_id FROM staged.cases UNION SELECT case_id FROM staged.cases INTERSECT SELECT case_id FROM staged.cases EXCEPT SELECT 'x'",
                "SELECT case_id, sum(fine) OVER (PARTITION BY county_code ORDER BY opened_on ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS running, "
                        + "rank() OVER w AS r, ntile(2) OVER w AS half, lag(fine, 1, 0) OVER w AS previous FROM staged.cases WINDOW w AS (ORDER BY fine DESC)",
                "SELECT county_code, violation, sum(fine) AS total, grouping_id() AS g FROM staged.cases GROUP BY ROLLUP (county_code, violation)",
                "SELECT county_code, sum(fine) FROM staged.cases GROUP BY CUBE (county_code), GROUPING SETS ((violation), ())",
                "SELECT * FROM (SELECT month(opened_on) AS m, fine FROM staged.cases) PIVOT (sum(fine) FOR m IN (1, 2, 3))",
                "SELECT * FROM (SELECT case_id, fine, fine * 2 AS doubled FROM staged.cases) UNPIVOT (amount FOR kind IN (fine, doubled))",
                "SELECT case_id, part FROM staged.cases LATERAL VIEW OUTER explode(split(case_id, 'J')) t AS part",
                "SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(x, y) WHERE x > 1",
                "SELECT c.case_id FROM staged.cases c WHERE c.fine > (SELECT avg(fine) FROM staged.cases) AND EXISTS (SELECT 1 FROM staged.enterprises e WHERE e.county_code = c.county_code) "
                        + "AND c.county_code IN (SELECT county_code FROM staged.enterprises) AND c.case_id NOT IN ('ZJ9')",
                "SELECT c.case_id, x.n FROM staged.cases c, LATERAL (SELECT count(*) AS n FROM staged.cases d WHERE d.fine < c.fine) x",
                "SELECT CASE WHEN fine >= 3000 THEN '大' ELSE '小' END AS size, CAST(fine AS BIGINT) AS f, try_cast(case_id AS INT) AS i, fine::double AS d, -fine AS neg, "
                        + "fine % 7 AS m, fine DIV 7 AS q, fine IS NULL AS missing, fine <=> NULL AS same, case_id || '-' AS s, year(opened_on) AS y, "
                        + "extract(MONTH FROM opened_on) AS mo, date_trunc('MONTH', opened_on) AS start, opened_on + INTERVAL 1 DAY AS next, datediff(DATE'2025-12-31', opened_on) AS days, "
                        + "date_format(opened_on, 'yyyy年MM月') AS label, substring(case_id FROM 1 FOR 2) AS prefix, trim(BOTH ' ' FROM case_id) AS trimmed, upper(case_id) AS u, "
                        + "lpad(case_id, 6, '0') AS padded, regexp_replace(case_id, '[0-9]', '#') AS shape, case_id LIKE ANY ('ZJ1', 'ZJ2') AS early, coalesce(fine, 0) AS c, "
                        + "nvl(fine, 0) AS n, round(fine / 3, 2) AS r, format_number(fine, 2) AS shown, fine IS DISTINCT FROM 1000 AS other, greatest(fine, 2000) AS g FROM staged.cases",
                "SELECT transform(array(1, 2, 3), x -> x * fine) AS a, filter(array(fine, 0), x -> x > 0) AS f, aggregate(array(1, 2), 0, (acc, x) -> acc + x) AS s, "
                        + "map('k', fine)['k'] AS m, named_struct('id', case_id).id AS n, struct(*) AS whole, to_json(struct(*)) AS j, array_contains(array('ZJ1'), case_id) AS first FROM staged.cases",
                "SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY fine) AS median, percentile(fine, 0.9) AS p90, count(DISTINCT county_code) AS counties, "
                        + "sum(fine) FILTER (WHERE fine > 2000) AS large, approx_count_distinct(case_id) AS ids, collect_set(violation) AS kinds, stddev(fine) AS sd FROM staged.cases",
                "SELECT * FROM staged.cases TABLESAMPLE (50 PERCENT) DISTRIBUTE BY county_code SORT BY fine",
                "SELECT DISTINCT county_code FROM staged.cases CLUSTER BY county_code",
                "SELECT * EXCEPT (run_id, source_file) FROM staged.cases",
                "SELECT a.case_id FROM staged.cases a LEFT SEMI JOIN staged.cases b ON a.case_id = b.case_id LEFT ANTI JOIN staged.cases c ON a.fine < 0 FULL OUTER JOIN staged.cases d ON false CROSS JOIN (SELECT 1) e",
                "SELECT * FROM staged.cases NATURAL JOIN staged.cases",
                "FROM staged.cases SELECT case_id WHERE fine > 0",
                "TABLE staged.cases",
                "SELECT indicator_count FROM (SELECT count(*) AS indicator_count FROM quality.ingest_metrics)",
                "SELECT text, rules, reasons FROM quarantine.enterprises",
                "SELECT name, legal_rep, phone, established FROM staged.enterprises ORDER BY credit_code",
                "select case_id from STAGED.CASES where FINE > 0;",
        };
        Path out = directory.resolve("allowed.csv");
        for (String sql : queries) {
            CliRun run = cli("--sql", sql, "--out", out.toString());
            assertThat(run.status()).as(sql + "\n" + run.err()).isZero();
            assertThat(rows(out)).as(sql).isNotEmpty();
        }
    }

    @Test
    void theAnalyzedPlanMayReadOnlyTheSnapshotsTableFolders()
            throws IOException
    {
        Lake opened = Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration());
        String cases = versionFolder("staged.cases");
        Set<String> locations = Set.of(QueryGuard.normalizedLocation(opened.fileSystem().makeQualified(new org.apache.hadoop.fs.Path(opened.root(), cases))));
        // A sibling of the lake whose path starts with the lake's (lake-other), and a sibling of a table folder.
        Path other = directory.resolve("lake-other");
        spark.range(3).write().parquet(other.toString());
        Path beside = lake.resolve(cases + "-other");
        spark.range(3).write().parquet(beside.toString());
        for (Path path : List.of(other, beside)) {
            var plan = spark.read().parquet(path.toString()).queryExecution().analyzed();
            assertThatThrownBy(() -> QueryGuard.checkAnalyzed(plan, locations)).as(path.toString())
                    .isInstanceOf(ZhijianException.class).hasMessageContaining("not a table of the lake's snapshot");
        }
        QueryGuard.checkAnalyzed(spark.read().parquet(lake.resolve(cases).toString()).queryExecution().analyzed(), locations);
        QueryGuard.checkAnalyzed(spark.read().parquet(lake.resolve(cases) + "/").queryExecution().analyzed(), locations);
        org.apache.commons.io.FileUtils.deleteDirectory(beside.toFile());
    }

    @Test
    void nothingAQueryComputesReachesAClearPersonalValue()
            throws IOException
    {
        String[] queries = {
                "SELECT * FROM staged.enterprises",
                "SELECT * FROM quarantine.enterprises",
                "SELECT phone FROM staged.enterprises UNION SELECT legal_rep FROM staged.enterprises",
                "SELECT first_value(phone) OVER (ORDER BY credit_code) AS p, lag(legal_rep) OVER (ORDER BY credit_code) AS l, "
                        + "lead(phone) OVER (ORDER BY credit_code) AS n FROM staged.enterprises",
                "SELECT explode(array(phone, legal_rep)) AS v FROM staged.enterprises",
                "SELECT stack(2, phone, legal_rep) FROM staged.enterprises",
                "SELECT v FROM staged.enterprises LATERAL VIEW explode(split(phone, '')) t AS v",
                "SELECT (SELECT max(phone) FROM staged.enterprises) AS p, (SELECT min(legal_rep) FROM staged.enterprises) AS l",
                "SELECT credit_code, (SELECT max(e2.phone) FROM staged.enterprises e2 WHERE e2.credit_code = e.credit_code) AS p FROM staged.enterprises e",
                "SELECT e.credit_code, l.p FROM staged.enterprises e, LATERAL (SELECT concat(e.phone, '|', e.legal_rep) AS p) l",
                "SELECT text, substr(text, 1, 400) AS s, split(text, ',') AS parts, regexp_extract(text, '1[0-9]{10}', 0) AS m FROM quarantine.enterprises",
                "SELECT to_json(struct(*)) AS j FROM staged.enterprises",
                "SELECT to_json(struct(*)) AS j FROM quarantine.enterprises",
                "WITH t AS (SELECT phone AS x, legal_rep AS y FROM staged.enterprises) SELECT reverse(x), concat_ws('', y) FROM t",
                "SELECT collect_list(phone) AS p, string_agg(legal_rep, ',') AS l FROM staged.enterprises",
                "SELECT md5(phone) AS h, sha2(legal_rep, 256) AS g, hex(phone) AS x, base64(legal_rep) AS b FROM staged.enterprises",
                "SELECT credit_code FROM staged.enterprises WHERE substr(phone, 4, 4) IN ('9731', '4862', '-486') OR legal_rep IN ('张三丰', '欧阳娜娜')",
                "SELECT credit_code FROM staged.enterprises WHERE phone LIKE '%9731%' OR phone RLIKE '48627'",
                "SELECT credit_code FROM staged.enterprises e JOIN (SELECT '13897315678' AS p) x ON e.phone = x.p",
                "SELECT max(char_length(phone)) AS n FROM staged.enterprises",
        };
        Path out = directory.resolve("personal.csv");
        for (String sql : queries) {
            CliRun run = cli("--sql", sql, "--out", out.toString());
            assertThat(run.status()).as(sql + run.err()).isZero();
            String written = Files.readString(out, StandardCharsets.UTF_8);
            // The progress line echoes the query itself, which may name a clear value to look for.
            assertNoSecret(sql, written + run.out().replace(sql, "") + run.err());
            for (String clear : List.of(PHONE_A, PHONE_B, PHONE_C)) {
                assertThat(written).as(sql).doesNotContain(md5(clear)).doesNotContain(HexFormat.of().withUpperCase().formatHex(clear.getBytes(StandardCharsets.UTF_8)));
            }
            if (sql.startsWith("SELECT credit_code FROM")) {
                assertThat(rows(out)).as(sql).hasSize(1);
            }
        }
        // The masked views still show what masking keeps, and the quarantine text field by field.
        cli("--sql", "SELECT text FROM quarantine.enterprises", "--out", out.toString());
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("李**,139****4444").contains("杭州丙公司,999999");
        cli("--sql", "SELECT * FROM quarantine.enterprises", "--out", out.toString());
        assertThat(rows(out).get(0)).doesNotContain("text_masked");
    }

    @Test
    void aPhoneRebuiltDigitByDigitInAJoinConditionShowsOnlyTheDigitsMaskingKeeps()
            throws IOException
    {
        Path out = directory.resolve("digits.csv");
        CliRun run = cli("--sql", "SELECT e.credit_code, d.pos, d.digit FROM staged.enterprises e JOIN "
                + "(SELECT pos, digit FROM (SELECT explode(sequence(1, 13)) AS pos) CROSS JOIN (SELECT explode(sequence(0, 9)) AS digit)) d "
                + "ON substr(e.phone, d.pos, 1) = CAST(d.digit AS STRING) ORDER BY 1, 2", "--out", out.toString());
        assertThat(run.status()).isZero();
        List<List<String>> rows = rows(out);
        List<String> positionsOfA = rows.stream().filter(row -> row.get(0).equals(A)).map(row -> row.get(1)).toList();
        assertThat(positionsOfA).containsExactly("1", "2", "3", "8", "9", "10", "11");
    }

    @Test
    void errorMessagesShowOnlyMaskedValuesOnOneLine()
    {
        Path out = directory.resolve("error.csv");
        for (String sql : List.of("SELECT CAST(phone AS BIGINT) AS p FROM staged.enterprises",
                "SELECT CAST(legal_rep AS DATE) AS d FROM staged.enterprises",
                "SELECT to_date(phone, 'yyyyMMdd') AS d FROM staged.enterprises",
                "SELECT element_at(array(phone), 5) AS p FROM staged.enterprises")) {
            CliRun run = cli("--sql", sql, "--out", out.toString());
            assertThat(run.status()).as(sql).isIn(1, 2);
            assertThat(run.err().strip()).as(sql).startsWith("error: ").doesNotContain("\n").doesNotContain("\tat ");
            assertNoSecret(sql, run.out() + run.err());
            assertThat(out).doesNotExist();
        }
        CliRun run = cli("--sql", "SELECT 1 / (fine - fine) AS broken FROM staged.cases", "--out", out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("error: the query failed after 0 rows, nothing was written: ").containsIgnoringCase("division by zero")
                .doesNotContain("\n");
    }

    @Test
    void unmaskingBuildsClearViewsForThatRunOnlyAndRecordsIt()
            throws IOException
    {
        Path conf = directory.resolve("unmask.yaml");
        Files.writeString(conf, "export:\n  allow_unmask: true\n");
        Path out = directory.resolve("clear.xlsx");
        CliRun run = CliRun.of("export", "--conf", conf.toString(), "--lake", lake.toString(), "--master", "local[2]", "--unmask",
                "--sql", "SELECT legal_rep, phone FROM staged.enterprises ORDER BY credit_code", "--out", out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("personal data in clear");
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(out))) {
            assertThat(workbook.getSheetAt(0).getRow(1).getCell(1).getStringCellValue()).isEqualTo(PHONE_A);
            StringBuilder metadata = new StringBuilder();
            workbook.getSheetAt(2).forEach(row -> row.forEach(cell -> metadata.append(cell).append('|')));
            assertThat(metadata.toString()).contains("--unmask");
        }
        // The next run without --unmask is masked again.
        Path masked = directory.resolve("masked-again.csv");
        assertThat(cli("--sql", "SELECT legal_rep, phone FROM staged.enterprises", "--out", masked.toString()).status()).isZero();
        assertNoSecret("after --unmask", Files.readString(masked, StandardCharsets.UTF_8));
        // Without the conf switch, --unmask is refused.
        assertThat(cli("--unmask", "--sql", "SELECT phone FROM staged.enterprises", "--out", masked.toString()).err()).contains("--unmask is not allowed");
    }

    @Test
    void theOutputMustBeARegularFileOutsideTheLake()
            throws IOException
    {
        Path folder = Files.createDirectories(directory.resolve("folder.csv"));
        Path device = directory.resolve("null.csv");
        Files.createSymbolicLink(device, Path.of("/dev/null"));
        Map<String, String> lakeBefore = TestFiles.fingerprint(lake);
        for (Path out : List.of(folder, device, lake.resolve("x.csv"), lake.resolve("staged").resolve("cases.xlsx"))) {
            CliRun run = cli("--sql", "SELECT 1 AS x", "--out", out.toString());
            assertThat(run.status()).as(out.toString()).isEqualTo(2);
            assertThat(run.err().strip()).as(out.toString()).startsWith("error: --out ").doesNotContain("\n");
        }
        assertThat(TestFiles.fingerprint(lake)).isEqualTo(lakeBefore);
        assertThat(Files.isSymbolicLink(device)).isTrue();
        CliRun unwritable = cli("--sql", "SELECT 1 AS x", "--out", "/proc/zhijian-export.csv");
        assertThat(unwritable.status()).isNotZero();
        assertThat(unwritable.err().strip()).startsWith("error: ").doesNotContain("\n").doesNotContain("\tat ");
    }

    @Test
    void anExportPastItsTimeoutIsCancelledAndLeavesNoFile()
            throws IOException
    {
        Path out = directory.resolve("slow.csv");
        ExportJob.Request request = new ExportJob.Request(
                Optional.of("SELECT count(*) AS n FROM (SELECT explode(sequence(1, 300000)) AS a) CROSS JOIN (SELECT explode(sequence(1, 300000)) AS b) WHERE a * b % 7 = 3"),
                Optional.empty(), Optional.empty(), List.of(), out, StandardCharsets.UTF_8, false, false, List.of(), true, 1_048_575, Duration.ofSeconds(2));
        long started = System.nanoTime();
        assertThatThrownBy(() -> new ExportJob(spark, lake.toString()).run(request)).isInstanceOf(ZhijianException.class)
                .hasMessageContaining("export.timeout (2s)").hasMessageContaining("nothing was written");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(path -> path.getFileName().toString())).noneMatch(name -> name.contains("slow.csv"));
        }
    }

    private static CliRun cli(String... arguments)
    {
        List<String> all = new ArrayList<>(List.of("export", "--lake", lake.toString(), "--master", "local[2]"));
        all.addAll(List.of(arguments));
        return CliRun.of(all.toArray(String[]::new));
    }

    private static void assertNoSecret(String what, String text)
    {
        // The temporary folder's random name may hold any four digits: paths are not values.
        String values = text.replace(directory.toString(), "<dir>");
        for (String secret : SECRETS) {
            assertThat(values).as(what + ": holds '" + secret + "'").doesNotContain(secret);
        }
    }

    private static String versionFolder(String table)
            throws IOException
    {
        return Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()).table(TableName.parse(table)).orElseThrow().path();
    }

    private static List<List<String>> rows(Path csv)
            throws IOException
    {
        List<List<String>> rows = new ArrayList<>();
        try (CsvReader reader = new CsvReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8))) {
            reader.forEachRemaining(record -> rows.add(record.fields()));
        }
        return rows;
    }

    private static String md5(String text)
    {
        try {
            return String.format("%032x", new BigInteger(1, MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8))));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

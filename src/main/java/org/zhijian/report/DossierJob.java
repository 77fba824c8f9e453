package org.zhijian.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.PersonalData;
import org.zhijian.lake.Snapshot;
import org.zhijian.reference.CreditCode;

import static java.util.Objects.requireNonNull;

/**
 * Everything the lake holds on given enterprises, for their quality-credit dossiers (企业质量信用
 * 档案): registration, ratings with reasons, the red and black lists, every sampled batch, case,
 * brand and standard with the file and line it came from, and the pass rate against the
 * enterprises of the same county and industry division. Read through the lake's views, so
 * personal columns are masked exactly as export masks them unless unmasked; each table is read
 * once for all the enterprises asked for.
 */
public final class DossierJob
{
    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(DossierJob.class);
    /** Years of the summary and of the peer comparison: the last three with sampling. */
    static final int RECENT_YEARS = 3;
    private static final int PARALLEL_QUERIES = 4;

    /** Where a sheet's rows came from: the lake table, the run that wrote its version, each source file and its rows. */
    public record Source(String sheet, String table, String runId, String sourceFile, long rows) {}

    /** The enterprise's pass rate over the recent years against its peers' (same county, same industry division). */
    public record Peers(int firstYear, int lastYear, long batches, long passed, int peers, Double median, Double percentile)
    {
        public Double rate()
        {
            return batches == 0 ? null : (double) passed / batches;
        }
    }

    /**
     * One enterprise's dossier: per part (registration, ratings, lists, batches, cases, brands,
     * standards) its rows, each with the part's columns (credit_code first); its peers; the sources.
     */
    public record Dossier(String creditCode, Map<String, List<Object[]>> parts, Map<String, List<String>> columns, Peers peers, List<Source> sources, int lastYear)
    {
        public List<Object[]> rows(String part)
        {
            return parts.getOrDefault(part, List.of());
        }

        /** A row's value of a column, null when the part lacks it (a table the lake does not hold). */
        public Object value(String part, Object[] row, String column)
        {
            int index = columns.getOrDefault(part, List.of()).indexOf(column);
            return index < 0 ? null : row[index];
        }
    }

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("registration", "SELECT credit_code, name, status, county_code, city_code, industry_code, industry_division, size, above_scale, high_tech, "
                + "established, legal_rep, phone, source_file, source_line FROM staged_enterprises");
        QUERIES.put("ratings", "SELECT credit_code, year, grade, score, forced, r.rule_id, r.records, r.points, r.evidence "
                + "FROM ratings_credit LATERAL VIEW OUTER inline(reasons) r AS rule_id, records, points, evidence");
        QUERIES.put("lists", "SELECT credit_code, year, list, change, reason_zh, reason_en FROM ratings_credit_lists");
        QUERIES.put("batches", "SELECT credit_code, sampled_on, batch_id, category, plan_level, result, failed_items, source_file, source_line FROM staged_inspections");
        // Failed batches named by a failed-only list (不合格产品信息): shown, never counted in a pass rate.
        QUERIES.put("failed", "SELECT credit_code, sampled_on, batch_id, category, plan_level, failed_items, source_file, source_line FROM staged_failed_batches");
        QUERIES.put("cases", "SELECT credit_code, case_id, violation, opened_on, closed_on, fine, goods_value, source_file, source_line FROM staged_cases");
        QUERIES.put("brands", "SELECT credit_code, brand_id, brand_name, product, level, certified_on, valid_until, revoked_on, own_ip, source_file, source_line FROM staged_brands");
        QUERIES.put("standards", "SELECT credit_code, standard_no, standard_kind, role, adoption, intl_ref, product, effective_on, from_rnd, source_file, source_line FROM staged_standards");
        // The rest of the bureau's work: licences held, recalls announced, special equipment registered.
        QUERIES.put("licences", "SELECT credit_code, licence_no, product, issued_on, valid_until, status, status_on, source_file, source_line FROM staged_licences");
        QUERIES.put("recalls", "SELECT credit_code, recall_id, product, category, units, announced_on, kind, defect, source_file, source_line FROM staged_recalls");
        QUERIES.put("equipment", "SELECT credit_code, equipment_code, registration_code, type, registered_on, status, status_on, next_inspection_due, source_file, source_line "
                + "FROM staged_equipment");
    }

    /** The table each query reads, and the order of its rows. */
    private static final Map<String, String[]> TABLES = Map.ofEntries(
            Map.entry("registration", new String[] {"staged.enterprises", "credit_code"}),
            Map.entry("ratings", new String[] {"ratings.credit", "year, rule_id"}),
            Map.entry("lists", new String[] {"ratings.credit_lists", "year, list"}),
            Map.entry("batches", new String[] {"staged.inspections", "sampled_on, batch_id"}),
            Map.entry("failed", new String[] {"staged.failed_batches", "sampled_on, batch_id"}),
            Map.entry("cases", new String[] {"staged.cases", "opened_on, case_id"}),
            Map.entry("brands", new String[] {"staged.brands", "certified_on, brand_id"}),
            Map.entry("standards", new String[] {"staged.standards", "effective_on, standard_no"}),
            Map.entry("licences", new String[] {"staged.licences", "issued_on, licence_no"}),
            Map.entry("recalls", new String[] {"staged.recalls", "announced_on, recall_id"}),
            Map.entry("equipment", new String[] {"staged.equipment", "registered_on, equipment_code"}));

    private final SparkSession spark;
    private final Lake lake;
    private final Snapshot snapshot;
    /** The lake tables read, by name, and the version each view reads. */
    private final Map<String, org.zhijian.lake.TableVersion> versions = new LinkedHashMap<>();

    /** Opens the lake's current snapshot and registers its views, personal columns masked unless {@code unmasked}. */
    public DossierJob(SparkSession spark, String lakeLocation, PersonalData personal, boolean unmasked)
            throws java.io.IOException
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        this.snapshot = lake.current();
        if (snapshot.table(LakeTables.staged("enterprises")).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "the lake at " + lake.root() + " has no enterprise register (staged.enterprises); run `zhijian ingest` first");
        }
        if (snapshot.table(LakeTables.CREDIT_RATINGS).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "the lake at " + lake.root() + " has no credit ratings; run `zhijian build` first");
        }
        // Session views over the snapshot's versions (read with their stored schemas: no file is opened
        // here), personal columns masked by the rule the lake's export views use.
        for (String[] table : TABLES.values()) {
            snapshot.table(org.zhijian.lake.TableName.parse(table[0])).ifPresent(version -> {
                Dataset<Row> rows = lake.read(spark, version);
                List<String> items = new ArrayList<>();
                for (org.apache.spark.sql.types.StructField field : rows.schema().fields()) {
                    personal.viewColumn(rows.schema(), field, unmasked).ifPresent(items::add);
                }
                rows.selectExpr(items.toArray(String[]::new)).createOrReplaceTempView(view(table[0]));
                versions.put(table[0], version);
            });
        }
    }

    public Lake lake()
    {
        return lake;
    }

    /**
     * The credit code of the enterprise a user named: a credit code (checked against GB 32100 and
     * the register) or a name (exactly, else as part of a name). Several matches or none are
     * refused with the candidates or the nearest names.
     */
    public String resolve(String query)
    {
        String given = query.strip();
        String upper = given.toUpperCase(Locale.ROOT);
        if (upper.length() == CreditCode.LENGTH && upper.chars().allMatch(c -> CreditCode.ALPHABET.indexOf(c) >= 0)) {
            if (CreditCode.verify(upper) == CreditCode.Verdict.BAD_CHECK) {
                throw new ZhijianException(ZhijianException.Code.USAGE, upper + " fails the GB 32100 check: its last character should be "
                        + CreditCode.expectedCheckCharacter(upper).map(String::valueOf).orElse("?") + ", not " + upper.charAt(17));
            }
            if (register().where(org.apache.spark.sql.functions.col("credit_code").equalTo(upper)).isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "no enterprise with credit code " + upper + " in the register" + nearest("credit_code", upper));
            }
            return upper;
        }
        List<Row> exact = register().where(org.apache.spark.sql.functions.col("name").equalTo(given)).select("credit_code", "name", "county_code").collectAsList();
        List<Row> matches = exact.isEmpty()
                ? register().where(org.apache.spark.sql.functions.col("name").contains(given)).select("credit_code", "name", "county_code").orderBy("name", "credit_code").limit(11).collectAsList()
                : exact;
        if (matches.size() == 1) {
            return matches.get(0).getString(0);
        }
        if (matches.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "no enterprise named like '" + given + "' in the register" + nearest("name", given));
        }
        String listed = matches.stream().limit(10).map(row -> row.getString(0) + " " + row.getString(1) + " (" + row.getString(2) + ")").collect(Collectors.joining("; "));
        throw new ZhijianException(ZhijianException.Code.USAGE, matches.size() + (matches.size() > 10 ? "+" : "") + " enterprises match '" + given + "': " + listed
                + "; give the credit code");
    }

    /** The enterprises graded {@code grade} in {@code year}; a year without ratings is refused, naming the years there are. */
    public List<String> graded(String grade, int year)
    {
        Dataset<Row> ratings = spark.table("ratings_credit");
        TreeSet<Integer> years = new TreeSet<>(ratings.select("year").distinct().as(Encoders.INT()).collectAsList());
        if (!years.contains(year)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "no credit ratings for " + year + "; the lake holds " + (years.isEmpty() ? "none" : years.first() + "–" + years.last()));
        }
        return ratings.where(org.apache.spark.sql.functions.col("year").equalTo(year).and(org.apache.spark.sql.functions.col("grade").equalTo(grade)))
                .select("credit_code").orderBy("credit_code").as(Encoders.STRING()).collectAsList();
    }

    /** Which of {@code codes} the register holds. */
    public Set<String> known(List<String> codes)
    {
        return new TreeSet<>(register().join(spark.createDataset(codes, Encoders.STRING()).toDF("credit_code"), "credit_code")
                .select("credit_code").as(Encoders.STRING()).collectAsList());
    }

    /** Enterprises read together: each table is read once per chunk, and memory holds one chunk's parts, however many are asked for. */
    static final int CHUNK = 200;
    /** A list file longer than this is refused: it would be a register, not a list. */
    static final long LIST_LIMIT_BYTES = 4L << 20;

    /** The credit codes of a list file, each with its line, and the lines that are not a valid code (file:line: value: why). */
    public record ListFile(Map<String, Integer> codes, List<String> problems) {}

    /** Reads a list file: one credit code a line, # starts a comment; blank lines and repeats are skipped. */
    public static ListFile readList(java.nio.file.Path file)
    {
        List<String> lines;
        try {
            if (java.nio.file.Files.size(file) > LIST_LIMIT_BYTES) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--list " + file + " is larger than " + (LIST_LIMIT_BYTES >> 20) + " MB; split it");
            }
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (java.io.IOException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "cannot read --list " + file + ": " + e.getMessage());
        }
        Map<String, Integer> codes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replace("\uFEFF", "").strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String code = line.toUpperCase(Locale.ROOT);
            CreditCode.Verdict verdict = CreditCode.verify(code);
            if (verdict == CreditCode.Verdict.VALID) {
                codes.putIfAbsent(code, i + 1);
            }
            else {
                problems.add(file + ":" + (i + 1) + ": " + line + ": " + (verdict == CreditCode.Verdict.BAD_FORMAT ? "not an 18-character credit code"
                        : "fails the GB 32100 check (last character should be " + CreditCode.expectedCheckCharacter(code).map(String::valueOf).orElse("?") + ")"));
            }
        }
        return new ListFile(codes, problems);
    }

    /**
     * Writes the dossiers of {@code codes} (all in the register) with {@code workbook}, each to the
     * file {@code target} gives for its code (checked to lie outside the lake), a chunk at a time;
     * {@code progress} hears of each. Returns the files written.
     */
    public List<java.nio.file.Path> write(List<String> codes, DossierWorkbook workbook, java.util.function.Function<String, java.nio.file.Path> target,
            java.util.function.Consumer<String> progress)
            throws java.io.IOException
    {
        List<java.nio.file.Path> written = new ArrayList<>();
        for (int from = 0; from < codes.size(); from += CHUNK) {
            for (Dossier dossier : read(codes.subList(from, Math.min(codes.size(), from + CHUNK)))) {
                java.nio.file.Path file = org.zhijian.export.OutputFiles.checkWritable(target.apply(dossier.creditCode()), lake);
                workbook.write(dossier, snapshot.version(), file);
                written.add(file);
                progress.accept(String.format(Locale.ROOT, "  [%d/%d] %s", written.size(), codes.size(), file));
            }
        }
        return written;
    }

    /** The dossiers of {@code codes} (all in the register), in the order given; each table is read once. */
    public List<Dossier> read(List<String> codes)
    {
        spark.createDataset(codes, Encoders.STRING()).toDF("credit_code").createOrReplaceTempView("dossier_subjects");
        long started = System.nanoTime();
        Map<String, List<String>> layouts = new LinkedHashMap<>();
        Map<String, Map<String, List<Object[]>>> bySheet = new LinkedHashMap<>();
        // The parts are small and each mostly waits on Spark's planning and scheduling: a few run at once.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(PARALLEL_QUERIES, runnable -> {
            Thread thread = new Thread(runnable, "dossier-query");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, java.util.concurrent.Future<List<Row>>> results = new LinkedHashMap<>();
        try {
            java.util.concurrent.Future<Integer> latest = pool.submit(() -> spark.sql("SELECT max(year) FROM ratings_credit").first().getInt(0));
            for (Map.Entry<String, String> query : QUERIES.entrySet()) {
                String[] table = TABLES.get(query.getKey());
                if (versions.containsKey(table[0])) {
                    // Sorted here, not by Spark: a handful of rows a part, and no shuffle to wait for.
                    Dataset<Row> result = spark.sql("SELECT * FROM (" + query.getValue() + ") q WHERE q.credit_code IN (SELECT credit_code FROM dossier_subjects)");
                    layouts.put(query.getKey(), List.of(result.columns()));
                    results.put(query.getKey(), pool.submit(result::collectAsList));
                }
                else {
                    layouts.put(query.getKey(), List.of("credit_code"));
                }
            }
            int lastYear = latest.get();
            java.util.concurrent.Future<Map<String, Peers>> peers = pool.submit(() -> peers(lastYear));
            for (String part : QUERIES.keySet()) {
                Map<String, List<Object[]>> rows = new LinkedHashMap<>();
                if (results.containsKey(part)) {
                    List<Row> collected = new ArrayList<>(results.get(part).get());
                    collected.sort(order(layouts.get(part), TABLES.get(part)[1]));
                    for (Row row : collected) {
                        Object[] values = new Object[row.length()];
                        for (int i = 0; i < values.length; i++) {
                            values[i] = row.get(i);
                        }
                        rows.computeIfAbsent(row.getString(0), ignored -> new ArrayList<>()).add(values);
                    }
                }
                bySheet.put(part, rows);
            }
            Map<String, Peers> compared = peers.get();
            LOG.debug("dossier parts of {} enterprises read in {} ms", codes.size(), (System.nanoTime() - started) / 1_000_000);
            return dossiers(codes, bySheet, layouts, compared, lastYear);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZhijianException(ZhijianException.Code.FAILURE, "interrupted while reading the dossiers");
        }
        catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        finally {
            pool.shutdownNow();
        }
    }

    private List<Dossier> dossiers(List<String> codes, Map<String, Map<String, List<Object[]>>> bySheet, Map<String, List<String>> layouts, Map<String, Peers> peers, int lastYear)
    {
        List<Dossier> dossiers = new ArrayList<>();
        for (String code : codes) {
            Map<String, List<Object[]>> own = new LinkedHashMap<>();
            bySheet.forEach((sheet, rows) -> own.put(sheet, rows.getOrDefault(code, List.of())));
            if (own.get("registration").isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "no enterprise with credit code " + code + " in the register");
            }
            dossiers.add(new Dossier(code, own, layouts, peers.getOrDefault(code, new Peers(lastYear - RECENT_YEARS + 1, lastYear, 0, 0, 0, null, null)),
                    sources(own, layouts), lastYear));
        }
        return dossiers;
    }

    /**
     * Each enterprise's pass rate over the recent years, and where it stands among the enterprises
     * of its county and industry division with batches in those years: the percentile counts the
     * peers below it, ties as half.
     */
    private Map<String, Peers> peers(int lastYear)
    {
        int firstYear = lastYear - RECENT_YEARS + 1;
        if (!versions.containsKey("staged.inspections")) {
            return Map.of();
        }
        List<Row> rows = spark.sql("""
                WITH s AS (SELECT e.credit_code, e.county_code, e.industry_division FROM staged_enterprises e JOIN dossier_subjects d ON d.credit_code = e.credit_code),
                peers AS (SELECT s.credit_code AS subject, e.credit_code FROM staged_enterprises e JOIN s
                          ON e.county_code = s.county_code AND e.industry_division <=> s.industry_division),
                rates AS (SELECT credit_code, count(*) AS batches, count_if(result = '合格') AS passed FROM staged_inspections
                          WHERE credit_code IN (SELECT credit_code FROM peers) AND year(sampled_on) BETWEEN %d AND %d GROUP BY credit_code)
                SELECT p.subject, p.credit_code, r.batches, r.passed FROM peers p JOIN rates r ON r.credit_code = p.credit_code
                """.formatted(firstYear, lastYear)).collectAsList();
        Map<String, List<Row>> bySubject = new LinkedHashMap<>();
        rows.forEach(row -> bySubject.computeIfAbsent(row.getString(0), ignored -> new ArrayList<>()).add(row));
        Map<String, Peers> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> subject : bySubject.entrySet()) {
            Optional<Row> own = subject.getValue().stream().filter(row -> row.getString(1).equals(subject.getKey())).findFirst();
            List<Double> others = subject.getValue().stream().filter(row -> !row.getString(1).equals(subject.getKey()))
                    .map(row -> (double) row.getLong(3) / row.getLong(2)).sorted().toList();
            long batches = own.map(row -> row.getLong(2)).orElse(0L);
            long passed = own.map(row -> row.getLong(3)).orElse(0L);
            Double median = others.isEmpty() ? null : others.size() % 2 == 1 ? others.get(others.size() / 2)
                    : (others.get(others.size() / 2 - 1) + others.get(others.size() / 2)) / 2;
            Double percentile = null;
            if (batches > 0 && !others.isEmpty()) {
                double rate = (double) passed / batches;
                double below = others.stream().filter(other -> other < rate).count() + 0.5 * others.stream().filter(other -> other == rate).count();
                percentile = 100 * below / others.size();
            }
            result.put(subject.getKey(), new Peers(firstYear, lastYear, batches, passed, others.size(), median, percentile));
        }
        return result;
    }

    /** Per sheet, the table read, the run that wrote it, and each source file with its rows (the build's tables have none). */
    private List<Source> sources(Map<String, List<Object[]>> own, Map<String, List<String>> layouts)
    {
        List<Source> sources = new ArrayList<>();
        for (Map.Entry<String, List<Object[]>> sheet : own.entrySet()) {
            String table = TABLES.get(sheet.getKey())[0];
            if (!versions.containsKey(table)) {
                continue;
            }
            String runId = versions.get(table).runId();
            int column = layouts.get(sheet.getKey()).indexOf("source_file");
            if (column < 0) {
                sources.add(new Source(sheet.getKey(), table, runId, null, sheet.getValue().size()));
                continue;
            }
            Map<String, Long> files = new java.util.TreeMap<>();
            sheet.getValue().forEach(row -> files.merge(String.valueOf(row[column]), 1L, Long::sum));
            files.forEach((file, count) -> sources.add(new Source(sheet.getKey(), table, runId, file, count)));
        }
        return sources;
    }

    /** Rows ordered by the named columns ("year, rule_id"), nulls first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static java.util.Comparator<Row> order(List<String> columns, String by)
    {
        java.util.Comparator<Row> comparator = (a, b) -> 0;
        for (String name : by.split(",")) {
            int index = columns.indexOf(name.strip());
            comparator = comparator.thenComparing(row -> (Comparable) row.get(index), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()));
        }
        return comparator;
    }

    /** The session view of a lake table. */
    private static String view(String table)
    {
        return table.replace('.', '_');
    }

    private Dataset<Row> register()
    {
        return spark.table("staged_enterprises");
    }

    /** "; nearest: …" — the five values of a register column closest to {@code given} by edit distance. */
    private String nearest(String column, String given)
    {
List<String> nearest = register().select(column)
                .orderBy(org.apache.spark.sql.functions.levenshtein(org.apache.spark.sql.functions.col(column), org.apache.spark.sql.functions.lit(given)), org.apache.spark.sql.functions.col(column))
                .limit(5).as(Encoders.STRING()).collectAsList();
        return nearest.isEmpty() ? "" : "; nearest: " + String.join(", ", nearest);
    }
}

package org.zhijian.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.Snapshot;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * The public credit list of a year (信用公示): every rated enterprise's grade with its reasons in
 * plain words, the red list (守信激励) and the black list (失信惩戒) with the rule that put each
 * enterprise there, and the year's additions and removals — four files, each as .xlsx and .csv.
 *
 * <p>Written by the export machinery (streamed, typed cells, formula-looking text defused), as a
 * publication: the queries name their columns one by one and none of them is personal, the lake's
 * views mask personal columns whatever a query says, and the metadata names no query, path or
 * table of the bureau's systems.
 */
public final class CreditPublication
{
    /** The year to publish, the folder to write into, and the language of headers and words. */
    public record Request(int year, Path out, boolean chinese, Duration timeout)
    {
        public Request
        {
            requireNonNull(out, "out is null");
            requireNonNull(timeout, "timeout is null");
        }
    }

    /** The files written and what the lists hold. */
    public record Result(List<Path> files, long rated, long red, long black, long added, long removed, long durationMs) {}

    private final SparkSession spark;
    private final String lakeLocation;
    private final ReferenceData reference;
    private final CreditScorecard scorecard;
    private final Consumer<String> progress;

    public CreditPublication(SparkSession spark, String lakeLocation, ReferenceData reference, CreditScorecard scorecard, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.lakeLocation = requireNonNull(lakeLocation, "lakeLocation is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.scorecard = requireNonNull(scorecard, "scorecard is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Result run(Request request)
            throws IOException
    {
        long started = System.nanoTime();
        Lake lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        Snapshot snapshot = lake.current();
        var ratings = snapshot.table(LakeTables.CREDIT_RATINGS)
                .orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE, "the lake at " + lake.root() + " has no credit ratings; run `zhijian build` first"));
        var lists = snapshot.table(LakeTables.CREDIT_LISTS)
                .orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE, "the lake at " + lake.root() + " has no red and black lists (built before they existed); run `zhijian build` once"));
        TreeSet<Integer> years = new TreeSet<>();
        lake.read(spark, ratings).select("year").distinct().collectAsList().forEach(row -> years.add(row.getInt(0)));
        if (!years.contains(request.year())) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "no credit ratings for " + request.year() + "; the lake holds "
                    + (years.isEmpty() ? "none" : years.first() + "–" + years.last()));
        }
        boolean zh = request.chinese();
        int year = request.year();
        List<Path> files = new ArrayList<>();
        List<String[]> outputs = List.of(
                new String[] {zh ? "信用公示_" + year : "credit_publication_" + year, ratedQuery(year, zh)},
                new String[] {zh ? "守信激励名单_" + year : "red_list_" + year, listQuery(year, "red", zh)},
                new String[] {zh ? "失信惩戒名单_" + year : "black_list_" + year, listQuery(year, "black", zh)},
                new String[] {zh ? "名单变化_" + year : "list_changes_" + year, changesQuery(year, zh)});
        ExportJob export = new ExportJob(spark, lakeLocation);
        for (String[] output : outputs) {
            for (String extension : List.of(".xlsx", ".csv")) {
                Path file = request.out().resolve(output[0] + extension);
                progress.accept("  " + file.getFileName());
                export.run(new ExportJob.Request(Optional.of(output[1]), Optional.empty(), Optional.empty(), List.of(), file, StandardCharsets.UTF_8,
                        false, false, List.of(), zh, 1_048_575, request.timeout(), true));
                files.add(file);
            }
        }
        var rows = lake.read(spark, lists).where(col("year").equalTo(year));
        Row counts = rows.selectExpr("count_if(list = 'red' AND change <> 'removed')", "count_if(list = 'black' AND change <> 'removed')",
                "count_if(change = 'added')", "count_if(change = 'removed')").first();
        long rated = lake.read(spark, ratings).where(col("year").equalTo(year)).count();
        return new Result(List.copyOf(files), rated, counts.getLong(0), counts.getLong(1), counts.getLong(2), counts.getLong(3), (System.nanoTime() - started) / 1_000_000);
    }

    /** Every rated enterprise of the year with its grade, score, reasons in words and its list, if any. */
    String ratedQuery(int year, boolean zh)
    {
        String names = "map(" + scorecard.rules().stream().map(rule -> literal(rule.id()) + ", " + literal(zh ? rule.name().zh() : rule.name().en()))
                .collect(Collectors.joining(", ")) + ")";
        String reason = zh
                ? "concat(coalesce(element_at(" + names + ", x.rule_id), x.rule_id), ' ', cast(x.records AS STRING), ' 项，', "
                        + "CASE WHEN x.points > 0 THEN '+' ELSE '' END, format_number(x.points, 0), ' 分：', x.evidence)"
                : "concat(coalesce(element_at(" + names + ", x.rule_id), x.rule_id), ', ', cast(x.records AS STRING), ' record(s), ', "
                        + "CASE WHEN x.points > 0 THEN '+' ELSE '' END, format_number(x.points, 0), ' points: ', x.evidence)";
        return "SELECT r.enterprise_name AS " + header(zh, "企业名称", "enterprise") + ", r.credit_code AS " + header(zh, "统一社会信用代码", "credit_code")
                + ", concat_ws(' ', c.name, d.name) AS " + header(zh, "所在地", "location") + ", r.grade AS " + header(zh, "信用等级", "grade")
                + ", r.score AS " + header(zh, "信用得分", "score")
                + ", array_join(transform(r.reasons, x -> " + reason + "), '" + (zh ? "；" : "; ") + "') AS " + header(zh, "评级依据", "reasons")
                + ", CASE l.list WHEN 'red' THEN " + literal(zh ? "守信激励" : "red list") + " WHEN 'black' THEN " + literal(zh ? "失信惩戒" : "black list") + " END AS "
                + header(zh, "名单", "list")
                + " FROM ratings.credit r"
                + " LEFT JOIN " + regions(zh) + " AS d(code, name) ON d.code = r.county_code"
                + " LEFT JOIN " + regions(zh) + " AS c(code, name) ON c.code = r.city_code"
                + " LEFT JOIN (SELECT credit_code, list FROM ratings.credit_lists WHERE year = " + year + " AND change <> 'removed') l ON l.credit_code = r.credit_code"
                + " WHERE r.year = " + year
                + " ORDER BY r.city_code, r.county_code, r.credit_code";
    }

    /** The enterprises on one list in the year, new or kept, with the rule that lists them. */
    String listQuery(int year, String list, boolean zh)
    {
        return "SELECT l.enterprise_name AS " + header(zh, "企业名称", "enterprise") + ", l.credit_code AS " + header(zh, "统一社会信用代码", "credit_code")
                + ", concat_ws(' ', c.name, d.name) AS " + header(zh, "所在地", "location") + ", l.grade AS " + header(zh, "信用等级", "grade")
                + ", CASE l.change WHEN 'added' THEN " + literal(zh ? "新增" : "added") + " ELSE " + literal(zh ? "继续列入" : "kept") + " END AS " + header(zh, "本年变化", "change")
                + ", l." + (zh ? "reason_zh" : "reason_en") + " AS " + header(zh, "列入依据", "rule")
                + " FROM ratings.credit_lists l" + located(zh) + " WHERE l.year = " + year + " AND l.list = " + literal(list) + " AND l.change <> 'removed'"
                + " ORDER BY l.city_code, l.county_code, l.credit_code";
    }

    /** The year's additions to and removals from both lists, with why. */
    String changesQuery(int year, boolean zh)
    {
        return "SELECT CASE l.list WHEN 'red' THEN " + literal(zh ? "守信激励" : "red list") + " ELSE " + literal(zh ? "失信惩戒" : "black list") + " END AS " + header(zh, "名单", "list")
                + ", CASE l.change WHEN 'added' THEN " + literal(zh ? "新增" : "added") + " ELSE " + literal(zh ? "移出" : "removed") + " END AS " + header(zh, "变化", "change")
                + ", l.enterprise_name AS " + header(zh, "企业名称", "enterprise") + ", l.credit_code AS " + header(zh, "统一社会信用代码", "credit_code")
                + ", concat_ws(' ', c.name, d.name) AS " + header(zh, "所在地", "location")
                + ", l." + (zh ? "reason_zh" : "reason_en") + " AS " + header(zh, "原因", "reason")
                + " FROM ratings.credit_lists l" + located(zh) + " WHERE l.year = " + year + " AND l.change IN ('added', 'removed')"
                + " ORDER BY l.list, l.change, l.city_code, l.county_code, l.credit_code";
    }

    /** An inline table of division codes and names in the language: the lake keeps codes, the public reads names. */
    private String regions(boolean zh)
    {
        return "(VALUES " + reference.divisions().names(zh).entrySet().stream().map(name -> "(" + literal(name.getKey()) + ", " + literal(name.getValue()) + ")")
                .collect(Collectors.joining(", ")) + ")";
    }

    /** The joins naming a list row's city (c) and county (d). */
    private String located(boolean zh)
    {
        return " LEFT JOIN " + regions(zh) + " AS d(code, name) ON d.code = l.county_code LEFT JOIN " + regions(zh) + " AS c(code, name) ON c.code = l.city_code";
    }

    private static String header(boolean zh, String chinese, String english)
    {
        return "`" + (zh ? chinese : english) + "`";
    }

    /** A SQL string literal: backslashes and quotes escaped (the texts come from conf and reference files). */
    private static String literal(String text)
    {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}

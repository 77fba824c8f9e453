package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.zhijian.lake.LakeTables;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;

/**
 * `report`: the leadership brief of one period from the lake's marts, written to
 * {@code <reports>/<period>/} as a workbook and a self-contained HTML page (each a temp file, then
 * moved into place), both rendered from one {@link BriefView}, with its charts as PNG and SVG under
 * {@code charts/}.
 */
public final class BriefJob
{
    /** The documents a brief can be written as. */
    public enum Format
    {
        XLSX, HTML;

        public String id()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Formats from a comma-separated list such as {@code xlsx,html}; an unknown name fails naming the known ones. */
        public static java.util.Set<Format> parse(String list)
        {
            java.util.Set<Format> formats = java.util.EnumSet.noneOf(Format.class);
            for (String item : list.split(",")) {
                String name = item.trim();
                formats.add(java.util.Arrays.stream(values()).filter(format -> format.id().equals(name)).findFirst()
                        .orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE, "unknown report format '" + name + "'; known: xlsx, html")));
            }
            return formats;
        }
    }

    /** What was written: the workbook and the page when asked for, the chart files. */
    public record Result(Optional<Path> workbook, Optional<Path> html, List<Path> charts, long snapshot, long durationMs)
    {
        /** The workbook and the page that were written, in that order. */
        public List<Path> documents()
        {
            return java.util.stream.Stream.of(workbook, html).flatMap(Optional::stream).toList();
        }
    }

    /** Everything a brief is made from besides the lake: the catalogue, reference data, scorecard and the report definition. */
    public record Inputs(IndicatorCatalogue catalogue, ReferenceData reference, CreditScorecard scorecard, ReportDefinition definition, String definitionSource)
    {
        public Inputs
        {
            requireNonNull(catalogue, "catalogue is null");
            requireNonNull(reference, "reference is null");
            requireNonNull(scorecard, "scorecard is null");
            requireNonNull(definition, "definition is null");
            requireNonNull(definitionSource, "definitionSource is null");
        }
    }

    /**
     * A brief runs some twenty queries over small marts: interpreted rather than compiled, in
     * one shuffle partition and without adaptive re-planning, each takes a fraction of the time
     * (measured in a fresh JVM at scale 0.1: 12 s of queries became 8 s; warm, 4.5 s). Set for
     * the brief only; the session's own settings are restored after.
     */
    private static final Map<String, String> SMALL_QUERIES = Map.of(
            "spark.sql.codegen.wholeStage", "false",
            "spark.sql.codegen.factoryMode", "NO_CODEGEN",
            "spark.sql.shuffle.partitions", "1",
            "spark.sql.adaptive.enabled", "false");

    private final SparkSession spark;
    private final Inputs inputs;

    public BriefJob(SparkSession spark, Inputs inputs)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.inputs = requireNonNull(inputs, "inputs is null");
    }

    public Result run(String lakeLocation, Periods.Period period, String language, Optional<Path> font, Path reports)
            throws IOException
    {
        return run(lakeLocation, period, language, font, reports, java.util.EnumSet.allOf(Format.class));
    }

    public Result run(String lakeLocation, Periods.Period period, String language, Optional<Path> font, Path reports, java.util.Set<Format> formats)
            throws IOException
    {
        if (formats.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "give at least one report format (xlsx, html)");
        }
        long started = System.nanoTime();
        Map<String, String> previous = new java.util.HashMap<>();
        SMALL_QUERIES.forEach((key, value) -> {
            previous.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
        });
        try {
            return write(lakeLocation, period, language, font, reports, formats, started);
        }
        finally {
            previous.forEach((key, value) -> {
                if (value == null) {
                    spark.conf().unset(key);
                }
                else {
                    spark.conf().set(key, value);
                }
            });
        }
    }

    private Result write(String lakeLocation, Periods.Period period, String language, Optional<Path> font, Path reports, java.util.Set<Format> formats, long started)
            throws IOException
    {
        Lake lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        // One snapshot for every query, so the brief is consistent even while a build publishes.
        Snapshot snapshot = lake.current();
        if (snapshot.table(org.zhijian.lake.LakeTables.INDICATOR_VALUES).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lakeLocation + " has no indicator values; run `zhijian build` first");
        }
        ReportPeriod periods = ReportPeriod.of(period);
        // The summary's figures are read while the blocks' queries run: both mostly wait on Spark.
        java.util.concurrent.CompletableFuture<BriefData> summary = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> BriefData.read(spark, lake, snapshot, periods));
        BriefText text = BriefText.of(language, inputs.reference());
        Map<String, ReportQueries.Table> tables = ReportQueries.run(spark, lake, snapshot, inputs.definition(), periods, inputs.reference(), inputs.scorecard(),
                language, inputs.definitionSource());
        BriefData data;
        try {
            data = summary.join();
        }
        catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Charts charts = new Charts(ChartFonts.resolve(font, BriefViewBuilder.labels(inputs.definition(), tables, inputs.catalogue(), text, inputs.reference())));
        BriefView view = new BriefViewBuilder(data, inputs.definition(), inputs.definitionSource(), tables, inputs.catalogue(), text, inputs.reference()).build();
        Map<String, Charts.Rendered> rendered = charts.renderAll(view.charts());

        Path directory = reports.resolve(period.id());
        String suffix = text.chinese() ? "" : "_en";
        String name = (text.chinese() ? "质量工作简报_" : "quality_brief_") + period.id() + suffix;
        Optional<Path> workbook = Optional.empty();
        if (formats.contains(Format.XLSX)) {
            Path target = directory.resolve(name + ".xlsx");
            try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
                new BriefWorkbook(view, rendered).write(book);
                book.publish(target);
            }
            workbook = Optional.of(target);
        }
        Optional<Path> html = Optional.empty();
        if (formats.contains(Format.HTML)) {
            Map<String, String> files = new java.util.LinkedHashMap<>();
            rendered.keySet().forEach(id -> files.put(id, "charts/" + id + suffix + ".svg"));
            Path target = directory.resolve(name + ".html");
            byte[] page = new BriefHtml(view, rendered, text).render(files).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ReportWorkbook.publish(target, output -> output.write(page));
            html = Optional.of(target);
        }
        List<Path> written = Charts.writeAll(rendered, directory.resolve("charts"), suffix);
        return new Result(workbook, html, written, data.snapshot(), (System.nanoTime() - started) / 1_000_000);
    }
}

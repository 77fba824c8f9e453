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
 * {@code <reports>/<period>/} as one workbook (temp file, then moved into place) with its charts
 * as PNG and SVG under {@code charts/}.
 */
public final class BriefJob
{
    /** What was written. */
    public record Result(Path workbook, List<Path> charts, long snapshot, long durationMs) {}

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
        long started = System.nanoTime();
        Map<String, String> previous = new java.util.HashMap<>();
        SMALL_QUERIES.forEach((key, value) -> {
            previous.put(key, spark.conf().get(key, null));
            spark.conf().set(key, value);
        });
        try {
            return write(lakeLocation, period, language, font, reports, started);
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

    private Result write(String lakeLocation, Periods.Period period, String language, Optional<Path> font, Path reports, long started)
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
        Charts charts = new Charts(ChartFonts.resolve(font, BriefWorkbook.labels(inputs.definition(), tables, inputs.catalogue(), text)));
        BriefWorkbook workbook = new BriefWorkbook(data, inputs.definition(), inputs.definitionSource(), tables, inputs.catalogue(), text, charts);

        Path directory = reports.resolve(period.id());
        Path target = directory.resolve((text.chinese() ? "质量工作简报_" : "quality_brief_") + period.id() + (text.chinese() ? "" : "_en") + ".xlsx");
        List<Path> written;
        try (ReportWorkbook book = new ReportWorkbook(text.fontName())) {
            workbook.write(book);
            book.publish(target);
            written = book.writeCharts(directory.resolve("charts"), text.chinese() ? "" : "_en");
        }
        return new Result(target, written, data.snapshot(), (System.nanoTime() - started) / 1_000_000);
    }
}

package org.zhijian.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.SparkSession;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;
import org.zhijian.lake.Lake;

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

    private final SparkSession spark;
    private final IndicatorCatalogue catalogue;

    public BriefJob(SparkSession spark, IndicatorCatalogue catalogue)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
    }

    public Result run(String lakeLocation, Periods.Period period, String language, Optional<Path> font, Path reports)
            throws IOException
    {
        long started = System.nanoTime();
        Lake lake = Lake.open(lakeLocation, spark.sparkContext().hadoopConfiguration());
        BriefData data = BriefData.read(spark, lake, period);
        BriefText text = new BriefText(language);
        List<String> labels = new ArrayList<>();
        labels.add(text.passRateChartTitle(period));
        labels.add(text.passRateAxis());
        labels.add(text.targetLabel());
        data.values().forEach(value -> labels.add(value.regionName()));
        Charts charts = new Charts(ChartFonts.resolve(font, labels));
        BriefWorkbook workbook = new BriefWorkbook(data, catalogue, text, charts);

        Path directory = reports.resolve(period.id());
        Files.createDirectories(directory);
        Path target = directory.resolve((text.chinese() ? "质量工作简报_" : "quality_brief_") + period.id() + (text.chinese() ? "" : "_en") + ".xlsx");
        Path temporary = Files.createTempFile(directory, ".brief-", ".xlsx.tmp");
        try {
            try (OutputStream output = Files.newOutputStream(temporary)) {
                workbook.write(output);
            }
            if (Files.getFileStore(temporary).supportsFileAttributeView("posix")) {
                // A temp file is private to its owner; a published report is readable like any other file.
                Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
        List<Path> written = new ArrayList<>();
        Path chartDirectory = directory.resolve("charts");
        for (Map.Entry<String, Charts.Rendered> chart : workbook.charts().entrySet()) {
            String name = chart.getKey() + (text.chinese() ? "" : "_en");
            Charts.write(chart.getValue(), chartDirectory, name);
            written.add(chartDirectory.resolve(name + ".png"));
            written.add(chartDirectory.resolve(name + ".svg"));
        }
        return new Result(target, written, data.snapshot(), (System.nanoTime() - started) / 1_000_000);
    }
}

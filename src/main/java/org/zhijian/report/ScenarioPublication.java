package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.reference.ReferenceData;
import org.zhijian.scenario.ScenarioJob;
import org.zhijian.scenario.ScenarioSpec;
import org.zhijian.scenario.ScenarioView;

import static java.util.Objects.requireNonNull;

/**
 * `scenario`: runs scenarios on the lake ({@link ScenarioJob}: tables in one snapshot) and
 * publishes the planners' workbook in each language asked for, with its charts, to
 * {@code <reports>/scenarios/<label>/}.
 */
public final class ScenarioPublication
{
    /** Draws are cut into this many Spark tasks per core unless the request says otherwise; the numbers do not depend on it. */
    private static final int TASKS_PER_CORE = 4;

    /**
     * What to run and where to write: the scenarios (the first is the main one), workbook languages
     * (zh, en), Spark tasks for the draws (default 4 per core), the chart font (default: an installed CJK font).
     */
    public record Request(String lake, List<ScenarioSpec> specs, List<String> languages, Optional<Integer> partitions, Optional<Path> font, Path reports,
            LocalDate today, String runId)
    {
        public Request
        {
            requireNonNull(lake, "lake is null");
            specs = List.copyOf(specs);
            languages = List.copyOf(languages);
            requireNonNull(partitions, "partitions is null");
            requireNonNull(font, "font is null");
            requireNonNull(reports, "reports is null");
            requireNonNull(today, "today is null");
            requireNonNull(runId, "runId is null");
            if (specs.isEmpty()) {
                throw new IllegalArgumentException("no scenario to run");
            }
            for (String language : languages) {
                if (!language.equals("zh") && !language.equals("en")) {
                    throw new ZhijianException(ZhijianException.Code.USAGE, "--lang must be zh or en, not " + language);
                }
            }
            if (partitions.isPresent() && partitions.get() < 1) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--partitions must be at least 1");
            }
        }
    }

    /** The run and what it wrote: a workbook per language and the number of chart files beside them. */
    public record Written(ScenarioJob.Result result, List<Path> workbooks, int charts, long writingMs)
    {
        public Written
        {
            workbooks = List.copyOf(workbooks);
        }

        public Path directory()
        {
            return workbooks.get(0).getParent();
        }
    }

    private final SparkSession spark;
    private final ReferenceData reference;
    private final IndicatorCatalogue catalogue;
    private final Consumer<String> progress;

    public ScenarioPublication(SparkSession spark, ReferenceData reference, IndicatorCatalogue catalogue, Consumer<String> progress)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.catalogue = requireNonNull(catalogue, "catalogue is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    public Written run(Request request)
            throws IOException
    {
        int tasks = request.partitions().orElse(Math.max(1, spark.sparkContext().defaultParallelism() * TASKS_PER_CORE));
        ScenarioJob.Result result = new ScenarioJob(spark, reference, catalogue, progress).run(request.lake(), request.specs(), tasks, request.today(), request.runId());
        long writing = System.nanoTime();
        Path directory = directory(request.reports(), result.label());
        ScenarioView view = ScenarioView.of(result);
        List<Path> workbooks = new ArrayList<>();
        int charts = 0;
        for (String language : request.languages()) {
            ScenarioWorkbook.Published published = ScenarioWorkbook.publish(view, new ScenarioText(language, catalogue, reference), request.font(), result.label(),
                    directory);
            workbooks.add(published.workbook());
            charts += published.charts().size();
        }
        return new Written(result, workbooks, charts, (System.nanoTime() - writing) / 1_000_000);
    }

    /** Where a run's workbooks go: {@code <reports>/scenarios/<label>/}. */
    public static Path directory(Path reports, String label)
    {
        return reports.resolve("scenarios").resolve(label);
    }
}

package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;
import org.zhijian.report.BriefJob;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `report`: the leadership brief of a period. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the leadership brief for a period to <reports>/<period>/: a workbook (summary with status colours,",
                "同比/环比 and generated sentences; sampling by city with its chart; method notes) and its charts as PNG and SVG.",
                "Work in progress: the brand, standardization, warnings, credit, ranking and data-quality sections are still to come."})
public final class ReportCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--period", required = true, paramLabel = "P", description = "2025, 2025-Q3 or 2025-09.")
    String period;

    @Option(names = "--lang", paramLabel = "zh|en", description = "Report language (default from conf: report.language).")
    String language;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
        run(context, period);
        return 0;
    }

    static BriefJob.Result run(CommandContext context, String period)
    {
        Periods.Period parsed;
        try {
            parsed = Periods.parse(period);
        }
        catch (IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + e.getMessage());
        }
        String language = context.config().report().language();
        if (!language.equals("zh") && !language.equals("en")) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--lang must be zh or en, not " + language);
        }
        Console console = context.console();
        console.progress("report " + parsed.id() + " (" + language + ") from " + context.config().paths().lake());
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(context.configDirectory().resolve("indicators.yaml"));
        SparkSession spark = SparkSessions.open(context.config().spark());
        BriefJob.Result result;
        try {
            result = new BriefJob(spark, catalogue).run(context.config().paths().lake(), parsed, language,
                    Optional.ofNullable(context.config().report().font()).map(Path::of), Path.of(context.config().paths().reports()));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.result(String.format(Locale.ROOT, "Wrote %s and %d chart files (lake snapshot %d, %.1f s)", result.workbook(), result.charts().size(),
                result.snapshot(), result.durationMs() / 1000.0));
        return result;
    }
}

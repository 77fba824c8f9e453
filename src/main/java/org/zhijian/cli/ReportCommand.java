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
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.report.BriefJob;
import org.zhijian.report.ReportDefinition;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `report`: the leadership brief of a period. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write the leadership brief of a period to <reports>/<period>/: one workbook",
                "(概要 summary with status colours, 同比/环比 and generated sentences; brand",
                "economy; standardization; sampling and cases; warnings; credit; ranking with",
                "rank intervals; data quality; method notes) and its charts as PNG and SVG.",
                "Sheets, tables and charts come from the report definition (report.definition,",
                "default reports/brief.yaml). Yearly tables of a monthly or quarterly brief show",
                "the latest year complete by the period's end."})
public final class ReportCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--period", required = true, paramLabel = "P", description = "2025, 2025-Q3 or 2025-09.")
    String period;

    @Option(names = "--lang", paramLabel = "zh|en", description = "Report language (default from conf: report.language).")
    String language;

    @Option(names = "--definition", paramLabel = "FILE", description = "Report definition (default from conf: report.definition).")
    Path definition;

    @Option(names = "--formats", paramLabel = "LIST", defaultValue = "xlsx,html",
            description = "What to write: xlsx (the workbook), html (the self-contained page for phones and print), or both (default: ${DEFAULT-VALUE}).")
    String formats;

    @Override
    public Integer call()
    {
        java.util.Set<BriefJob.Format> chosen = formats(formats, "--formats");
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
        run(context, period, inputs(context, Optional.ofNullable(definition)), context.config().report().language(), chosen);
        return 0;
    }

    /** The formats of a list such as {@code xlsx,html}; {@code where} names the flag or spec in the error. */
    static java.util.Set<BriefJob.Format> formats(String list, String where)
    {
        try {
            return BriefJob.Format.parse(list);
        }
        catch (ZhijianException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, where + ": " + e.getMessage());
        }
    }

    static BriefJob.Result run(CommandContext context, String period, BriefJob.Inputs inputs, String language, java.util.Set<BriefJob.Format> formats)
    {
        Periods.Period parsed;
        try {
            parsed = Periods.parse(period);
        }
        catch (IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + e.getMessage());
        }
        if (!language.equals("zh") && !language.equals("en")) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--lang must be zh or en, not " + language);
        }
        Console console = context.console();
        console.progress("report " + parsed.id() + " (" + language + ") from " + context.config().paths().lake());
        SparkSession spark = SparkSessions.open(context.config().spark());
        BriefJob.Result result;
        try {
            result = new BriefJob(spark, inputs).run(context.config().paths().lake(), parsed, language,
                    Optional.ofNullable(context.config().report().font()).map(Path::of), Path.of(context.config().paths().reports()), formats);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.result(String.format(Locale.ROOT, "Wrote %s and %d chart files (lake snapshot %d, %.1f s)",
                String.join(" and ", result.documents().stream().map(Path::toString).toList()), result.charts().size(),
                result.snapshot(), result.durationMs() / 1000.0));
        return result;
    }

    /** The catalogue, reference data, scorecard and report definition, each checked before Spark starts. */
    static BriefJob.Inputs inputs(CommandContext context, Optional<Path> definition)
    {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(context.configDirectory().resolve("indicators.yaml"));
        Path file = definition.orElse(Path.of(context.config().report().definition())).toAbsolutePath().normalize();
        return new BriefJob.Inputs(catalogue, context.reference(), CreditScorecard.load(context.configDirectory().resolve("credit_scorecard.yaml")),
                ReportDefinition.load(file, catalogue), file.toString());
    }
}

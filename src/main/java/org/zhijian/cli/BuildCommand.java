package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.BuildJob;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.indicators.Periods;
import org.zhijian.lake.RunIds;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `build`: indicator values from the staged tables. */
@Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Compute from the staged tables everything reports and exports read:",
                "  ratings.credit            enterprise credit ratings with reasons (conf/credit_scorecard.yaml)",
                "  marts.indicator_values    the indicators of conf/indicators.yaml for the province, cities and counties;",
                "                            years, quarters and months where the data allow; value, target, status, 同比, 环比",
                "  marts.pass_rate_by_category, marts.brands_by_level, marts.standards_by_kind, marts.cluster_location_quotient",
                "  warnings.early_warnings   pass-rate warnings with evidence (conf/warnings.yaml)",
                "  marts.composite_index     scores, ranks and Monte Carlo rank intervals (conf/composite_index.yaml)",
                "  marts.forecasts           the next four quarters' pass rates with 80%%/95%% intervals (conf/forecasts.yaml),",
                "                            marts.forecast_backtest and marts.forecast_accuracy (rolling-origin backtest)",
                "  warnings.prevention       categories likely below their thresholds next quarter (预防)",
                "With --period only that period's rows are replaced, in the tables kept by that kind of period;",
                "the forecasts are made from the history up to that period."})
public final class BuildCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--period", paramLabel = "P", description = "Build one period only: 2025, 2025-Q3 or 2025-09.")
    String period;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        run(context, Optional.ofNullable(period));
        return 0;
    }

    static BuildJob.Result run(CommandContext context, Optional<String> period)
    {
        Optional<Periods.Period> parsed;
        try {
            parsed = period.map(Periods::parse);
        }
        catch (IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + e.getMessage());
        }
        Console console = context.console();
        String runId = RunIds.next();
        String lake = context.config().paths().lake();
        console.progress("build " + parsed.map(Periods.Period::id).orElse("all periods") + " in " + lake + " (run " + runId + ")");
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(context.configDirectory().resolve("indicators.yaml"));
        BuildJob.Settings settings = BuildJob.Settings.load(context.configDirectory(), catalogue);
        SparkSession spark = SparkSessions.open(context.config().spark());
        BuildJob.Result result;
        try {
            result = new BuildJob(spark, context.reference(), catalogue, settings, console::progress)
                    .run(new BuildJob.Request(lake, parsed, LocalDate.now(ZoneId.of("Asia/Shanghai"))), runId);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Map.Entry<String, Long> table : result.tables().entrySet()) {
            console.result(String.format(Locale.ROOT, "  %-34s %,12d rows", table.getKey(), table.getValue()));
        }
        console.result(String.format(Locale.ROOT, "Built %d tables (%d–%d)%s; lake snapshot %d (%.1f s)", result.tables().size(),
                result.firstYear(), result.lastYear(),
                parsed.map(p -> String.format(Locale.ROOT, "; %,d indicator values for %s", result.rowsWritten(), p.id())).orElse(""),
                result.snapshot().version(), result.durationMs() / 1000.0));
        return result;
    }
}

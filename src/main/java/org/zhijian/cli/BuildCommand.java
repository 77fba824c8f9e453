package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
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
        description = {"Compute the indicators of conf/indicators.yaml from the staged tables into marts.indicator_values:",
                "province, cities and counties; years, quarters and months where the data allow; value, target, status, 同比 and 环比.",
                "With --period only that period's rows are replaced. Not built yet: credit ratings, early warnings, the composite index",
                "and the breakdown marts (the indicators that need them are left out)."})
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
        SparkSession spark = SparkSessions.open(context.config().spark());
        BuildJob.Result result;
        try {
            result = new BuildJob(spark, context.reference(), catalogue, console::progress)
                    .run(new BuildJob.Request(lake, parsed, LocalDate.now(ZoneId.of("Asia/Shanghai"))), runId);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.result(String.format(Locale.ROOT, "Built marts.indicator_values: %,d rows%s (%d–%d); lake snapshot %d (%.1f s)", result.rows(),
                parsed.map(p -> String.format(Locale.ROOT, ", %,d of them for %s", result.rowsWritten(), p.id())).orElse(""),
                result.firstYear(), result.lastYear(), result.snapshot().version(), result.durationMs() / 1000.0));
        return result;
    }
}

package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.export.CreditPublication;
import org.zhijian.indicators.credit.CreditScorecard;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `publish`: files for the public, made from the lake. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write files for the public from the lake's latest build. `publish credit` writes the credit publication."},
        subcommands = {PublishCommand.Credit.class})
public final class PublishCommand
        implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        throw new org.zhijian.ZhijianException(org.zhijian.ZhijianException.Code.USAGE, "say what to publish: `zhijian publish credit --year 2025`");
    }

    /** `publish credit`: the year's 信用公示 with the red and black lists. */
    @Command(name = "credit", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Write a year's public credit list (信用公示) as .xlsx and .csv: every rated enterprise's grade, score and reasons",
                    "in plain words; the red list (守信激励) and the black list (失信惩戒) with the rule that lists each enterprise",
                    "(conf/credit_lists.yaml); the additions and removals against the year before. Never any personal data.",
                    "Default folder: <reports>/credit/<year>/."})
    public static final class Credit
            implements Callable<Integer>
    {
        @Mixin
        GlobalOptions global;

        @Option(names = "--year", required = true, paramLabel = "YYYY", description = "The year whose ratings are published.")
        int year;

        @Option(names = "--out", paramLabel = "DIR", description = "The folder to write the files into.")
        Path out;

        @Option(names = "--lang", paramLabel = "zh|en", description = "Headers, words and file names (default: report.language of conf).")
        String language;

        @Override
        public Integer call()
        {
            CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
            var config = context.config();
            boolean chinese = !config.report().language().equals("en");
            Path folder = out != null ? out : Path.of(config.paths().reports(), "credit", String.valueOf(year));
            CreditScorecard scorecard = CreditScorecard.load(context.configDirectory().resolve("credit_scorecard.yaml"));
            Console console = context.console();
            console.progress("publish credit " + year + " -> " + folder);
            SparkSession spark = SparkSessions.open(config.spark());
            CreditPublication.Result result;
            try {
                result = new CreditPublication(spark, config.paths().lake(), context.reference(), scorecard, console::progress)
                        .run(new CreditPublication.Request(year, folder, chinese, config.export().timeoutDuration()));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            console.result(String.format(Locale.ROOT, "Published %d files to %s: %,d rated enterprises, red list %,d, black list %,d (%,d added, %,d removed) in %.1f s",
                    result.files().size(), folder, result.rated(), result.red(), result.black(), result.added(), result.removed(), result.durationMs() / 1000.0));
            return 0;
        }
    }
}

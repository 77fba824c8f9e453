package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.ingest.IngestJob;
import org.zhijian.ingest.Problem;
import org.zhijian.lake.RunIds;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `validate`: every problem of a raw folder, nothing written. */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Check a raw folder against every rule of ingest without writing anything: the same reading, the same rules,",
                "the same summary, then each problem with file, line, column, value and rule.",
                "References are checked against the enterprises in the folder and those already staged in the lake.",
                "Exit 3 when ingest would fail the reject gate."})
public final class ValidateCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Mixin
    IngestOptions options;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "50", description = "List at most N problems (default 50; 0 lists all).")
    int maxProblems;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        Console console = context.console();
        IngestJob.Request request = options.request(context, "validate", false, maxProblems <= 0 ? Integer.MAX_VALUE : maxProblems);
        console.progress("validate " + request.input());
        SparkSession spark = SparkSessions.open(context.config().spark());
        IngestJob.Result result;
        try {
            result = new IngestJob(spark, context.reference(), console::progress).run(request, RunIds.next());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestSummary.lines(result).forEach(console::result);
        if (!result.problems().isEmpty()) {
            console.result("Problems:");
            result.problems().stream().map(Problem::describe).forEach(line -> console.result("  " + line));
            if (result.problemCount() > result.problems().size()) {
                console.result(String.format(Locale.ROOT, "  … and %,d more (--max-problems 0 lists all)", result.problemCount() - result.problems().size()));
            }
        }
        if (result.gate().failed()) {
            throw new ZhijianException(ZhijianException.Code.DATA_QUALITY_GATE, IngestSummary.gateFailure(result.gate()));
        }
        console.result("Nothing was written.");
        return 0;
    }
}

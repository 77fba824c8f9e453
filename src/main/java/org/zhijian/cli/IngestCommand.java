package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.ingest.IngestJob;
import org.zhijian.lake.RunIds;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `ingest`: load a raw folder into the lake, every row accepted or quarantined. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Load a raw folder into the lake: valid rows into staged/<dataset>, every other row into quarantine/<dataset> with its reasons,",
                "quality metrics, and a run manifest in _runs/. All tables of the run are published together or not at all.",
                "A dataset's years in the load replace the same years in staged; enterprises merge by credit code.",
                "Exit 3 when a dataset's quarantined share passes the reject gate (staged is then left unchanged), 4 when another run holds the lake."})
public final class IngestCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Mixin
    IngestOptions options;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        run(context, options.request(context, "ingest", true, 0));
        return 0;
    }

    /** Runs an ingest and prints its summary; throws with exit code 3 when the gate fails. */
    static IngestJob.Result run(CommandContext context, IngestJob.Request request)
    {
        Console console = context.console();
        String runId = RunIds.next();
        console.progress("ingest " + request.input() + " -> " + request.lake() + " (run " + runId + ")");
        SparkSession spark = SparkSessions.open(context.config().spark());
        IngestJob.Result result;
        try {
            result = new IngestJob(spark, context.reference(), console::progress).run(request, runId);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestSummary.lines(result).forEach(console::result);
        result.snapshot().ifPresent(snapshot -> console.result(String.format(Locale.ROOT,
                "Published lake snapshot %d: %d tables; manifest %s/_runs/%s.json (%.1f s)", snapshot.version(), result.tablesWritten().size(),
                request.lake(), runId, result.durationMs() / 1000.0)));
        if (result.gate().failed()) {
            throw new ZhijianException(ZhijianException.Code.DATA_QUALITY_GATE, IngestSummary.gateFailure(result.gate())
                    + "; staged tables were not changed (quarantine and manifest were written). Fix the input or rerun with --allow-rejects.");
        }
        return result;
    }
}

package org.zhijian.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.zhijian.generate.GenerationSummary;
import org.zhijian.ingest.IngestJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `demo`: the whole pipeline on sample data, the newcomer's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on sample data: generate the raw files (scale, seed, dirty share and formats from conf),",
                "then ingest them into the lake and build the indicators, and every later stage that is built. Prints where each output landed."})
public final class DemoCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--scale", paramLabel = "S", description = "Sample-data scale (default from conf: generate.scale).")
    Double scale;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        Console console = context.console();
        Path raw = Path.of(context.config().paths().raw());
        console.progress("[1/3] generate sample data");
        GenerationSummary summary = GenerateCommand.run(context, scale, null, null, null, null, null);
        console.result(GenerateCommand.describe(summary, raw));
        console.progress("");
        console.progress("[2/3] ingest " + raw + " into the lake " + context.config().paths().lake());
        IngestOptions options = new IngestOptions();
        IngestJob.Request request = options.request(context, "ingest", true, 0);
        IngestCommand.run(context, request);
        console.progress("");
        console.progress("[3/3] build the indicators");
        BuildCommand.run(context, Optional.empty());
        console.result("");
        console.result("Next: `./zhijian lake` lists the lake's tables; `./zhijian export --table staged.inspections --where \"year = 2025\" --out inspections.xlsx`");
        console.result("exports one; `./zhijian export --table marts.indicator_values --where \"region_level = 'province'\" --out indicators.xlsx` the indicators.");
        console.result("Not built yet in this version: credit ratings, early warnings, the composite index, report, scenario.");
        return 0;
    }
}

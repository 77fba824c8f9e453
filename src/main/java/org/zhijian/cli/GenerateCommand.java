package org.zhijian.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.zhijian.ZhijianException;
import org.zhijian.generate.GenerationSummary;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `generate`: realistic, deterministic sample raw files for the whole province. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write realistic sample raw files for the whole province (seven datasets, ten years).",
                "The same scale, seed and end year give byte-identical files."})
public final class GenerateCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--scale", paramLabel = "S", description = "1 = a decade of one province (300,000 enterprises, 1,000,000 batches). Default from conf (generate.scale).")
    Double scale;

    @Option(names = "--seed", paramLabel = "N", description = "Random seed. Default from conf (generate.seed).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder. Default: the raw folder of conf (paths.raw).")
    Path out;

    @Option(names = "--dirty", paramLabel = "R", description = "Share of injected bad rows, one rule each, listed in _injected.csv. Default from conf (generate.dirty).")
    Double dirty;

    @Option(names = "--formats", paramLabel = "LIST", split = ",", description = "csv, gbk, xlsx: gbk writes enterprises and cases as GB18030, xlsx writes brands and region_economy as workbooks; notice writes the national and provincial batches as published notices (.xlsx, P/F .xls), register the enterprises as a register export with the above-scale and high-tech lists.")
    List<String> formats;

    @Option(names = "--end-year", paramLabel = "YYYY", description = "Last year of data (default: the last complete calendar year).")
    Integer endYear;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        GenerationSummary summary = run(context, scale, seed, out, dirty, formats, endYear);
        context.console().result(describe(summary, out != null ? out : Path.of(context.config().paths().raw())));
        return 0;
    }

    static GenerationSummary run(CommandContext context, Double scale, Long seed, Path out, Double dirty, List<String> formats, Integer endYear)
    {
        var defaults = context.config().generate();
        List<OutputFormat> parsed = new ArrayList<>();
        for (String format : formats != null ? formats : defaults.formats()) {
            try {
                parsed.add(OutputFormat.parse(format));
            }
            catch (IllegalArgumentException e) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--formats: " + e.getMessage());
            }
        }
        GeneratorSettings settings;
        try {
            settings = new GeneratorSettings(
                    scale != null ? scale : defaults.scale(),
                    seed != null ? seed : defaults.seed(),
                    endYear != null ? endYear : LocalDate.now().getYear() - 1,
                    dirty != null ? dirty : defaults.dirty(),
                    parsed,
                    (out != null ? out : Path.of(context.config().paths().raw())).toAbsolutePath());
        }
        catch (IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, e.getMessage());
        }
        context.console().progress(String.format("Generating sample data: scale %s, seed %d, years %d-%d, dirty share %s, formats %s -> %s",
                settings.scale(), settings.seed(), settings.startYear(), settings.endYear(), settings.dirtyRate(),
                settings.formats().stream().map(format -> format.name().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.joining(",")), settings.outputDirectory()));
        return SampleDataGenerator.generate(context.reference(), settings, context.console()::progress);
    }

    static String describe(GenerationSummary summary, Path directory)
    {
        StringBuilder text = new StringBuilder(String.format("Wrote %,d rows in %d files to %s in %.1fs", summary.totalRows(), summary.files().size(),
                directory.toAbsolutePath(), summary.millis() / 1000.0));
        if (summary.injectedRows() > 0) {
            text.append(String.format("%nInjected %,d bad rows (listed in %s):", summary.injectedRows(), summary.manifest().getFileName()));
            for (Map.Entry<SourceDataset, Map<String, Integer>> injected : summary.injected().entrySet()) {
                Map<String, Integer> counts = injected.getValue();
                if (counts != null) {
                    text.append(String.format("%n  %-21s %s", injected.getKey().tableName(), counts.entrySet().stream()
                            .map(entry -> entry.getKey() + "=" + entry.getValue())
                            .collect(Collectors.joining(" "))));
                }
            }
        }
        return text.toString();
    }
}

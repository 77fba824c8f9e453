package org.zhijian.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.zhijian.generate.GenerationSummary;
import org.zhijian.indicators.BuildJob;
import org.zhijian.ingest.IngestJob;
import org.zhijian.report.BriefJob;
import org.zhijian.report.ScenarioPublication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `demo`: the whole pipeline on sample data, the newcomer's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the whole pipeline on sample data: generate the raw files (scale, seed, dirty share and formats from conf),",
                "ingest them into the lake, build the indicators, write the leadership briefs of the latest quarter and the latest",
                "year in Chinese and English, and run the planners' shipped scenarios (conf/scenarios/). Prints where each output landed."})
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
        console.progress("[1/5] generate sample data");
        // The demo loads the bureau's kinds of files too: notices and a register export beside the project's own layouts.
        List<String> formats = new java.util.ArrayList<>(context.config().generate().formats());
        formats.addAll(List.of("notice", "register"));
        GenerationSummary summary = GenerateCommand.run(context, scale, null, null, null, formats, null);
        console.result(GenerateCommand.describe(summary, raw));
        console.progress("");
        console.progress("[2/5] ingest " + raw + " into the lake " + context.config().paths().lake());
        IngestOptions options = new IngestOptions();
        IngestJob.Request request = options.request(context, "ingest", true, 0);
        IngestCommand.run(context, request);
        console.progress("");
        console.progress("[3/5] build the indicators");
        BuildJob.Result built = BuildCommand.run(context, Optional.empty());
        console.progress("");
        // The sample data cover whole years, so the latest quarter is the last year's fourth.
        List<String> periods = List.of(built.lastYear() + "-Q4", String.valueOf(built.lastYear()));
        console.progress("[4/5] write the briefs for " + String.join(" and ", periods) + " in Chinese and English");
        List<BriefJob.Result> briefs = new ArrayList<>();
        BriefJob.Inputs inputs = ReportCommand.inputs(context, Optional.empty());
        for (String period : periods) {
            for (String language : List.of("zh", "en")) {
                briefs.add(ReportCommand.run(context, period, inputs, language, java.util.EnumSet.allOf(BriefJob.Format.class)));
            }
        }
        console.progress("");
        console.progress("[5/5] run the scenarios baseline, brand-push and downturn");
        Path scenarios = CommandContext.installationHome().resolve("conf").resolve("scenarios");
        ScenarioPublication.Written projected = ScenarioCommand.run(context, ScenarioCommand.load(context,
                List.of(scenarios.resolve("baseline.yaml"), scenarios.resolve("brand-push.yaml"), scenarios.resolve("downturn.yaml"))), List.of("zh", "en"), Optional.empty());
        console.result("");
        console.result("Briefs (workbooks for Excel, WPS or LibreOffice; pages for a phone, a browser or print; charts also as PNG and SVG beside them):");
        briefs.forEach(brief -> brief.documents().forEach(document -> console.result("  " + document)));
        console.result("Scenarios (fan charts, target probabilities, tornado, goal seek, comparison):");
        projected.workbooks().forEach(workbook -> console.result("  " + workbook));
        console.result("Next: `./zhijian lake` lists the lake's tables; `./zhijian export --table staged.inspections --where \"year = 2025\" --out inspections.xlsx`");
        console.result("exports one; `./zhijian export --table marts.indicator_values --where \"region_level = 'province'\" --out indicators.xlsx` the indicators.");
        console.result("`./zhijian run jobs/quarterly-brief.yaml --period 2025-Q3` is what a scheduler runs; copy conf/scenarios/baseline.yaml and");
        console.result("`./zhijian scenario conf/scenarios/my.yaml --compare conf/scenarios/baseline.yaml` to test your own assumptions.");
        console.result("`./zhijian publish credit --year " + built.lastYear() + "` writes the public credit list with the red and black lists;");
        console.result("`./zhijian dossier <credit code or name>` one enterprise's quality-credit file.");
        return 0;
    }
}

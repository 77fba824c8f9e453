package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.IndicatorCatalogue;
import org.zhijian.lake.RunIds;
import org.zhijian.reference.Division;
import org.zhijian.report.ScenarioPublication;
import org.zhijian.report.ScenarioText;
import org.zhijian.scenario.ScenarioEngine;
import org.zhijian.scenario.ScenarioJob;
import org.zhijian.scenario.ScenarioSpec;
import org.zhijian.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `scenario`: planners' Monte Carlo projections of the brand and standards targets. */
@Command(name = "scenario", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Project a scenario (conf/scenarios/*.yaml) from the lake's base year by Monte",
                "Carlo: P5-P95 per year and region of the brand contribution rate, strategic",
                "brand share, valid brands and adoption rate; the probability of meeting each",
                "target; a tornado of sensitivities; and goal seek (how far each lever must move",
                "for an 80% chance). Results go to the lake (scenarios.<name>, _targets,",
                "_sensitivity, _goal_seek) and to <reports>/scenarios/<name>/ as a workbook.",
                "Examples: ./zhijian scenario conf/scenarios/baseline.yaml",
                "          ./zhijian scenario conf/scenarios/baseline.yaml --compare conf/scenarios/downturn.yaml"})
public final class ScenarioCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "FILE", description = "The scenario file, e.g. conf/scenarios/baseline.yaml.")
    Path file;

    @Option(names = "--compare", arity = "1..*", paramLabel = "FILE", description = "Further scenarios to run and show side by side.")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--lang", paramLabel = "zh|en", description = "Workbook language (default from conf: report.language).")
    String language;

    @Option(names = "--draws", paramLabel = "N", description = "Draws for every scenario, instead of each file's (e.g. 1000 for a quick look).")
    Integer draws;

    @Option(names = "--partitions", paramLabel = "N", description = "Spark tasks the draws are cut into (default: 4 per core). The numbers do not depend on it.")
    Integer partitions;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.ofNullable(language));
        List<Path> files = new ArrayList<>();
        files.add(file);
        files.addAll(compare);
        List<ScenarioSpec> specs = load(context, files);
        if (draws != null) {
            specs = specs.stream().map(spec -> spec.withDraws(draws)).toList();
        }
        run(context, specs, List.of(context.config().report().language()), Optional.ofNullable(partitions));
        return 0;
    }

    /** Every scenario file, checked before Spark starts. */
    static List<ScenarioSpec> load(CommandContext context, List<Path> files)
    {
        Set<String> cities = new java.util.TreeSet<>();
        context.reference().divisions().cities().stream().map(Division::code).forEach(cities::add);
        List<ScenarioSpec> specs = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (Path path : files) {
            ScenarioSpec spec = ScenarioSpec.load(path, cities);
            if (!names.add(spec.tableName())) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "two scenarios are named " + spec.name() + " (" + path + "); each needs its own name");
            }
            specs.add(spec);
        }
        return specs;
    }

    static ScenarioPublication.Written run(CommandContext context, List<ScenarioSpec> specs, List<String> languages, Optional<Integer> partitions)
    {
        Console console = context.console();
        String runId = RunIds.next();
        String lake = context.config().paths().lake();
        ScenarioPublication.Request request = new ScenarioPublication.Request(lake, specs, languages, partitions,
                Optional.ofNullable(context.config().report().font()).map(Path::of), Path.of(context.config().paths().reports()),
                LocalDate.now(ZoneId.of("Asia/Shanghai")), runId);
        console.progress("scenario " + String.join(", ", specs.stream().map(ScenarioSpec::name).toList()) + " on " + lake + " (run " + runId + ")");
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(context.configDirectory().resolve("indicators.yaml"));
        SparkSession spark = SparkSessions.open(context.config().spark());
        try {
            ScenarioPublication.Written written = new ScenarioPublication(spark, context.reference(), catalogue, console::progress).run(request);
            console.progress(String.format(Locale.ROOT, "  %d workbook%s and charts written (%.1f s)", written.workbooks().size(), written.workbooks().size() == 1 ? "" : "s",
                    written.writingMs() / 1000.0));
            report(console, written);
            return written;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void report(Console console, ScenarioPublication.Written written)
    {
        ScenarioJob.Result result = written.result();
        for (ScenarioJob.Outcome outcome : result.outcomes()) {
            console.result(String.format(Locale.ROOT, "%s (%,d draws, %.1f s):", outcome.spec().name(), outcome.spec().draws(), outcome.durationMs() / 1000.0));
            for (int k = 0; k < outcome.spec().targets().size(); k++) {
                ScenarioSpec.Target target = outcome.spec().targets().get(k);
                ScenarioEngine.Goal goal = outcome.goals().get(k);
                Optional<ScenarioEngine.Quantile> q = outcome.result().quantile(goal.indicator(), goal.region(), goal.year());
                if (q.isEmpty()) {
                    // e.g. a strategic-share target for a city that has no brands in any draw.
                    console.result(String.format(Locale.ROOT, "  %-44s no value in any draw", ScenarioJob.label(target)));
                    continue;
                }
                double probability = outcome.result().chance(k, goal.region()).orElse(0.0);
                String indicator = target.indicator();
                console.result(String.format(Locale.ROOT, "  %-44s P50 %s (P5–P95 %s–%s), probability %.0f%%", ScenarioJob.label(target),
                        ScenarioText.value(indicator, q.get().p50()), ScenarioText.value(indicator, q.get().p5()), ScenarioText.value(indicator, q.get().p95()),
                        probability * 100));
            }
        }
        console.result(String.format(Locale.ROOT, "Stored %d tables (lake snapshot %d); wrote %s and %d chart files (%.1f s)", result.tables().size(),
                result.snapshot().version(), String.join(", ", written.workbooks().stream().map(Path::toString).toList()), written.charts(),
                result.durationMs() / 1000.0));
    }
}

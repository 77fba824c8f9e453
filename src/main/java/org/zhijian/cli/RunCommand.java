package org.zhijian.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.zhijian.ZhijianException;
import org.zhijian.indicators.Periods;
import org.zhijian.jobs.JobSpec;
import org.zhijian.report.BriefJob;
import org.zhijian.scenario.ScenarioSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `run`: a job spec's steps (for one period when it writes a brief), in one process — what a scheduler calls. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a job spec (jobs/*.yaml): ingest the raw folder, build the marts, write",
                "the brief of a period, run scenarios - the steps the spec lists, in that order,",
                "in one Spark session. A failed step stops the run with its exit code (3 when",
                "the ingest's data-quality gate fails: nothing is built from rejected data).",
                "Examples: ./zhijian run jobs/quarterly-brief.yaml --period 2025-Q3",
                "          ./zhijian run jobs/monthly-brief.yaml  (the last month ended)",
                "          ./zhijian run jobs/brand-plan-scenarios.yaml"})
public final class RunCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Mixin
    IngestOptions ingest;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The job spec, e.g. jobs/quarterly-brief.yaml.")
    Path spec;

    @Option(names = "--period", paramLabel = "P", description = "The period, of the spec's kind (2025, 2025-Q3 or 2025-09). Default: the last one ended before today.")
    String period;

    @Option(names = "--draws", paramLabel = "N", description = "Draws for every scenario of the spec, instead of each file's.")
    Integer draws;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        JobSpec job = JobSpec.load(spec);
        Optional<Periods.Period> target = Optional.empty();
        if (job.period() != null) {
            try {
                target = Optional.of(job.resolve(period, LocalDate.now(ZoneId.of("Asia/Shanghai"))));
            }
            catch (IllegalArgumentException e) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + e.getMessage());
            }
        }
        else if (period != null) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + spec + " works on no period (its steps are " + job.steps() + ")");
        }
        Optional<Path> definition = Optional.ofNullable(job.definition()).map(file -> CommandContext.installationHome().resolve(file));
        // Loaded (and so checked) first: a mistake in the report definition or a scenario fails now, not after minutes of ingest and build.
        Optional<BriefJob.Inputs> brief = job.has("report") ? Optional.of(ReportCommand.inputs(context, definition)) : Optional.empty();
        List<ScenarioSpec> scenarios = ScenarioCommand.load(context, job.scenarios().stream().map(file -> CommandContext.installationHome().resolve(file)).toList());
        if (draws != null) {
            scenarios = scenarios.stream().map(scenario -> scenario.withDraws(draws)).toList();
        }
        Console console = context.console();
        String what = target.map(Periods.Period::id).orElse("the lake as it stands");
        console.progress("run " + spec + " for " + what + (job.description() == null ? "" : ": " + job.description()));
        int step = 0;
        int steps = job.steps().size();
        if (job.has("ingest")) {
            console.progress(String.format(java.util.Locale.ROOT, "[%d/%d] ingest", ++step, steps));
            if (ingest.input == null && job.input() != null) {
                ingest.input = CommandContext.installationHome().resolve(job.input()).toString();
            }
            IngestCommand.run(context, ingest.request(context, "ingest", true, 0));
        }
        if (job.has("build")) {
            console.progress(String.format(java.util.Locale.ROOT, "[%d/%d] build %s", ++step, steps, job.build().equals("all") ? "every period" : what));
            BuildCommand.run(context, job.build().equals("all") ? Optional.empty() : target.map(Periods.Period::id));
        }
        List<BriefJob.Result> briefs = new ArrayList<>();
        List<String> languages = job.languages().isEmpty() ? List.of(context.config().report().language()) : job.languages();
        if (brief.isPresent()) {
            console.progress(String.format(java.util.Locale.ROOT, "[%d/%d] report %s", ++step, steps, what));
            for (String language : languages) {
                briefs.add(ReportCommand.run(context, what, brief.get(), language));
            }
        }
        Optional<ScenarioCommand.Written> projected = Optional.empty();
        if (job.has("scenario")) {
            console.progress(String.format(java.util.Locale.ROOT, "[%d/%d] scenario %s", ++step, steps, String.join(", ", scenarios.stream().map(ScenarioSpec::name).toList())));
            projected = Optional.of(ScenarioCommand.run(context, scenarios, languages, Optional.empty()));
        }
        console.result("Done: " + spec + " for " + what + (briefs.isEmpty() ? "" : "; briefs in " + briefs.get(0).workbook().getParent())
                + projected.map(written -> "; scenarios in " + written.workbooks().get(0).getParent()).orElse(""));
        return 0;
    }
}

package org.zhijian.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.zhijian.indicators.Periods;
import org.zhijian.jobs.JobRunner;
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
        JobRunner.Outcome outcome = new JobRunner(job, spec.toString(), new CommandSteps(context), context.console()::progress)
                .run(Optional.ofNullable(period), LocalDate.now(ZoneId.of("Asia/Shanghai")), List.of(context.config().report().language()));
        context.console().result("Done: " + spec + " for " + outcome.what() + (outcome.briefs().isEmpty() ? "" : "; briefs in " + outcome.briefs().get(0).getParent())
                + outcome.scenarios().map(folder -> "; scenarios in " + folder).orElse(""));
        return 0;
    }

    /** The steps as the other commands run them, with this command's flags. */
    private final class CommandSteps
            implements JobRunner.Steps
    {
        private final CommandContext context;
        private BriefJob.Inputs brief;
        private java.util.Set<BriefJob.Format> formats;
        private List<ScenarioSpec> scenarios = List.of();

        CommandSteps(CommandContext context)
        {
            this.context = context;
        }

        @Override
        public void check(JobSpec job)
        {
            Optional<Path> definition = Optional.ofNullable(job.definition()).map(file -> CommandContext.installationHome().resolve(file));
            if (job.has("build")) {
                // The build's methods (scorecard, warnings, composite index, forecasts), so a bad setting fails before the ingest.
                org.zhijian.indicators.BuildJob.Settings.load(context.configDirectory(),
                        org.zhijian.indicators.IndicatorCatalogue.load(context.configDirectory().resolve("indicators.yaml")));
            }
            if (job.has("report")) {
                brief = ReportCommand.inputs(context, definition);
                formats = ReportCommand.formats(String.join(",", job.formats()), "formats of " + spec);
            }
            scenarios = ScenarioCommand.load(context, job.scenarios().stream().map(file -> CommandContext.installationHome().resolve(file)).toList());
            if (draws != null) {
                scenarios = scenarios.stream().map(scenario -> scenario.withDraws(draws)).toList();
            }
        }

        @Override
        public void ingest(Optional<String> input)
        {
            if (ingest.input == null && input.isPresent()) {
                ingest.input = CommandContext.installationHome().resolve(input.get()).toString();
            }
            IngestCommand.run(context, ingest.request(context, "ingest", true, 0));
        }

        @Override
        public void build(Optional<Periods.Period> period)
        {
            BuildCommand.run(context, period.map(Periods.Period::id));
        }

        @Override
        public List<Path> report(Periods.Period period, String language)
        {
            return ReportCommand.run(context, period.id(), brief, language, formats).documents();
        }

        @Override
        public Path scenario(List<String> files, List<String> languages)
        {
            return ScenarioCommand.run(context, scenarios, languages, Optional.empty()).directory();
        }
    }
}

package org.zhijian.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import org.zhijian.ZhijianException;
import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNull;

/**
 * `run`: a job spec's steps in order, for one period when the job works on one — what a
 * scheduler calls. Everything a later step reads (the report definition, the scenario files) is
 * loaded and checked before the first step runs, so a mistake there fails at once rather than
 * after minutes of ingest and build. A failed step stops the run with its exception.
 */
public final class JobRunner
{
    /** The use cases a job's steps call, each given what the runner resolved. */
    public interface Steps
    {
        /** Loads and checks the inputs of the job's report and scenario steps; called first. */
        void check(JobSpec job);

        /** Ingests the raw folder; {@code input} is the spec's folder (relative to the installation) when the spec names one. */
        void ingest(Optional<String> input);

        /** Builds the marts of one period, or of every period when empty. */
        void build(Optional<Periods.Period> period);

        /** Writes the brief of a period in a language, in the job's formats, and returns the documents (workbook, page). */
        List<Path> report(Periods.Period period, String language);

        /** Runs the job's scenarios and returns the folder their workbooks went to. */
        Path scenario(List<String> files, List<String> languages);
    }

    /** What a run did: its period (when it has one), the briefs written, the scenarios' folder. */
    public record Outcome(Optional<Periods.Period> period, List<Path> briefs, Optional<Path> scenarios)
    {
        public Outcome
        {
            briefs = List.copyOf(briefs);
        }

        /** The run's period, or "the lake as it stands" for a job that works on none. */
        public String what()
        {
            return what(period);
        }

        static String what(Optional<Periods.Period> period)
        {
            return period.map(Periods.Period::id).orElse("the lake as it stands");
        }
    }

    private final JobSpec job;
    private final String source;
    private final Steps steps;
    private final Consumer<String> progress;

    /** {@code source} names the spec in messages (its file as given). */
    public JobRunner(JobSpec job, String source, Steps steps, Consumer<String> progress)
    {
        this.job = requireNonNull(job, "job is null");
        this.source = requireNonNull(source, "source is null");
        this.steps = requireNonNull(steps, "steps is null");
        this.progress = requireNonNull(progress, "progress is null");
    }

    /** The job's period: the one given (of the job's kind), else the last one ended before today; none for a job that works on no period. */
    public Optional<Periods.Period> period(Optional<String> given, LocalDate today)
    {
        if (job.period() == null) {
            if (given.isPresent()) {
                throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + source + " works on no period (its steps are " + job.steps() + ")");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(job.resolve(given.orElse(null), today));
        }
        catch (IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "--period: " + e.getMessage());
        }
    }

    /**
     * Runs the steps the spec lists. {@code languages} are the workbooks' languages when the spec
     * names none.
     */
    public Outcome run(Optional<String> given, LocalDate today, List<String> languages)
    {
        Optional<Periods.Period> period = period(given, today);
        steps.check(job);
        String what = Outcome.what(period);
        progress.accept("run " + source + " for " + what + (job.description() == null ? "" : ": " + job.description()));
        List<String> languagesOfJob = job.languages().isEmpty() ? List.copyOf(languages) : job.languages();
        int step = 0;
        int count = job.steps().size();
        if (job.has("ingest")) {
            progress.accept(String.format(Locale.ROOT, "[%d/%d] ingest", ++step, count));
            steps.ingest(Optional.ofNullable(job.input()));
        }
        if (job.has("build")) {
            boolean all = job.build().equals("all");
            progress.accept(String.format(Locale.ROOT, "[%d/%d] build %s", ++step, count, all ? "every period" : what));
            steps.build(all ? Optional.empty() : period);
        }
        List<Path> briefs = new ArrayList<>();
        if (job.has("report")) {
            progress.accept(String.format(Locale.ROOT, "[%d/%d] report %s", ++step, count, what));
            // A spec with a report step has a period (JobSpec.load checks it).
            for (String language : languagesOfJob) {
                briefs.addAll(steps.report(period.orElseThrow(), language));
            }
        }
        Optional<Path> scenarios = Optional.empty();
        if (job.has("scenario")) {
            progress.accept(String.format(Locale.ROOT, "[%d/%d] scenario %s", ++step, count, String.join(", ", job.scenarios())));
            scenarios = Optional.of(steps.scenario(job.scenarios(), languagesOfJob));
        }
        return new Outcome(period, briefs, scenarios);
    }
}

package org.zhijian.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.Periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The job runner with recording steps: order, period, languages, checks first, and a failed step stopping the run. */
class TestJobRunner
{
    private static final LocalDate TODAY = LocalDate.of(2025, 11, 20);

    @TempDir
    Path directory;

    /** Records every call as one line. */
    private static final class Recording
            implements JobRunner.Steps
    {
        final List<String> calls = new ArrayList<>();
        String failAt = "";

        private void call(String what)
        {
            calls.add(what);
            if (what.startsWith(failAt) && !failAt.isEmpty()) {
                throw new ZhijianException(ZhijianException.Code.DATA_QUALITY_GATE, what + " failed");
            }
        }

        @Override
        public void check(JobSpec job)
        {
            call("check");
        }

        @Override
        public void ingest(Optional<String> input)
        {
            call("ingest " + input.orElse("-"));
        }

        @Override
        public void build(Optional<Periods.Period> period)
        {
            call("build " + period.map(Periods.Period::id).orElse("all"));
        }

        @Override
        public List<Path> report(Periods.Period period, String language)
        {
            call("report " + period.id() + " " + language);
            return List.of(Path.of("reports", period.id(), language + ".xlsx"));
        }

        @Override
        public Path scenario(List<String> files, List<String> languages)
        {
            call("scenario " + files + " " + languages);
            return Path.of("reports", "scenarios", "x");
        }
    }

    private JobSpec spec(String yaml)
            throws IOException
    {
        return JobSpec.load(Files.writeString(directory.resolve("job.yaml"), yaml));
    }

    @Test
    void aQuarterlyJobChecksFirstThenRunsItsStepsInOrderForTheLastQuarterEnded()
            throws IOException
    {
        JobSpec job = spec("""
                steps: [ingest, build, report]
                period: quarter
                input: data/raw
                build: period
                languages: [zh, en]
                """);
        Recording steps = new Recording();
        List<String> progress = new ArrayList<>();
        JobRunner.Outcome outcome = new JobRunner(job, "job.yaml", steps, progress::add).run(Optional.empty(), TODAY, List.of("zh"));
        assertThat(steps.calls).containsExactly("check", "ingest data/raw", "build 2025-Q3", "report 2025-Q3 zh", "report 2025-Q3 en");
        assertThat(outcome.what()).isEqualTo("2025-Q3");
        assertThat(outcome.briefs()).hasSize(2);
        assertThat(outcome.scenarios()).isEmpty();
        assertThat(progress).containsExactly("run job.yaml for 2025-Q3", "[1/3] ingest", "[2/3] build 2025-Q3", "[3/3] report 2025-Q3");
    }

    @Test
    void aGivenPeriodMustBeOfTheJobsKindAndAJobWithoutPeriodTakesNone()
            throws IOException
    {
        JobSpec quarterly = spec("""
                steps: [build, report]
                period: quarter
                """);
        Recording steps = new Recording();
        assertThatThrownBy(() -> new JobRunner(quarterly, "job.yaml", steps, line -> {}).run(Optional.of("2025"), TODAY, List.of("zh")))
                .isInstanceOf(ZhijianException.class).hasMessageContaining("--period: this job takes a quarter (2025-Q3), not 2025");
        assertThat(steps.calls).isEmpty();
        JobSpec scenarios = spec("""
                steps: [scenario]
                scenarios: [conf/scenarios/baseline.yaml]
                """);
        assertThatThrownBy(() -> new JobRunner(scenarios, "plan.yaml", steps, line -> {}).run(Optional.of("2025"), TODAY, List.of("zh")))
                .isInstanceOf(ZhijianException.class).hasMessageContaining("--period: plan.yaml works on no period");
        JobRunner.Outcome outcome = new JobRunner(scenarios, "plan.yaml", steps, line -> {}).run(Optional.empty(), TODAY, List.of("en"));
        // Without languages in the spec, the configured one.
        assertThat(steps.calls).containsExactly("check", "scenario [conf/scenarios/baseline.yaml] [en]");
        assertThat(outcome.what()).isEqualTo("the lake as it stands");
        assertThat(outcome.scenarios()).contains(Path.of("reports", "scenarios", "x"));
    }

    @Test
    void aFailedStepStopsTheRunWithItsError()
            throws IOException
    {
        JobSpec job = spec("""
                steps: [ingest, build, report]
                period: year
                build: all
                """);
        Recording steps = new Recording();
        steps.failAt = "ingest";
        assertThatThrownBy(() -> new JobRunner(job, "job.yaml", steps, line -> {}).run(Optional.of("2024"), TODAY, List.of("zh")))
                .isInstanceOf(ZhijianException.class).satisfies(e -> assertThat(((ZhijianException) e).code()).isEqualTo(ZhijianException.Code.DATA_QUALITY_GATE));
        assertThat(steps.calls).containsExactly("check", "ingest -");
    }
}

package org.zhijian.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;
import org.zhijian.indicators.Periods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestJobSpec
{
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

    @Test
    void theShippedSpecsRunEveryStepForTheirKindOfPeriod()
    {
        for (String kind : new String[] {"monthly", "quarterly", "annual"}) {
            JobSpec spec = JobSpec.load(Path.of("jobs", kind + "-brief.yaml"));
            assertThat(spec.steps()).containsExactly("ingest", "build", "report");
            assertThat(spec.languages()).containsExactly("zh", "en");
        }
        assertThat(JobSpec.load(Path.of("jobs", "quarterly-brief.yaml")).resolve("2025-Q3", TODAY).id()).isEqualTo("2025-Q3");
        JobSpec scenarios = JobSpec.load(Path.of("jobs", "brand-plan-scenarios.yaml"));
        assertThat(scenarios.steps()).containsExactly("scenario");
        assertThat(scenarios.needsPeriod()).isFalse();
        assertThat(scenarios.scenarios()).containsExactly("conf/scenarios/baseline.yaml", "conf/scenarios/brand-push.yaml", "conf/scenarios/downturn.yaml");
    }

    @Test
    void withoutAPeriodTheLastOneEndedBeforeTodayIsTaken()
    {
        assertThat(spec("quarter").resolve(null, TODAY)).isEqualTo(Periods.parse("2026-Q3"));
        assertThat(spec("quarter").resolve(null, LocalDate.of(2026, 1, 5))).isEqualTo(Periods.parse("2025-Q4"));
        assertThat(spec("month").resolve(null, TODAY)).isEqualTo(Periods.parse("2026-10"));
        assertThat(spec("month").resolve(null, LocalDate.of(2026, 1, 1))).isEqualTo(Periods.parse("2025-12"));
        assertThat(spec("year").resolve(null, TODAY)).isEqualTo(Periods.parse("2025"));
    }

    @Test
    void aPeriodOfAnotherKindIsRefused()
    {
        assertThatThrownBy(() -> spec("quarter").resolve("2025-09", TODAY)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("this job takes a quarter (2025-Q3), not 2025-09");
    }

    @Test
    void stepsOutOfOrderOrUnknownAreRefused(@TempDir Path directory)
            throws IOException
    {
        Path backwards = Files.writeString(directory.resolve("a.yaml"), "period: quarter\nsteps: [report, build]\n");
        assertThatThrownBy(() -> JobSpec.load(backwards)).isInstanceOf(ConfigException.class)
                .hasMessage(backwards + ": steps run in the order [ingest, build, report, scenario], each once; build is out of place");
        Path unknown = Files.writeString(directory.resolve("b.yaml"), "period: quarter\nsteps: [ingest, publish]\n");
        assertThatThrownBy(() -> JobSpec.load(unknown)).hasMessage(unknown + ": unknown step publish (steps are [ingest, build, report, scenario], in that order)");
        Path period = Files.writeString(directory.resolve("c.yaml"), "period: week\nsteps: [report]\n");
        assertThatThrownBy(() -> JobSpec.load(period)).hasMessage(period + ": period must be month, quarter or year, not week");
        Path noPeriod = Files.writeString(directory.resolve("d.yaml"), "steps: [build, report]\n");
        assertThatThrownBy(() -> JobSpec.load(noPeriod)).hasMessage(noPeriod + ": a job spec with a report (or a build of one period) needs period (month, quarter or year)");
        Path noScenarios = Files.writeString(directory.resolve("e.yaml"), "steps: [scenario]\n");
        assertThatThrownBy(() -> JobSpec.load(noScenarios)).hasMessage(noScenarios + ": the scenario step needs scenarios (files such as conf/scenarios/baseline.yaml)");
    }

    private static JobSpec spec(String period)
    {
        return new JobSpec(null, period, java.util.List.of("report"), null, null, null, null, null, null);
    }
}

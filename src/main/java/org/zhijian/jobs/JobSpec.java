package org.zhijian.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;
import org.zhijian.indicators.Periods;

import static java.util.Objects.requireNonNullElse;

/**
 * A job spec (jobs/*.yaml): what `zhijian run` does — which steps (ingest, build, report,
 * scenario, in that order), the kind of period a brief takes, how much to rebuild, the brief's
 * languages, definition and formats (xlsx, html; both by default), and the scenarios to run (the first shown in detail, the others
 * beside it). Loaded strictly; a spec names no paths a flag or conf would not.
 */
public record JobSpec(
        @JsonProperty("description") String description,
        @JsonProperty("period") String period,
        @JsonProperty("steps") List<String> steps,
        @JsonProperty("input") String input,
        @JsonProperty("build") String build,
        @JsonProperty("languages") List<String> languages,
        @JsonProperty("definition") String definition,
        @JsonProperty("scenarios") List<String> scenarios,
        @JsonProperty("formats") List<String> formats)
{
    public static final List<String> STEPS = List.of("ingest", "build", "report", "scenario");

    public JobSpec
    {
        steps = List.copyOf(requireNonNullElse(steps, List.of()));
        build = requireNonNullElse(build, "all");
        languages = List.copyOf(requireNonNullElse(languages, List.of()));
        scenarios = List.copyOf(requireNonNullElse(scenarios, List.of()));
        formats = List.copyOf(requireNonNullElse(formats, List.of("xlsx", "html")));
    }

    /** Whether the job works on one period: a brief does, and so does a build of one period. */
    public boolean needsPeriod()
    {
        return has("report") || has("build") && build.equals("period");
    }

    public boolean has(String step)
    {
        return steps.contains(step);
    }

    public static JobSpec load(Path file)
    {
        JobSpec spec = YamlFiles.read(file, JobSpec.class);
        if (spec == null || spec.steps().isEmpty()) {
            throw new ConfigException(file + ": a job spec needs steps");
        }
        if (spec.period() == null && spec.needsPeriod()) {
            throw new ConfigException(file + ": a job spec with a report (or a build of one period) needs period (month, quarter or year)");
        }
        if (spec.period() != null && Periods.Kind.of(spec.period()).isEmpty()) {
            throw new ConfigException(file + ": period must be month, quarter or year, not " + spec.period());
        }
        int last = -1;
        for (String step : spec.steps()) {
            int index = STEPS.indexOf(step);
            if (index < 0) {
                throw new ConfigException(file + ": unknown step " + step + " (steps are " + STEPS + ", in that order)");
            }
            if (index <= last) {
                throw new ConfigException(file + ": steps run in the order " + STEPS + ", each once; " + step + " is out of place");
            }
            last = index;
        }
        if (!spec.build().equals("all") && !spec.build().equals("period")) {
            throw new ConfigException(file + ": build must be all (every period) or period (only the job's period), not " + spec.build());
        }
        if (spec.has("scenario") && spec.scenarios().isEmpty()) {
            throw new ConfigException(file + ": the scenario step needs scenarios (files such as conf/scenarios/baseline.yaml)");
        }
        if (!spec.has("scenario") && !spec.scenarios().isEmpty()) {
            throw new ConfigException(file + ": scenarios are listed but the steps have no scenario step");
        }
        for (String language : spec.languages()) {
            if (!language.equals("zh") && !language.equals("en")) {
                throw new ConfigException(file + ": languages are zh and en, not " + language);
            }
        }
        return spec;
    }

    /** The kind of period the job works on; {@link #load} refuses a spec whose period is none of them. */
    public Periods.Kind kind()
    {
        return Periods.Kind.of(period).orElseThrow(() -> new IllegalStateException("no period kind " + period));
    }

    /** The job's period: the one given, which must be of the spec's kind, else the last one ended before today. */
    public Periods.Period resolve(String given, LocalDate today)
    {
        if (given == null) {
            return kind().lastEndedBefore(today);
        }
        Periods.Period parsed = Periods.parse(given);
        if (parsed.kind() != kind()) {
            throw new IllegalArgumentException("this job takes a " + period + " (" + kind().example() + "), not " + given);
        }
        return parsed;
    }
}

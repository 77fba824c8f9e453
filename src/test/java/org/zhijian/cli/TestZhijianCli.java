package org.zhijian.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestZhijianCli
{
    @Test
    void helpListsEveryCommand()
    {
        String out = capture(() -> assertThat(ZhijianCli.execute("--help")).isZero());
        assertThat(out).contains("demo", "generate", "validate", "ingest", "build", "report", "scenario", "export", "publish", "dossier", "run", "lake");
    }

    @Test
    void everyCommandTakesTheGlobalOptions()
    {
        String out = capture(() -> assertThat(ZhijianCli.execute("generate", "--help")).isZero());
        assertThat(out).contains("--conf", "--lake", "--reports", "--master", "--quiet", "--verbose", "--scale", "--seed", "--dirty", "--formats");
    }

    @Test
    void aBadScenarioFileFailsWithItsLineBeforeSparkStarts(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws java.io.IOException
    {
        java.nio.file.Path file = java.nio.file.Files.writeString(directory.resolve("mine.yaml"),
                java.nio.file.Files.readString(java.nio.file.Path.of("conf", "scenarios", "baseline.yaml")).replace("{min: 0.05, mode: 0.08, max: 0.11}", "{min: 0.05, mode: 0.12, max: 0.11}"));
        String err = captureError(() -> assertThat(ZhijianCli.execute("scenario", file.toString(), "--lake", directory.resolve("lake").toString())).isEqualTo(2));
        assertThat(err.strip()).startsWith("error: " + file + ":28: assumptions[0].attrition.triangular: triangular needs min ≤ mode ≤ max").doesNotContain("Exception");
        String missing = captureError(() -> assertThat(ZhijianCli.execute("scenario", "conf/scenarios/baseline.yaml", "--compare", directory.resolve("none.yaml").toString()))
                .isEqualTo(2));
        assertThat(missing.strip()).isEqualTo("error: " + directory.resolve("none.yaml") + " does not exist");
        String twice = captureError(() -> assertThat(ZhijianCli.execute("scenario", "conf/scenarios/baseline.yaml", "--compare", "conf/scenarios/baseline.yaml"))
                .isEqualTo(2));
        assertThat(twice).contains("two scenarios are named baseline");
    }

    @Test
    void usageErrorsExitTwoWithoutStackTrace()
    {
        String err = captureError(() -> assertThat(ZhijianCli.execute("generate", "--scale", "lots")).isEqualTo(2));
        assertThat(err).contains("--scale").doesNotContain("Exception");
        assertThat(captureError(() -> assertThat(ZhijianCli.execute("no-such-command")).isEqualTo(2))).contains("no-such-command");
        assertThat(captureError(() -> assertThat(ZhijianCli.execute("generate", "--conf", "missing.yaml")).isEqualTo(2)))
                .contains("missing.yaml does not exist")
                .doesNotContain("Exception");
    }

    @Test
    void aBriefBeforeAnyBuildSaysToBuildFirst(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
    {
        CliRun run = CliRun.of("report", "--period", "2025-Q3", "--lake", directory.resolve("lake").toString(), "--reports", directory.resolve("out").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("has no indicator values; run `zhijian build` first").doesNotContain("Exception");
        CliRun badPeriod = CliRun.of("report", "--period", "2025-Q5");
        assertThat(badPeriod.status()).isEqualTo(2);
        assertThat(badPeriod.err()).contains("--period: '2025-Q5' is not a period");
        CliRun badDate = CliRun.of("validate", "--input", directory.toString(), "--sampled-on", "2025.13.01");
        assertThat(badDate.status()).isEqualTo(2);
        assertThat(badDate.err()).contains("--sampled-on: '2025.13.01' is not a date (yyyy-MM-dd)");
        CliRun badProfile = CliRun.of("validate", "--input", directory.toString(), "--profile", "county_yearbook");
        assertThat(badProfile.status()).isEqualTo(2);
        assertThat(badProfile.err()).contains("--profile: no source profile 'county_yearbook'").contains("known: enterprise_list, failed_list");
        CliRun badSpec = CliRun.of("run", directory.resolve("missing.yaml").toString());
        assertThat(badSpec.status()).isEqualTo(2);
        assertThat(badSpec.err()).contains("missing.yaml does not exist").doesNotContain("Exception");
    }

    @Test
    void aJobWhoseReportDefinitionIsWrongFailsBeforeIngesting(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws java.io.IOException
    {
        java.nio.file.Path definition = java.nio.file.Files.writeString(directory.resolve("brief.yaml"),
                java.nio.file.Files.readString(java.nio.file.Path.of("reports", "brief.yaml")).replace("type: rank_interval", "type: pie"));
        java.nio.file.Path spec = java.nio.file.Files.writeString(directory.resolve("job.yaml"),
                "period: quarter\nsteps: [ingest, build, report]\ndefinition: " + definition + "\n");
        CliRun run = CliRun.of("run", spec.toString(), "--period", "2025-Q3", "--input", directory.resolve("no-raw").toString(),
                "--lake", directory.resolve("lake").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("chart composite_ranking: type must be one of [bar, fan, hbar, line, rank_interval, stacked, stacked_hbar, tile_map], not pie");
        assertThat(run.out() + run.err()).doesNotContain("ingest ");
    }

    private static String capture(Runnable action)
    {
        return capture(action, false);
    }

    private static String captureError(Runnable action)
    {
        return capture(action, true);
    }

    private static String capture(Runnable action, boolean error)
    {
        PrintStream original = error ? System.err : System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream replacement = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        if (error) {
            System.setErr(replacement);
        }
        else {
            System.setOut(replacement);
        }
        try {
            action.run();
        }
        finally {
            if (error) {
                System.setErr(original);
            }
            else {
                System.setOut(original);
            }
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}

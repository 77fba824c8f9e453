package org.zhijian.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dataset, its fact and an indicator added with nothing but configuration — the example of
 * docs/extending.md, docs/examples/metering — ingested and built from the command line; and
 * configuration mistakes refused at start with the file, the line and what would be valid.
 */
class TestConfiguredDataset
{
    private static final Path EXAMPLE = Path.of("docs", "examples", "metering");

    @TempDir
    static Path directory;
    private static Path conf;

    @BeforeAll
    static void copyConf()
            throws IOException
    {
        conf = copy(Path.of("conf"), directory.resolve("conf"));
        Files.copy(EXAMPLE.resolve("datasets/metering_instruments.yaml"), conf.resolve("datasets/metering_instruments.yaml"));
        Files.copy(EXAMPLE.resolve("facts/metering_verifications.yaml"), conf.resolve("facts/metering_verifications.yaml"));
        Files.writeString(conf.resolve("indicators.yaml"), Files.readString(EXAMPLE.resolve("indicators.yaml"), StandardCharsets.UTF_8), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void aDatasetAFactAndAnIndicatorFromConfigurationAlone()
            throws IOException
    {
        Path raw = Files.createDirectories(directory.resolve("raw"));
        Files.copy(EXAMPLE.resolve("metering_instruments.csv"), raw.resolve("检定记录2025.csv"));
        String lake = directory.resolve("lake").toString();
        String settings = conf.resolve("zhijian.yaml").toString();

        CliRun ingest = CliRun.of("ingest", "--conf", settings, "--input", raw.toString(), "--lake", lake, "--as-of", "2026-01-10", "--allow-rejects");
        assertThat(ingest.status()).as(ingest.err()).isZero();
        // The file's own rules and zhijian's: a term ending before the verification, an instrument not on the list, a pass without its term.
        assertThat(ingest.out()).contains("metering_instruments").contains("rule.metering_valid_after_verified=1").contains("value.not_in_list=1")
                .contains("rule.metering_term_when_passed=1");

        CliRun build = CliRun.of("build", "--conf", settings, "--lake", lake, "-q");
        assertThat(build.status()).as(build.err()).isZero();
        Path out = directory.resolve("values.csv");
        CliRun export = CliRun.of("export", "--conf", settings, "--lake", lake, "--out", out.toString(), "--sql",
                "SELECT region_code, period, numerator, denominator FROM marts.indicator_values WHERE indicator_id = 'metering_pass_rate' ORDER BY 1, 2");
        assertThat(export.status()).as(export.err()).isZero();
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8).stream().map(line -> line.replace("\uFEFF", "")).toList();
        // Nine verifications passed the rules, seven of them passed: two of three in Q1, all three in Q2, two of three in Q3.
        assertThat(lines).contains("330000,2025,7,9", "330000,2025-Q1,2,3", "330000,2025-Q2,3,3", "330000,2025-Q3,2,3",
                "330100,2025,4,5", "330200,2025,2,3", "330300,2025,1,1", "330102,2025,2,2").noneMatch(line -> line.startsWith("330000,2025-Q4"));
    }

    @Test
    void mistakesInADatasetFileAreRefusedWithTheFileTheLineAndWhatIsValid()
            throws IOException
    {
        String good = Files.readString(EXAMPLE.resolve("datasets/metering_instruments.yaml"), StandardCharsets.UTF_8);
        assertThat(refused(good.replace("type: date\n    required: true\n    description: Date of verification", "type: datum\n    required: true\n    description: Date of verification")))
                .contains("metering_instruments.yaml:").contains("unknown type 'datum' (valid: text, code, date, boolean, amount, integer, year)");
        assertThat(refused(good.replace("  - name: result\n", "  - name: instrument\n"))).contains("column 'instrument' appears twice");
        assertThat(refused(good.replace("key: [certificate_no]", "key: [certificate]"))).contains("key names 'certificate', which is not a column");
        assertThat(refused(good.replace("check: valid_until > verified_on", "check: valid_until > checked_on"))).contains("check names 'checked_on', which is not a column");
        assertThat(refused(good.replace("when: result in [合格]", "when: outcome in [合格]"))).contains("when names 'outcome', which is not a column");
    }

    @Test
    void aFactThatReadsAnUnknownTableIsRefusedWithItsFileAndTheTablesItMayRead()
            throws IOException
    {
        Path broken = copy(conf, directory.resolve("conf-bad-fact"));
        Files.writeString(broken.resolve("facts/metering_verifications.yaml"), Files.readString(EXAMPLE.resolve("facts/metering_verifications.yaml"), StandardCharsets.UTF_8)
                .replace("FROM staged.metering_instruments", "FROM staged.metering"), StandardCharsets.UTF_8);
        Path raw = Files.createDirectories(directory.resolve("raw-bad-fact"));
        Files.copy(EXAMPLE.resolve("metering_instruments.csv"), raw.resolve("metering_instruments.csv"));
        String lake = directory.resolve("lake-bad-fact").toString();
        String settings = broken.resolve("zhijian.yaml").toString();
        assertThat(CliRun.of("ingest", "--conf", settings, "--input", raw.toString(), "--lake", lake, "--as-of", "2026-01-10", "--allow-rejects", "-q").status()).isZero();
        CliRun build = CliRun.of("build", "--conf", settings, "--lake", lake, "-q");
        assertThat(build.status()).isEqualTo(2);
        assertThat(build.err()).contains("metering_verifications.yaml:7: fact metering_verifications: [TABLE_OR_VIEW_NOT_FOUND]").contains("`staged`.`metering`")
                .contains("the tables a fact may read:").contains("staged.metering_instruments").doesNotContain("\tat ");
    }

    /** What ingest says of a conf whose example dataset file is {@code text}. */
    private static String refused(String text)
            throws IOException
    {
        Path broken = copy(conf, Files.createTempDirectory(directory, "conf"));
        Files.writeString(broken.resolve("datasets/metering_instruments.yaml"), text, StandardCharsets.UTF_8);
        CliRun run = CliRun.of("validate", "--conf", broken.resolve("zhijian.yaml").toString(), "--input", directory.toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).doesNotContain("\tat ");
        return run.err();
    }

    private static Path copy(Path from, Path to)
            throws IOException
    {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                }
                else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }
}

package org.zhijian.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.lake.LakeTables;
import org.zhijian.Failpoints;
import org.zhijian.ZhijianException;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeLock;
import org.zhijian.lake.RunIds;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.CreditCode;
import org.zhijian.schema.SourceDataset;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** The lake's guarantees: idempotent reloads, period replacement, one writer, atomic publication. */
class TestLakePublication
{
    /** The datasets the fixture keeps (RawSupervision.keepOriginalDatasets). */
    private static final List<SourceDataset> ORIGINAL = org.zhijian.generate.SampleDataGenerator.datasets(org.zhijian.schema.Datasets.CATALOGUE).stream()
            .filter(dataset -> org.zhijian.schema.DatasetCatalogue.BUILT_IN.contains(dataset.tableName())).toList();

    @TempDir
    static Path directory;
    private static Path raw;
    private static Path two;
    private static SparkSession spark;

    @BeforeAll
    static void generate()
            throws IOException
    {
        spark = SharedSpark.session();
        raw = directory.resolve("raw");
        SampleDataGenerator.generate(REFERENCE, new GeneratorSettings(0.005, 5, 2025, 0, List.of(OutputFormat.CSV), raw), line -> {});
        // The protocol is the same for every table; a killed child JVM ingests the seven original datasets only.
        org.zhijian.generate.RawSupervision.keepOriginalDatasets(raw);
        // The killed runs need one table to be caught writing: their child JVMs (a cold ingest each) load two datasets.
        two = Files.createDirectories(directory.resolve("raw-two"));
        for (String file : List.of("enterprises.csv", "inspections.csv")) {
            Files.copy(raw.resolve(file), two.resolve(file));
        }
    }

    @Test
    void theSameInputLoadedTwiceLeavesTheSameStagedRows()
            throws IOException
    {
        Path lakePath = directory.resolve("idempotent");
        IngestJob.Result first = ingest(raw, lakePath);
        Lake lake = lake(lakePath);
        List<List<Row>> before = new ArrayList<>();
        for (SourceDataset dataset : ORIGINAL) {
            before.add(stagedRows(lake, dataset));
        }
        IngestJob.Result second = ingest(raw, lakePath);
        assertThat(second.snapshot().orElseThrow().version()).isEqualTo(first.snapshot().orElseThrow().version() + 1);
        for (SourceDataset dataset : ORIGINAL) {
            assertThat(stagedRows(lake, dataset)).as(dataset.tableName()).isEqualTo(before.get(ORIGINAL.indexOf(dataset)));
            assertThat(lake.read(spark, IngestJob.quarantine(dataset)).count()).isEqualTo(second.outcomes().get(dataset).quarantined());
        }
        // Quality metrics keep every run, to compare runs.
        assertThat(lake.read(spark, LakeTables.QUALITY_METRICS).select("run_id").distinct().count()).isEqualTo(2);
    }

    @Test
    void aReloadReplacesTheYearsItHoldsAndMergesEnterprisesByKey()
            throws IOException
    {
        String a = CreditCode.forEnterprise("330106", "MA000001");
        String b = CreditCode.forEnterprise("330106", "MA000002");
        String c = CreditCode.forEnterprise("330106", "MA000003");
        Path firstLoad = directory.resolve("load1");
        Files.createDirectories(firstLoad);
        String enterpriseHeader = "credit_code,name,county_code,industry_code,size,above_scale,high_tech,established,status\n";
        Files.writeString(firstLoad.resolve("enterprises.csv"), enterpriseHeader
                + a + ",甲公司,330106,C33,小型,是,否,2010-01-01,存续\n" + b + ",乙公司,330106,C33,小型,是,否,2010-01-01,存续\n");
        String inspectionHeader = "batch_id,credit_code,producer_name,county_code,category,plan_level,sampled_on,result,failed_items\n";
        Files.writeString(firstLoad.resolve("inspections.csv"), inspectionHeader
                + "CC1," + a + ",,330106,羽绒服装,省抽,2024-03-01,合格,\n"
                + "CC2," + b + ",,330106,羽绒服装,省抽,2024-04-01,不合格,含绒量\n"
                + "CC3," + a + ",,330106,羽绒服装,省抽,2025-03-01,合格,\n"
                + "CC4," + b + ",,330106,羽绒服装,省抽,2025-04-01,合格,\n");
        Path lakePath = directory.resolve("periods");
        ingest(firstLoad, lakePath);

        Path secondLoad = directory.resolve("load2");
        Files.createDirectories(secondLoad);
        Files.writeString(secondLoad.resolve("enterprises.csv"), enterpriseHeader
                + b + ",乙公司（更名）,330106,C33,中型,是,是,2010-01-01,存续\n" + c + ",丙公司,330108,C34,小型,否,否,2020-01-01,存续\n");
        Files.writeString(secondLoad.resolve("inspections_2025.csv"), inspectionHeader
                + "CC5," + c + ",,330108,羽绒服装,市抽,2025-06-01,合格,\n");
        IngestJob.Result second = ingest(secondLoad, lakePath);
        assertThat(second.outcomes().get(org.zhijian.schema.Datasets.INSPECTIONS).quarantined()).isZero();

        Lake lake = lake(lakePath);
        assertThat(lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.ENTERPRISES)).orderBy("credit_code").select("name").collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("甲公司", "乙公司（更名）", "丙公司");
        assertThat(lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.INSPECTIONS)).orderBy("batch_id").select("batch_id", "year").collectAsList())
                .extracting(row -> row.getString(0) + "/" + row.getInt(1)).containsExactly("CC1/2024", "CC2/2024", "CC5/2025");
    }

    @Test
    void aSecondWriterIsRefusedNamingTheHolderAndAStaleLockIsTakenOver()
            throws Exception
    {
        Path lakePath = directory.resolve("locked");
        Lake lake = lake(lakePath);
        try (LakeLock held = lake.lock("20260101T000000Z-aaaaaa", "ingest", notice -> {})) {
            assertThatThrownBy(() -> ingest(raw, lakePath))
                    .isInstanceOf(ZhijianException.class)
                    .hasMessageContaining("run 20260101T000000Z-aaaaaa")
                    .hasMessageContaining("pid " + ProcessHandle.current().pid())
                    .satisfies(e -> assertThat(((ZhijianException) e).code()).isEqualTo(ZhijianException.Code.LAKE_BUSY));
        }
        // A lock left by a process that has died.
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.createDirectories(lakePath);
        Files.writeString(lakePath.resolve("_lock"), "{\"run_id\":\"20250101T000000Z-dead00\",\"command\":\"ingest\",\"pid\":" + gone.pid()
                + ",\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName() + "\",\"user\":\"x\",\"started_at\":\"2025-01-01T00:00:00Z\"}");
        List<String> notices = new ArrayList<>();
        try (LakeLock taken = lake.lock("20260101T000001Z-bbbbbb", "ingest", notices::add)) {
            assertThat(taken.holder().runId()).isEqualTo("20260101T000001Z-bbbbbb");
        }
        assertThat(notices).singleElement().asString().contains("20250101T000000Z-dead00").contains("no longer running");
        assertThat(lakePath.resolve("_lock")).doesNotExist();
        // A lock whose process id now belongs to another process (this one, started at another time).
        Files.writeString(lakePath.resolve("_lock"), "{\"run_id\":\"20250101T000000Z-reused\",\"command\":\"ingest\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"host\":\"" + java.net.InetAddress.getLocalHost().getHostName() + "\",\"user\":\"x\",\"started_at\":\"2025-01-01T00:00:00Z\",\"process_started_at\":\"2025-01-01T00:00:00Z\"}");
        notices.clear();
        try (LakeLock taken = lake.lock("20260101T000002Z-cccccc", "ingest", notices::add)) {
            assertThat(notices).singleElement().asString().contains("reused");
        }
    }

    @Test
    void anIngestKilledBeforeItCommitsLeavesThePreviousTablesCompleteAndARerunConverges()
            throws Exception
    {
        Path lakePath = directory.resolve("killed");
        IngestJob.Result first = ingest(two, lakePath);
        Lake lake = lake(lakePath);
        Snapshot before = lake.current();
        long inspections = lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.INSPECTIONS)).count();

        // While it waits there, a second ingest is refused and told who holds the lake.
        killedAtFailpoint(lakePath, "ingest.before-commit",
                child -> assertThatThrownBy(() -> ingest(two, lakePath)).isInstanceOf(ZhijianException.class).hasMessageContaining("pid " + child.pid()));
        // The killed run wrote complete new table folders but never published them.
        assertThat(lake.current()).isEqualTo(before);
        assertThat(lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.INSPECTIONS)).count()).isEqualTo(inspections);
        try (Stream<Path> folders = Files.list(lakePath.resolve("staged").resolve("inspections"))) {
            assertThat(folders.count()).isEqualTo(2);
        }

        IngestJob.Result rerun = ingest(two, lakePath);
        assertThat(rerun.outcomes().get(org.zhijian.schema.Datasets.INSPECTIONS).accepted()).isEqualTo(first.outcomes().get(org.zhijian.schema.Datasets.INSPECTIONS).accepted());
        assertThat(lake.read(spark, IngestJob.staged(org.zhijian.schema.Datasets.INSPECTIONS)).count()).isEqualTo(inspections);
        // The orphaned folder of the killed run is gone; the previous version stays for readers still on it.
        try (Stream<Path> folders = Files.list(lakePath.resolve("staged").resolve("inspections"))) {
            assertThat(folders.map(path -> path.getFileName().toString()).toList())
                    .containsExactlyInAnyOrder(first.runId(), rerun.runId());
        }
    }

    @Test
    void aRunKilledBetweenItsManifestAndItsSnapshotShowsAsNotCommittedAndItsLockAsStale()
            throws Exception
    {
        Path lakePath = directory.resolve("killed-at-snapshot");
        IngestJob.Result first = ingest(two, lakePath);
        Lake lake = lake(lakePath);
        Snapshot before = lake.current();
        Process child = killedAtFailpoint(lakePath, "lake.before-snapshot", stopped -> {});
        assertThat(lake.current()).isEqualTo(before);
        // Its manifest was written before the snapshot would have been: every committed run has one.
        var runs = lake.recentRuns(5);
        assertThat(runs).hasSize(2);
        String killed = runs.get(0).path("run_id").asText();
        assertThat(killed).isNotEqualTo(first.runId());
        assertThat(lake.committed(runs.get(0))).isFalse();
        assertThat(lake.committed(runs.get(1))).isTrue();
        org.zhijian.cli.CliRun shown = org.zhijian.cli.CliRun.of("lake", "--lake", lakePath.toString());
        assertThat(shown.out()).contains("Locked by run " + killed).contains("stale: process " + child.pid() + " is no longer running");
        assertThat(shown.out().lines().filter(line -> line.contains(killed) && line.contains("not committed")).count()).isEqualTo(1);
        assertThat(shown.out().lines().filter(line -> line.contains(first.runId()) && line.contains("succeeded")).count()).isEqualTo(1);
        // The next run takes the stale lock over and commits.
        IngestJob.Result rerun = ingest(two, lakePath);
        assertThat(lake.current().version()).isEqualTo(before.version() + 1);
        assertThat(lake.committed(lake.recentRuns(1).get(0))).isTrue();
        assertThat(rerun.snapshot()).isPresent();
    }

    @Test
    void anIngestThatRunsOutOfSpaceEndsWithOneErrorLineAndLeavesTheLakeAsItWas()
            throws Exception
    {
        Path disk = Files.createDirectories(directory.resolve("small-disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String mountOutput = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(mount.waitFor()).as("this test mounts a small tmpfs as root (CI runs as root): " + mountOutput).isZero();
        try {
            Path lakePath = disk.resolve("lake");
            ingest(raw, lakePath);
            Lake lake = lake(lakePath);
            Snapshot before = lake.current();
            Map<String, String> tables = new TreeMap<>();
            for (TableVersion version : before.tables().values()) {
                tables.putAll(org.zhijian.TestFiles.fingerprint(lakePath.resolve(version.path())));
            }
            // Leave the next run a little room only.
            try (var filler = Files.newOutputStream(disk.resolve("filler"))) {
                byte[] block = new byte[1 << 16];
                long room = Files.getFileStore(disk).getUsableSpace() - (96 << 10);
                for (long written = 0; written + block.length <= room; written += block.length) {
                    filler.write(block);
                }
            }
            Process child = childProcess(null, "ingest", "--input", raw.toString(), "--lake", lakePath.toString(), "--master", "local[2]", "--as-of", "2026-11-27", "-q");
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(child.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as(output).isEqualTo(1);
            List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
            assertThat(lines).as(output).hasSizeLessThanOrEqualTo(3);
            assertThat(lines.get(lines.size() - 1)).as(output).startsWith("error: ").contains("No space left on device");
            assertThat(output).doesNotContain("\tat ").doesNotContain(" ERROR ").doesNotContain("Exception in task");
            Files.delete(disk.resolve("filler"));
            assertThat(lake.current()).isEqualTo(before);
            Map<String, String> after = new TreeMap<>();
            for (TableVersion version : before.tables().values()) {
                after.putAll(org.zhijian.TestFiles.fingerprint(lakePath.resolve(version.path())));
            }
            assertThat(after).isEqualTo(tables);
        }
        finally {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
        }
    }

    /** Runs an ingest of the two-dataset raw folder in a JVM of its own until it waits at {@code failpoint}, calls {@code whileStopped}, then kills it. */
    private static Process killedAtFailpoint(Path lakePath, String failpoint, java.util.function.Consumer<Process> whileStopped)
            throws IOException, InterruptedException
    {
        Process child = childProcess(failpoint, "ingest", "--input", two.toString(), "--lake", lakePath.toString(), "--master", "local[2]", "--as-of", "2026-11-27", "-q");
        try {
            awaitLine(child, "failpoint " + failpoint + " reached");
            whileStopped.accept(child);
        }
        finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        return child;
    }

    /** The command line in a JVM of its own (stdout and stderr together), stopping at {@code failpoint} if one is given. */
    private static Process childProcess(String failpoint, String... arguments)
            throws IOException
    {
        List<String> options = failpoint == null ? List.of("-Xmx1g") : List.of("-Xmx1g", "-D" + Failpoints.PROPERTY + "=" + failpoint);
        List<String> command = org.zhijian.ChildJvm.cli(options, arguments);
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    private static String awaitLine(Process process, String expected)
            throws IOException
    {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            seen.append(line).append('\n');
            if (line.contains(expected)) {
                return line;
            }
        }
        throw new AssertionError("the child ended without reaching '" + expected + "':\n" + seen);
    }

    private static IngestJob.Result ingest(Path input, Path lakePath)
            throws IOException
    {
        return new IngestJob(spark, REFERENCE, line -> {}).run(IngestFixtures.request(input, lakePath, true), RunIds.next());
    }

    private static Lake lake(Path lakePath)
    {
        return Lake.open(lakePath.toString(), spark.sparkContext().hadoopConfiguration());
    }

    private static List<Row> stagedRows(Lake lake, SourceDataset dataset)
            throws IOException
    {
        return lake.read(spark, IngestJob.staged(dataset)).drop("run_id").orderBy(dataset.keyColumns().get(0), dataset.keyColumns().toArray(String[]::new)).collectAsList();
    }
}

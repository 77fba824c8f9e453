package org.zhijian.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.cli.CliRun;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.RawCounts;
import org.zhijian.generate.RawSupervision;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeLock;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.TableName;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two deployments beyond one machine's folder, on one folder of raw files: a lake on HDFS
 * (an in-process MiniDFSCluster), ingested and built in local mode in this JVM; and the same
 * commands on a real Spark standalone cluster — ingest started the launcher's way (the driver
 * here, the spark-submit jar shipped to the executors), build through jobs/spark-submit.sh with
 * that jar alone — whose marts equal the HDFS lake's row for row.
 *
 * <p>The cluster's commands run in JVMs of their own from the start, while this JVM builds the
 * HDFS lake: the local-mode build is the cluster's reference, so it is made once, and neither
 * side waits for the other's JVM to start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITDeployments
{
    @TempDir
    static Path directory;
    private static Path raw;
    private static StandaloneCluster cluster;
    /** The cluster's ingest and build, running from {@link #start()} on: their outputs, in order. */
    private static CompletableFuture<List<String>> clusterCommands;
    private static Path clusterLake;
    private static MiniDFSCluster dfs;
    /** The HDFS lake, once its test has ingested and built it. */
    private static String hdfsLake;

    @BeforeAll
    static void start()
            throws IOException, InterruptedException
    {
        raw = directory.resolve("raw");
        SampleDataGenerator.generate(ReferenceDataLoader.load(Path.of("conf", "reference")),
                new GeneratorSettings(0.002, 11, 2025, 0, List.of(OutputFormat.CSV), raw), line -> {});
        // The configured datasets and facts run on either deployment all the same; the seven original datasets are enough.
        RawSupervision.keepOriginalDatasets(raw);
        Path clusterDirectory = Files.createDirectories(directory.resolve("cluster"));
        cluster = StandaloneCluster.start(clusterDirectory);
        clusterLake = directory.resolve("lake-cluster");
        clusterCommands = CompletableFuture.supplyAsync(() -> {
            try {
                String ingest = JavaProcesses.run(JavaProcesses.cli("ingest", "--input", raw.toString(), "--lake", clusterLake.toString(), "--master", cluster.url()),
                        Map.of(), clusterDirectory.resolve("ingest-cluster.log"));
                // jobs/spark-submit.sh in client mode: Spark's classpath plus the one jar; spark-submit's --master decides.
                String build = JavaProcesses.run(List.of("bash", Path.of("jobs", "spark-submit.sh").toString(), "--master", cluster.url(), "--deploy-mode", "client",
                        "--driver-memory", "2g", "--conf", "spark.driver.defaultJavaOptions=" + org.zhijian.ChildJvm.C1, "--conf", "spark.executor.defaultJavaOptions=" + org.zhijian.ChildJvm.C1,
                        "build", "--lake", clusterLake.toString()), Map.of("SPARK_HOME", cluster.home().toString(), "SPARK_SCALA_VERSION", "2.13"),
                        clusterDirectory.resolve("build-cluster.log"));
                return List.of(ingest, build);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("dfs").toString());
        dfs = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        dfs.waitActive();
    }

    @AfterAll
    static void stop()
    {
        try {
            if (clusterCommands != null) {
                // A failed test leaves them running: they end within JavaProcesses.run's limit, and the cluster is closed after.
                clusterCommands.handle((outputs, failure) -> outputs).get(10, TimeUnit.MINUTES);
            }
        }
        catch (Exception e) {
            // Closing the cluster below stops whatever is still running.
        }
        finally {
            if (cluster != null) {
                cluster.close();
            }
            if (dfs != null) {
                dfs.shutdown();
            }
        }
    }

    @Test
    @Order(1)
    void ingestAndBuildPublishALakeOnHdfs()
            throws IOException
    {
        String lake = "hdfs://127.0.0.1:" + dfs.getNameNodePort() + "/zhijian/lake";
        Path spec = Files.writeString(directory.resolve("load.yaml"), "steps: [ingest, build]\n");
        CliRun run = CliRun.of("run", spec.toString(), "--input", raw.toString(), "--lake", lake);
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Published lake snapshot 1").contains("Built 15 tables");

        // Everything lives in HDFS: snapshots, manifests, tables; the lock is released.
        FileSystem fs = dfs.getFileSystem();
        org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("/zhijian/lake");
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(root, Lake.SNAPSHOTS))).hasSize(2);
        assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(root, Lake.RUNS))).hasSize(2);
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(root, "marts/indicator_values"))).isTrue();
        assertThat(fs.exists(new org.apache.hadoop.fs.Path(root, LakeLock.FILE))).isFalse();

        // The province's 2025 pass rate is the raw file's passed ÷ sampled batches.
        long[] counted = RawCounts.passedAndSampled(raw, 2025);
        Row province = read(lake, LakeTables.INDICATOR_VALUES)
                .where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025'").first();
        assertThat(province.<Double>getAs("value")).isEqualTo((double) counted[0] / counted[1]);

        // The lake command reads it as it reads a local lake.
        CliRun listing = CliRun.of("lake", "--lake", lake);
        assertThat(listing.status()).as(listing.err()).isZero();
        assertThat(listing.out()).contains("marts.indicator_values").contains("staged.inspections");
        hdfsLake = lake;
    }

    @Test
    @Order(2)
    void ingestAndBuildOnAStandaloneClusterGiveTheLocalModesIndicatorsRowForRow()
            throws Exception
    {
        List<String> outputs = clusterCommands.get(10, TimeUnit.MINUTES);
        assertThat(outputs.get(0)).contains("Published lake snapshot 1");
        assertThat(outputs.get(1)).contains("Built 15 tables");
        // Both ran as applications of the cluster, on its executors.
        assertThat(cluster.state().split("\"name\" : \"zhijian\"", -1)).hasSizeGreaterThanOrEqualTo(3);
        assertThat(Files.readString(directory.resolve("cluster").resolve("worker.log"), StandardCharsets.UTF_8)).contains("Asked to launch executor");

        // The reference: the same commands in local mode, in this JVM — the HDFS lake.
        assertThat(hdfsLake).as("the HDFS lake, the local-mode reference, was built by the test before").isNotNull();
        String built = clusterLake.toString();
        assertThat(rows(built, LakeTables.INDICATOR_VALUES)).hasSizeGreaterThan(1000).isEqualTo(rows(hdfsLake, LakeTables.INDICATOR_VALUES));
        // The forecasts too: drawn on the driver from seeded generators, the same whichever master.
        assertThat(rows(built, LakeTables.FORECASTS)).hasSizeGreaterThan(100).isEqualTo(rows(hdfsLake, LakeTables.FORECASTS));
        // And the red and black lists, collected from the executors and decided on the driver.
        assertThat(rows(built, LakeTables.CREDIT_LISTS)).isNotEmpty().isEqualTo(rows(hdfsLake, LakeTables.CREDIT_LISTS));
    }

    private static org.apache.spark.sql.Dataset<Row> read(String lake, TableName table)
            throws IOException
    {
        SparkSession spark = SharedSpark.session();
        return Lake.open(lake, spark.sparkContext().hadoopConfiguration()).read(spark, table);
    }

    /** A table of a lake, every row as text, sorted. */
    private static List<String> rows(String lake, TableName table)
            throws IOException
    {
        List<String> rows = new ArrayList<>();
        read(lake, table).collectAsList().forEach(row -> rows.add(row.toString()));
        rows.sort(null);
        return rows;
    }
}

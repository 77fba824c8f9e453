package org.zhijian.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.lake.LakeTables;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.reference.ReferenceDataLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same commands on a real Spark standalone cluster: ingest through the launcher's way of
 * starting (the driver here, the spark-submit jar shipped to the executors), build through
 * jobs/spark-submit.sh with that jar alone — and marts.indicator_values equals the local-mode
 * result row for row.
 */
class ITStandaloneCluster
{
    @TempDir
    Path directory;

    @Test
    void ingestAndBuildOnAStandaloneClusterGiveTheLocalModesIndicatorsRowForRow()
            throws IOException, InterruptedException
    {
        Path raw = directory.resolve("raw");
        SampleDataGenerator.generate(ReferenceDataLoader.load(Path.of("conf", "reference")),
                new GeneratorSettings(0.002, 11, 2025, 0.01, List.of(OutputFormat.CSV), raw), line -> {});
        // The cluster runs the configured datasets and facts all the same; the seven original datasets are enough to compare.
        org.zhijian.generate.RawSupervision.keepOriginalDatasets(raw);
        Path clusterLake = directory.resolve("lake-cluster");
        Path localLake = directory.resolve("lake-local");

        try (StandaloneCluster cluster = StandaloneCluster.start(directory)) {
            String ingest = JavaProcesses.run(JavaProcesses.cli("ingest", "--input", raw.toString(), "--lake", clusterLake.toString(), "--master", cluster.url()),
                    Map.of(), directory.resolve("ingest-cluster.log"));
            assertThat(ingest).contains("Published lake snapshot 1");
            // jobs/spark-submit.sh in client mode: Spark's classpath plus the one jar; spark-submit's --master decides.
            String build = JavaProcesses.run(List.of("bash", Path.of("jobs", "spark-submit.sh").toString(), "--master", cluster.url(), "--deploy-mode", "client",
                    "--driver-memory", "2g", "build", "--lake", clusterLake.toString()), Map.of("SPARK_HOME", cluster.home().toString(), "SPARK_SCALA_VERSION", "2.13"),
                    directory.resolve("build-cluster.log"));
            assertThat(build).contains("Built 14 tables");
            // Both ran as applications of the cluster, on its executors.
            String state = cluster.state();
            assertThat(state.split("\"name\" : \"zhijian\"", -1)).hasSizeGreaterThanOrEqualTo(3);
            assertThat(Files.readString(directory.resolve("worker.log"), StandardCharsets.UTF_8)).contains("Asked to launch executor");
        }

        // The reference: the same steps in local mode, in this JVM.
        Path spec = Files.writeString(directory.resolve("load.yaml"), "steps: [ingest, build]\n");
        org.zhijian.cli.CliRun local = org.zhijian.cli.CliRun.of("run", spec.toString(), "--input", raw.toString(), "--lake", localLake.toString());
        assertThat(local.status()).as(local.err()).isZero();
        assertThat(rows(clusterLake, org.zhijian.lake.LakeTables.INDICATOR_VALUES)).hasSizeGreaterThan(1000)
                .isEqualTo(rows(localLake, org.zhijian.lake.LakeTables.INDICATOR_VALUES));
        // The forecasts too: drawn on the driver from seeded generators, the same whichever master.
        assertThat(rows(clusterLake, org.zhijian.lake.LakeTables.FORECASTS)).hasSizeGreaterThan(100).isEqualTo(rows(localLake, org.zhijian.lake.LakeTables.FORECASTS));
        // And the red and black lists, collected from the executors and decided on the driver.
        assertThat(rows(clusterLake, org.zhijian.lake.LakeTables.CREDIT_LISTS)).isNotEmpty().isEqualTo(rows(localLake, org.zhijian.lake.LakeTables.CREDIT_LISTS));
    }

    /** A table of the lake, every row as text, sorted. */
    private static List<String> rows(Path lake, org.zhijian.lake.TableName table)
            throws IOException
    {
        org.apache.spark.sql.SparkSession spark = org.zhijian.spark.SharedSpark.session();
        List<String> rows = new ArrayList<>();
        org.zhijian.lake.Lake.open(lake.toString(), spark.sparkContext().hadoopConfiguration()).read(spark, table)
                .collectAsList().forEach(row -> rows.add(row.toString()));
        rows.sort(null);
        return rows;
    }
}

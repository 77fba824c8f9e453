package org.zhijian.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.lake.LakeTables;
import org.zhijian.cli.CliRun;
import org.zhijian.generate.GeneratorSettings;
import org.zhijian.generate.OutputFormat;
import org.zhijian.generate.SampleDataGenerator;
import org.zhijian.indicators.BuildJob;
import org.zhijian.lake.Lake;
import org.zhijian.reference.ReferenceDataLoader;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;

/** A lake on HDFS (an in-process MiniDFSCluster): ingest and build publish there, and the figures are the raw file's. */
class ITHdfsLake
{
    @TempDir
    Path directory;

    @Test
    void ingestAndBuildPublishALakeOnHdfs()
            throws IOException
    {
        Path raw = directory.resolve("raw");
        SampleDataGenerator.generate(ReferenceDataLoader.load(Path.of("conf", "reference")),
                new GeneratorSettings(0.002, 13, 2025, 0, List.of(OutputFormat.CSV), raw), line -> {});
        org.zhijian.generate.RawSupervision.keepOriginalDatasets(raw);
        Configuration configuration = new Configuration();
        configuration.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("dfs").toString());
        MiniDFSCluster dfs = new MiniDFSCluster.Builder(configuration).numDataNodes(1).build();
        try {
            dfs.waitActive();
            String lake = "hdfs://127.0.0.1:" + dfs.getNameNodePort() + "/zhijian/lake";
            Path spec = Files.writeString(directory.resolve("load.yaml"), "steps: [ingest, build]\n");
            CliRun run = CliRun.of("run", spec.toString(), "--input", raw.toString(), "--lake", lake);
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("Published lake snapshot 1").contains("Built 14 tables");

            // Everything lives in HDFS: snapshots, manifests, tables; the lock is released.
            FileSystem fs = dfs.getFileSystem();
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path("/zhijian/lake");
            assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(root, Lake.SNAPSHOTS))).hasSize(2);
            assertThat(fs.listStatus(new org.apache.hadoop.fs.Path(root, Lake.RUNS))).hasSize(2);
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(root, "marts/indicator_values"))).isTrue();
            assertThat(fs.exists(new org.apache.hadoop.fs.Path(root, org.zhijian.lake.LakeLock.FILE))).isFalse();

            // The province's 2025 pass rate is the raw file's passed ÷ sampled batches.
            long[] counted = org.zhijian.generate.RawCounts.passedAndSampled(raw, 2025);
            long passed = counted[0];
            long sampled = counted[1];
            SparkSession spark = SharedSpark.session();
            Row province = Lake.open(lake, spark.sparkContext().hadoopConfiguration()).read(spark, LakeTables.INDICATOR_VALUES)
                    .where("indicator_id = 'sampling_pass_rate' AND region_level = 'province' AND period = '2025'").first();
            assertThat(province.<Double>getAs("value")).isEqualTo((double) passed / sampled);

            // The lake command reads it as it reads a local lake.
            CliRun listing = CliRun.of("lake", "--lake", lake);
            assertThat(listing.status()).as(listing.err()).isZero();
            assertThat(listing.out()).contains("marts.indicator_values").contains("staged.inspections");
        }
        finally {
            dfs.shutdown();
        }
    }
}

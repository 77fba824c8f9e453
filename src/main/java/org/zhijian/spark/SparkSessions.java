package org.zhijian.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.zhijian.config.ZhijianConfig;
import org.zhijian.lake.HadoopConfigurations;

/**
 * Opens the one Spark session a command uses: embedded (local[*]) by default or on any master,
 * with the UI off, session time zone and shuffle partitions from conf/zhijian.yaml.
 */
public final class SparkSessions
{
    private SparkSessions() {}

    /**
     * On a cluster master the driver ships zhijian's classes to the executors itself: the
     * spark-submit jar the launcher names ({@code -Dzhijian.jar}), unless the settings give
     * {@code spark.jars} or the driver was itself started by spark-submit (which ships its jar).
     */
    static java.util.Optional<String> applicationJar(ZhijianConfig.SparkSettings settings)
    {
        String jar = System.getProperty("zhijian.jar", "");
        boolean local = settings.master().startsWith("local");
        if (local || jar.isBlank() || settings.settings().containsKey("spark.jars") || System.getProperty("spark.jars") != null
                || System.getProperty("spark.submit.deployMode") != null) {
            return java.util.Optional.empty();
        }
        if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(jar))) {
            throw new org.zhijian.ZhijianException(org.zhijian.ZhijianException.Code.FAILURE, "the spark-submit jar " + jar
                    + " is missing; build it with `mvn -DskipTests package` (the launcher does when sources change)");
        }
        return java.util.Optional.of(java.nio.file.Path.of(jar).toAbsolutePath().toUri().toString());
    }

    public static SparkSession open(ZhijianConfig.SparkSettings settings)
    {
        SparkSession.Builder builder = SparkSession.builder().appName("zhijian");
        // Under spark-submit (which sets spark.master for the driver) its --master decides; otherwise conf, env or --master.
        String master = System.getProperty("spark.master", settings.master());
        builder.master(master);
        builder.config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(settings.shufflePartitions()))
                .config("spark.sql.session.timeZone", "Asia/Shanghai")
                .config("spark.sql.sources.partitionOverwriteMode", "dynamic")
                // Dates cross the Java API as java.time.LocalDate.
                .config("spark.sql.datetime.java8API.enabled", "true")
                // One Parquet dialect everywhere: no Spark-only timestamp encodings.
                .config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
                // Cached data here is small and short-lived: compressing it costs more than it saves.
                .config("spark.sql.inMemoryColumnarStorage.compressed", "false")
                // Lake views live in the session catalog; its warehouse never holds data, so keep it out of the working directory.
                .config("spark.sql.warehouse.dir", java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "zhijian-warehouse-" + System.getProperty("user.name", "user")).toUri().toString());
        HadoopConfigurations.SETTINGS.forEach((key, value) -> builder.config("spark.hadoop." + key, value));
        applicationJar(settings).ifPresent(jar -> builder.config("spark.jars", jar));
        if (master.startsWith("local")) {
            // One process has no locality to wait for. And a local backend offers its slots again only when a
            // task ends: a task waiting to run "near" an HDFS block on another host name never starts (seen on
            // a MiniDFS lake: every stage's second task waited forever).
            builder.config("spark.locality.wait", "0s");
        }
        for (Map.Entry<String, String> setting : settings.settings().entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        return builder.getOrCreate();
    }
}

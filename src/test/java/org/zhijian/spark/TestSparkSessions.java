package org.zhijian.spark;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TestSparkSessions
{
    @TempDir
    Path directory;

    @Test
    void embeddedSessionWritesAndReadsParquetWithChineseText()
    {
        SparkSession spark = SharedSpark.session();
        assertThat(spark.conf().get("spark.ui.enabled")).isEqualTo("false");
        assertThat(spark.conf().get("spark.sql.session.timeZone")).isEqualTo("Asia/Shanghai");
        StructType schema = new StructType()
                .add("county_code", DataTypes.StringType)
                .add("category", DataTypes.StringType)
                .add("passed", DataTypes.BooleanType);
        Dataset<Row> batches = spark.createDataFrame(List.of(
                RowFactory.create("330782", "学生文具", true),
                RowFactory.create("330782", "学生文具", false),
                RowFactory.create("330784", "防盗安全门", true)), schema);
        String path = directory.resolve("batches").toUri().toString();
        batches.write().mode("overwrite").partitionBy("county_code").parquet(path);

        Dataset<Row> read = spark.read().parquet(path);
        assertThat(read.count()).isEqualTo(3);
        Row yiwu = read.where("county_code = '330782'").groupBy("category").agg(org.apache.spark.sql.functions.avg(
                org.apache.spark.sql.functions.col("passed").cast("double")).as("rate")).first();
        assertThat(yiwu.getString(0)).isEqualTo("学生文具");
        assertThat(yiwu.getDouble(1)).isEqualTo(0.5);
    }

    @Test
    void aClusterMasterGetsTheSparkSubmitJarShippedAndLocalOrSubmittedDriversDoNot()
            throws java.io.IOException
    {
        Path jar = java.nio.file.Files.writeString(directory.resolve("zhijian-0.1.0-spark.jar"), "jar");
        String previous = System.getProperty("zhijian.jar");
        try {
            System.setProperty("zhijian.jar", jar.toString());
            assertThat(SparkSessions.applicationJar(settings("local[2]", java.util.Map.of()))).isEmpty();
            assertThat(SparkSessions.applicationJar(settings("spark://127.0.0.1:7077", java.util.Map.of()))).contains(jar.toUri().toString());
            assertThat(SparkSessions.applicationJar(settings("yarn", java.util.Map.of("spark.jars", "hdfs:///apps/zhijian.jar")))).isEmpty();
            System.setProperty("zhijian.jar", directory.resolve("missing.jar").toString());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> SparkSessions.applicationJar(settings("yarn", java.util.Map.of())))
                    .isInstanceOf(org.zhijian.ZhijianException.class).hasMessageContaining("missing.jar is missing; build it with `mvn -DskipTests package`");
        }
        finally {
            if (previous == null) {
                System.clearProperty("zhijian.jar");
            }
            else {
                System.setProperty("zhijian.jar", previous);
            }
        }
    }

    private static org.zhijian.config.ZhijianConfig.SparkSettings settings(String master, java.util.Map<String, String> extra)
    {
        return new org.zhijian.config.ZhijianConfig.SparkSettings(master, 2, extra);
    }
}

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
}

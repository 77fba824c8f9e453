package org.zhijian.lake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;

/**
 * One complete, immutable version of a table: the folder that holds its Parquet files
 * (relative to the lake root), its size, the run that wrote it, and its Spark schema.
 */
public record TableVersion(
        @JsonProperty("path") String path,
        @JsonProperty("rows") long rows,
        @JsonProperty("bytes") long bytes,
        @JsonProperty("run_id") String runId,
        @JsonProperty("committed_at") String committedAt,
        @JsonProperty("partition_by") List<String> partitionBy,
        @JsonProperty("schema") String schema)
{
    public TableVersion
    {
        requireNonNull(path, "path is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(committedAt, "committedAt is null");
        partitionBy = List.copyOf(requireNonNull(partitionBy, "partitionBy is null"));
        requireNonNull(schema, "schema is null");
    }

    /** A column as the schema records it: name, Spark type (e.g. {@code decimal(18,2)}), and the unit and comment of its metadata ("" when none). */
    public record Column(String name, String type, String unit, String comment) {}

    /** The columns of the recorded schema, in order. */
    @JsonIgnore
    public List<Column> columns()
    {
        StructType struct = (StructType) DataType.fromJson(schema);
        return java.util.Arrays.stream(struct.fields()).map(field -> new Column(field.name(), field.dataType().simpleString(), text(field, "unit"), text(field, "comment")))
                .toList();
    }

    private static String text(StructField field, String key)
    {
        return field.metadata().contains(key) ? field.metadata().getString(key) : "";
    }
}

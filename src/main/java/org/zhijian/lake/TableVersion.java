package org.zhijian.lake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

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
}

package org.zhijian.lake;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonProperty;

import static java.util.Objects.requireNonNull;

/**
 * The state of the whole lake after one commit: the current version of every table. A run
 * that writes several tables publishes them together by committing one snapshot, so a reader
 * sees all of a run's tables or none of them.
 */
public record Snapshot(
        @JsonProperty("version") long version,
        @JsonProperty("run_id") String runId,
        @JsonProperty("committed_at") String committedAt,
        @JsonProperty("tables") Map<String, TableVersion> tables)
{
    public Snapshot
    {
        requireNonNull(runId, "runId is null");
        requireNonNull(committedAt, "committedAt is null");
        tables = new TreeMap<>(requireNonNull(tables, "tables is null"));
    }

    public static Snapshot empty()
    {
        return new Snapshot(0, "", "", Map.of());
    }

    public Optional<TableVersion> table(TableName name)
    {
        return Optional.ofNullable(tables.get(name.toString()));
    }
}

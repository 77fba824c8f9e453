package org.zhijian.lake;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Column;

import static java.util.Objects.requireNonNull;

/**
 * How {@link Lake.Commit#write} lays out a table version's Parquet files: a partition column,
 * the sort within each file, whether the rows go to one file (coalesced, or shuffled so the work
 * before stays parallel), and Parquet writer options. Immutable; each method returns a new layout.
 */
public record TableLayout(Optional<String> partitionBy, List<Column> sortWithin, Files files, Map<String, String> options)
{
    /** How many files the rows go to. */
    public enum Files
    {
        /** One file per task, as the rows were computed. */
        AS_COMPUTED,
        /** One file, the rows coalesced into one task (cheap for small tables). */
        ONE,
        /** One file after a shuffle, so the work before the write keeps all tasks. */
        ONE_AFTER_SHUFFLE,
    }

    public TableLayout
    {
        requireNonNull(partitionBy, "partitionBy is null");
        sortWithin = List.copyOf(sortWithin);
        requireNonNull(files, "files is null");
        options = Map.copyOf(options);
    }

    /** Files as computed, unsorted, unpartitioned. */
    public static TableLayout plain()
    {
        return new TableLayout(Optional.empty(), List.of(), Files.AS_COMPUTED, Map.of());
    }

    public TableLayout partitionedBy(Optional<String> column)
    {
        return new TableLayout(column, sortWithin, files, options);
    }

    public TableLayout sortedWithin(Column... columns)
    {
        return new TableLayout(partitionBy, List.of(columns), files, options);
    }

    public TableLayout inOneFile()
    {
        return new TableLayout(partitionBy, sortWithin, Files.ONE, options);
    }

    public TableLayout inOneFileAfterShuffle()
    {
        return new TableLayout(partitionBy, sortWithin, Files.ONE_AFTER_SHUFFLE, options);
    }

    public TableLayout option(String key, String value)
    {
        Map<String, String> all = new LinkedHashMap<>(options);
        all.put(key, value);
        return new TableLayout(partitionBy, sortWithin, files, all);
    }
}

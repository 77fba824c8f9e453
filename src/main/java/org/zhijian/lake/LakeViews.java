package org.zhijian.lake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import static java.util.Objects.requireNonNull;

/**
 * Makes every table of a lake snapshot queryable by its name: {@code staged.inspections},
 * {@code quarantine.inspections}, {@code marts.indicator_values}, … One database per layer in
 * the session's catalog, one view per table, each over the table's current version folder.
 * Personal columns are masked inside the view itself (see {@link PersonalData}) unless the
 * views are registered unmasked.
 */
public final class LakeViews
{
    /** The registered views: the table version each reads, and the personal columns each masks. */
    public record Registered(Map<String, TableVersion> tables, Map<String, List<String>> masked)
    {
        public Registered
        {
            tables = Map.copyOf(requireNonNull(tables, "tables is null"));
            masked = Map.copyOf(requireNonNull(masked, "masked is null"));
        }
    }

    private LakeViews() {}

    /** Registers the views of {@code names} (tables of the snapshot, as layer.table) and returns them by name. */
    public static Registered register(SparkSession spark, Lake lake, Snapshot snapshot, Set<String> names, PersonalData personal, boolean unmasked)
    {
        Map<String, TableVersion> views = new TreeMap<>();
        Map<String, List<String>> masked = new TreeMap<>();
        for (Map.Entry<String, TableVersion> table : snapshot.tables().entrySet()) {
            if (!names.contains(table.getKey())) {
                continue;
            }
            TableName name = TableName.parse(table.getKey());
            spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.layer() + "`");
            String location = lake.location(table.getValue()).toString();
            String source = "parquet.`" + location.replace("`", "``") + "`";
            Optional<StructType> stored = storedSchema(table.getValue());
            String select = "*";
            if (stored.isEmpty() || !personal.personalColumns(stored.get()).isEmpty()) {
                // The files' own schema gives the column order a plain SELECT * would have.
                StructType schema = spark.read().parquet(location).schema();
                List<String> personalColumns = personal.personalColumns(schema);
                List<String> items = new ArrayList<>();
                for (StructField field : schema.fields()) {
                    personal.viewColumn(schema, field, unmasked).ifPresent(items::add);
                }
                select = String.join(", ", items);
                if (!unmasked && !personalColumns.isEmpty()) {
                    masked.put(name.toString(), List.copyOf(personalColumns));
                }
            }
            spark.sql("CREATE OR REPLACE VIEW `" + name.layer() + "`.`" + name.name() + "` AS SELECT " + select + " FROM " + source);
            views.put(name.toString(), table.getValue());
        }
        return new Registered(views, masked);
    }

    /** Registers the view {@code name} over one version of its table, every column as stored (for the steps' own queries, unmasked). */
    public static void registerVersion(SparkSession spark, Lake lake, TableName name, TableVersion version)
    {
        spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.layer() + "`");
        spark.sql("CREATE OR REPLACE VIEW `" + name.layer() + "`.`" + name.name() + "` AS SELECT * FROM parquet.`" + lake.location(version).toString().replace("`", "``") + "`");
    }

    /**
     * Registers the view {@code name} with exactly the columns of {@code expected}, in order: over
     * the table's version when there is one (a column the version lacks, such as one added to its
     * dataset since it was written, reads as null), else as an empty table. Queries written for
     * today's columns then run on any lake.
     */
    public static void registerConformed(SparkSession spark, Lake lake, TableName name, Optional<TableVersion> version, StructType expected)
    {
        spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.layer() + "`");
        Optional<StructType> stored = version.map(found -> storedSchema(found).orElseGet(() -> spark.read().parquet(lake.location(found).toString()).schema()));
        List<String> items = new ArrayList<>();
        for (StructField field : expected.fields()) {
            boolean present = stored.isPresent() && java.util.Arrays.asList(stored.get().fieldNames()).contains(field.name());
            items.add(present ? "`" + field.name() + "`" : "CAST(NULL AS " + field.dataType().sql() + ") AS `" + field.name() + "`");
        }
        String from = version.map(found -> " FROM parquet.`" + lake.location(found).toString().replace("`", "``") + "`").orElse(" WHERE false");
        spark.sql("CREATE OR REPLACE VIEW `" + name.layer() + "`.`" + name.name() + "` AS SELECT " + String.join(", ", items) + from);
    }

    /** The schema the snapshot recorded for a table version; empty when it cannot be read, so the files' schema decides. */
    private static Optional<StructType> storedSchema(TableVersion version)
    {
        try {
            return DataType.fromJson(version.schema()) instanceof StructType struct ? Optional.of(struct) : Optional.empty();
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}

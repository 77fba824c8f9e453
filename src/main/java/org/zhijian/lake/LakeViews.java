package org.zhijian.lake;

import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.SparkSession;

/**
 * Makes every table of a lake snapshot queryable by its name: {@code staged.inspections},
 * {@code quarantine.inspections}, {@code marts.indicator_values}, … One database per layer in
 * the session's catalog, one view per table, each over the table's current version folder.
 */
public final class LakeViews
{
    private LakeViews() {}

    /** Registers the views and returns them by name. */
    public static Map<String, TableVersion> register(SparkSession spark, Lake lake, Snapshot snapshot)
    {
        Map<String, TableVersion> views = new TreeMap<>();
        for (Map.Entry<String, TableVersion> table : snapshot.tables().entrySet()) {
            TableName name = TableName.parse(table.getKey());
            spark.sql("CREATE DATABASE IF NOT EXISTS `" + name.layer() + "`");
            String location = lake.location(table.getValue()).toString().replace("`", "``");
            spark.sql("CREATE OR REPLACE VIEW `" + name.layer() + "`.`" + name.name() + "` AS SELECT * FROM parquet.`" + location + "`");
            views.put(name.toString(), table.getValue());
        }
        return views;
    }
}

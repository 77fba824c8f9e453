package org.zhijian.ingest;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.zhijian.schema.DomainValues;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * The lists that set enterprises' flags (规模以上工业企业名单 → above_scale, 高新技术企业名单 →
 * high_tech; staged.enterprise_lists): an enterprise has a flag when its own row says so or when
 * it is on that list's latest year (a list without a year counts as the latest). Applied
 * whenever staged.enterprises is written, so a list loaded after the register flags it too.
 */
final class EnterpriseLists
{
    private EnterpriseLists() {}

    static Dataset<Row> flag(Dataset<Row> enterprises, Dataset<Row> lists)
    {
        Dataset<Row> dated = lists.select(col("list"), col("credit_code"), expr("coalesce(year, 9999)").as("_year"));
        Dataset<Row> latest = dated.groupBy("list").agg(expr("max(_year)").as("_latest"));
        Dataset<Row> current = dated.join(latest, "list").where(col("_year").equalTo(col("_latest"))).select("list", "credit_code").distinct();
        Dataset<Row> flagged = enterprises;
        for (String list : DomainValues.ENTERPRISE_LISTS) {
            Dataset<Row> listed = current.where(col("list").equalTo(list)).select(col("credit_code").as("_listed_code")).withColumn("_on_" + list, lit(true));
            flagged = flagged.join(broadcast(listed), flagged.col("credit_code").equalTo(listed.col("_listed_code")), "left")
                    .withColumn(list, expr("coalesce(" + list + ", false) OR coalesce(_on_" + list + ", false)"))
                    .drop("_listed_code", "_on_" + list);
        }
        return flagged.select(java.util.Arrays.stream(enterprises.columns()).map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }
}

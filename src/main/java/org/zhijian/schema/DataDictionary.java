package org.zhijian.schema;

import java.util.stream.Collectors;

/** Renders the raw-data schema of {@link SourceDataset} as docs/data-dictionary.md. */
public final class DataDictionary
{
    private DataDictionary() {}

    public static String markdown()
    {
        StringBuilder text = new StringBuilder();
        text.append("# Raw data dictionary\n\n")
                .append("Generated from `org.zhijian.schema.SourceDataset`; `TestDataDictionary` fails when this file is stale ")
                .append("(regenerate with `mvn -q test -Dtest=TestDataDictionary -Dzhijian.updateDocs=true`).\n\n")
                .append("A raw file's dataset is known by its header row, whatever the file is called: the project's own layouts ")
                .append("(`conf/sources/own_*.yaml`) have the English names below, the Chinese names, or any alias in ")
                .append("`conf/reference/header_aliases.csv`; other layouts are source profiles ([data sources](data-sources.md)). ")
                .append("Amounts are in the unit given; dates may be `yyyy-MM-dd`, `yyyy/M/d`, `yyyyMMdd`, `yyyy年M月d日` or Excel serials; ")
                .append("booleans 是/否, Y/N, true/false or 1/0.\n");
        for (SourceDataset dataset : SourceDataset.values()) {
            text.append("\n## ").append(dataset.tableName()).append(" (").append(dataset.chineseName()).append(")\n\n")
                    .append("Key: ").append(dataset.keyColumns().stream().map(column -> "`" + column + "`").collect(Collectors.joining(", "))).append("\n\n")
                    .append("| column | 中文 | type | required | unit | values | description |\n")
                    .append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Column column : dataset.columns()) {
                text.append("| `").append(column.name()).append("` | ").append(column.chineseName()).append(" | ")
                        .append(column.type().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                        .append(column.required() ? "yes" : "no").append(" | ")
                        .append(column.unit()).append(" | ")
                        .append(String.join(" / ", column.allowedValues())).append(" | ")
                        .append(column.description()).append(column.personal() ? " **Personal data.**" : "").append(" |\n");
            }
        }
        text.append("\n## Staged tables\n\n")
                .append("`ingest` writes each dataset to `staged/<dataset>` in the lake with the columns above, typed (dates as dates, ")
                .append("amounts as DECIMAL(22,4) in the unit shown, booleans as booleans; a historical county code is replaced by today's), ")
                .append("followed by these columns:\n\n| column | in | description |\n| --- | --- | --- |\n");
        for (SourceDataset dataset : SourceDataset.values()) {
            for (org.apache.spark.sql.types.StructField field : org.zhijian.ingest.StagedSchema.derivedFields(dataset)) {
                text.append("| `").append(field.name()).append("` | ").append(dataset.tableName()).append(" | ")
                        .append(field.metadata().getString("comment")).append(" |\n");
            }
        }
        for (org.apache.spark.sql.types.StructField field : org.zhijian.ingest.StagedSchema.lineageFields()) {
            text.append("| `").append(field.name()).append("` | all | ").append(field.metadata().getString("comment")).append(" |\n");
        }
        text.append("\nTables partitioned by `year`: every staged table but `enterprises`. ")
                .append("`quarantine/<dataset>` holds each rejected row: `source_file`, `source_line`, `text` (the original record), ")
                .append("`rules` (rule ids, `;`-separated), `reasons` (messages) and `run_id`.\n");
        text.append("\n## Validation rules\n\n| rule id | scope | message |\n| --- | --- | --- |\n");
        for (Rule rule : Rule.values()) {
            text.append("| `").append(rule.id()).append("` | ").append(rule.scope().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(rule.template().replace("|", "\\|")).append(" |\n");
        }
        return text.toString();
    }
}

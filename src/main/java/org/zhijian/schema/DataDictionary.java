package org.zhijian.schema;

import java.util.stream.Collectors;

/** Renders the raw datasets of conf/datasets ({@link DatasetCatalogue}) as docs/data-dictionary.md. */
public final class DataDictionary
{
    private DataDictionary() {}

    public static String markdown(DatasetCatalogue datasets)
    {
        StringBuilder text = new StringBuilder();
        text.append("# Raw data dictionary\n\n")
                .append("Generated from `conf/datasets/*.yaml` ([extending](extending.md) explains the keys); `TestDataDictionary` fails when this file is stale ")
                .append("(regenerate with `mvn -q test -Dtest=TestDataDictionary -Dzhijian.updateDocs=true`).\n\n")
                .append("A raw file's dataset is known by its header row, whatever the file is called: the project's own layouts ")
                .append("(`conf/sources/own_*.yaml`) have the English names below, the Chinese names, or any alias in ")
                .append("its column's `aliases`; other layouts are source profiles ([data sources](data-sources.md)). ")
                .append("Amounts are in the unit given; dates may be `yyyy-MM-dd`, `yyyy/M/d`, `yyyyMMdd`, `yyyy年M月d日` or Excel serials; ")
                .append("booleans 是/否, Y/N, true/false or 1/0.\n");
        for (SourceDataset dataset : datasets.all()) {
            text.append("\n## ").append(dataset.tableName()).append(" (").append(dataset.chineseName()).append(", ").append(dataset.englishName()).append(")\n\n")
                    .append("Key: ").append(dataset.keyColumns().stream().map(column -> "`" + column + "`").collect(Collectors.joining(", "))).append("\n\n")
                    .append("| column | 中文 | type | required | unit | values | description |\n")
                    .append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (Column column : dataset.columns()) {
                text.append("| `").append(column.name()).append("` | ").append(column.chineseName()).append(" | ")
                        .append(column.type().word()).append(" | ")
                        .append(column.required() ? "yes" : "no").append(" | ")
                        .append(column.unit()).append(" | ")
                        .append(String.join(" / ", column.allowedValues())).append(" | ")
                        .append(column.description()).append(column.personal() ? " **Personal data.**" : "").append(" |\n");
            }
            if (!dataset.rules().isEmpty() || !dataset.references().isEmpty()) {
                text.append("\n| rule id | checks | message |\n| --- | --- | --- |\n");
                for (RowRule rule : dataset.rules()) {
                    String checks;
                    if (rule instanceof RowRule.Comparison comparison) {
                        checks = "`" + comparison.left() + " " + comparison.op().symbol() + " " + comparison.right() + "`";
                    }
                    else {
                        RowRule.RequiredWhen required = (RowRule.RequiredWhen) rule;
                        checks = "`" + required.column() + "` required when `" + required.whenColumn() + "` "
                                + required.test().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + (required.values().isEmpty() ? "" : " " + String.join(" / ", required.values()));
                    }
                    text.append("| `").append(rule.id()).append("` | ").append(checks).append(" | ").append(rule.message().replace("|", "\\|")).append(" |\n");
                }
                for (Reference reference : dataset.references()) {
                    text.append("| `").append(reference.rule()).append("` | `").append(reference.column()).append("` names a `").append(reference.key()).append("` of ")
                            .append(reference.dataset()).append(" | ").append(reference.message().replace("|", "\\|")).append(" |\n");
                }
            }
        }
        text.append("\n## Staged tables\n\n")
                .append("`ingest` writes each dataset to `staged/<dataset>` in the lake with the columns above, typed (dates as dates, ")
                .append("amounts as DECIMAL(22,4) in the unit shown, booleans as booleans; a historical county code is replaced by today's), ")
                .append("followed by these columns:\n\n| column | in | description |\n| --- | --- | --- |\n");
        for (SourceDataset dataset : datasets.all()) {
            for (org.apache.spark.sql.types.StructField field : org.zhijian.ingest.StagedSchema.derivedFields(dataset)) {
                text.append("| `").append(field.name()).append("` | ").append(dataset.tableName()).append(" | ")
                        .append(field.metadata().getString("comment")).append(" |\n");
            }
        }
        for (org.apache.spark.sql.types.StructField field : org.zhijian.ingest.StagedSchema.lineageFields()) {
            text.append("| `").append(field.name()).append("` | all | ").append(field.metadata().getString("comment")).append(" |\n");
        }
        text.append("\nTables partitioned by `year`: ").append(datasets.all().stream().filter(SourceDataset::partitioned).map(dataset -> "`" + dataset.tableName() + "`")
                        .collect(Collectors.joining(", "))).append(". ")
                .append("`quarantine/<dataset>` holds each rejected row: `source_file`, `source_line`, `text` (the original record), ")
                .append("`rules` (rule ids, `;`-separated), `reasons` (messages) and `run_id`.\n");
        text.append("\n## Validation rules\n\nzhijian's own rules, for every dataset; each dataset's rules and references are listed with it above.\n\n| rule id | scope | message |\n| --- | --- | --- |\n");
        for (Rule rule : Rule.values()) {
            text.append("| `").append(rule.id()).append("` | ").append(rule.scope().name().toLowerCase(java.util.Locale.ROOT)).append(" | ")
                    .append(rule.template().replace("|", "\\|")).append(" |\n");
        }
        return text.toString();
    }
}

package org.zhijian.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.zhijian.schema.Reference;
import org.zhijian.schema.SourceDataset;
import org.zhijian.schema.Rule;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

/**
 * Turns the splits of one dataset into validated rows with Spark: tasks read and validate
 * their splits in parallel (nothing is collected to the driver), then the rules that need
 * other rows run as Spark operations — duplicate keys with a window ordered by file and line,
 * unknown enterprises with a join. Every row comes out exactly once, with every rule it breaks
 * in {@code _errors}; an empty list means accepted.
 */
public final class IngestPipeline
{
    public static final String ERRORS = "_errors";
    public static final String TEXT = "_text";
    /** The record's text with the fields of personal columns masked, for datasets that have them (null otherwise). */
    public static final String TEXT_MASKED = "_text_masked";
    public static final String BLANK = "_blank";
    public static final String COUNTY_MAPPED = "_county_mapped";
    /** The normalisations made to a row's values before validation, each "rule column" (files of other layouts than the project's own). */
    public static final String NORMALISED = "_normalised";
    private static final String KEY = "_key";
    private static final String CONTENT = "_content_hash";
    private static final String FILE_SEQUENCE = "_file_seq";

    public static final StructType ERROR_TYPE = new StructType(new StructField[] {
            StagedSchema.plain("rule", DataTypes.StringType),
            StagedSchema.plain("column", DataTypes.StringType),
            StagedSchema.plain("value", DataTypes.StringType),
            StagedSchema.plain("message", DataTypes.StringType)});

    /** How rows are judged: the run they belong to, the day dates may not pass, the pilot-code switch. */
    public record Settings(String runId, LocalDate asOf, boolean acceptPilotCreditCodes)
    {
        public Settings
        {
            requireNonNull(runId, "runId is null");
            requireNonNull(asOf, "asOf is null");
        }
    }

    private final SparkSession spark;
    private final ValidationReference reference;
    private final Settings settings;

    public IngestPipeline(SparkSession spark, ValidationReference reference, Settings settings)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.settings = requireNonNull(settings, "settings is null");
    }

    /**
     * Reads the splits of one dataset and applies the row rules, in parallel tasks and lazily;
     * nothing reaches the driver. The result carries the bookkeeping the cross-row rules need
     * and should be materialized (written or cached) before {@link #crossRowRules} reads it twice.
     */
    public org.apache.spark.sql.Dataset<Row> read(SourceDataset dataset, List<RawSplit> splits)
    {
        return read(dataset, splits, Optional.empty());
    }

    /**
     * As {@link #read(SourceDataset, List)}, resolving the producers that files of other layouts
     * name by {@code producers} (broadcast once to the tasks).
     */
    public org.apache.spark.sql.Dataset<Row> read(SourceDataset dataset, List<RawSplit> splits, Optional<ProducerResolver> producers)
    {
        StructType schema = readSchema(dataset);
        if (splits.isEmpty()) {
            return spark.createDataFrame(Collections.emptyList(), schema);
        }
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        RowValidator validator = new RowValidator(dataset, reference, settings.asOf(), settings.acceptPilotCreditCodes());
        RowCompletion.SerializableSupplier<ProducerResolver> register = null;
        if (producers.isPresent()) {
            org.apache.spark.broadcast.Broadcast<ProducerResolver> shipped = context.broadcast(producers.get());
            register = shipped::value;
        }
        RowCompletion completion = new RowCompletion(dataset, reference, register);
        ReadAndValidate task = new ReadAndValidate(validator, completion, settings.runId(), new SerializableWritable<>(spark.sparkContext().hadoopConfiguration()));
        JavaRDD<Row> read = context.parallelize(splits, splits.size()).flatMap(task);
        return spark.createDataFrame(read, schema);
    }

    /**
     * Applies the rules that need other rows — duplicate keys, references to other datasets — to
     * rows from {@link #read}. They run on a narrow projection (key, position, the referring
     * codes), and their findings, few as a rule, are joined back to the wide rows.
     *
     * @param known for each of the dataset's references, the codes it may name (one column)
     */
    public Validated crossRowRules(SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows, Map<Reference, org.apache.spark.sql.Dataset<Row>> known)
    {
        List<Column> narrowColumns = new ArrayList<>(List.of(col(KEY), col(FILE_SEQUENCE), col(StagedSchema.SOURCE_LINE), col(StagedSchema.SOURCE_FILE), col(CONTENT)));
        List<Reference> references = dataset.references();
        for (int i = 0; i < references.size(); i++) {
            // A code that broke a rule of its own is not looked up as well.
            String column = references.get(i).column();
            narrowColumns.add(when(expr("NOT exists(" + ERRORS + ", e -> e.column = '" + column + "')"), col(column)).cast(DataTypes.StringType).as("_ref_" + i));
        }
        org.apache.spark.sql.Dataset<Row> narrow = rows.select(narrowColumns.toArray(Column[]::new));
        org.apache.spark.sql.Dataset<Row> findings = duplicateKeys(dataset, narrow);
        for (int i = 0; i < references.size(); i++) {
            if (known.containsKey(references.get(i))) {
                findings = findings.unionByName(unknownReferences(narrow, "_ref_" + i, known.get(references.get(i)), references.get(i)));
            }
        }
        org.apache.spark.sql.Dataset<Row> byRow = findings.groupBy(FILE_SEQUENCE, StagedSchema.SOURCE_LINE).agg(collect_list(col("error")).as("_found"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        org.apache.spark.sql.Dataset<Row> joined = rows.join(byRow, scala.jdk.javaapi.CollectionConverters.asScala(List.of(FILE_SEQUENCE, StagedSchema.SOURCE_LINE)).toSeq(), "left")
                .withColumn(ERRORS, when(col("_found").isNull(), col(ERRORS)).otherwise(concat(col(ERRORS), col("_found"))));
        Column[] columns = java.util.Arrays.stream(validatedSchema(dataset).fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
        return new Validated(joined.select(columns), List.of(byRow));
    }

    /** Validated rows, and the small caches behind them, which the caller unpersists when done with the rows. */
    public record Validated(org.apache.spark.sql.Dataset<Row> rows, List<org.apache.spark.sql.Dataset<Row>> caches)
    {
    }

    /** The schema of validated rows: the staged columns, then the bookkeeping columns. */
    public static StructType validatedSchema(SourceDataset dataset)
    {
        List<StructField> fields = new ArrayList<>(List.of(StagedSchema.staged(dataset).fields()));
        fields.add(StagedSchema.plain(ERRORS, DataTypes.createArrayType(ERROR_TYPE, false)));
        fields.add(StagedSchema.plain(TEXT, DataTypes.StringType));
        fields.add(StagedSchema.plain(TEXT_MASKED, DataTypes.StringType));
        fields.add(StagedSchema.plain(BLANK, DataTypes.BooleanType));
        fields.add(StagedSchema.plain(COUNTY_MAPPED, DataTypes.BooleanType));
        fields.add(StagedSchema.plain(NORMALISED, DataTypes.createArrayType(DataTypes.StringType, false)));
        return new StructType(fields.toArray(StructField[]::new));
    }

    private static StructType readSchema(SourceDataset dataset)
    {
        List<StructField> fields = new ArrayList<>(List.of(validatedSchema(dataset).fields()));
        fields.add(StagedSchema.plain(KEY, DataTypes.StringType));
        fields.add(StagedSchema.plain(CONTENT, DataTypes.LongType));
        fields.add(StagedSchema.plain(FILE_SEQUENCE, DataTypes.IntegerType));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** Every row after the first with the same key breaks key.duplicate, or key.exact_duplicate when its content is the same. */
    private static org.apache.spark.sql.Dataset<Row> duplicateKeys(SourceDataset dataset, org.apache.spark.sql.Dataset<Row> rows)
    {
        WindowSpec byKey = Window.partitionBy(col(KEY)).orderBy(col(FILE_SEQUENCE), col(StagedSchema.SOURCE_LINE));
        Column firstFile = col("_first_file");
        Column firstLine = col("_first_line");
        Column exact = error(Rule.EXACT_DUPLICATE, lit(""), lit(""), format_string(Rule.EXACT_DUPLICATE.template(), firstFile, firstLine));
        Column different = error(Rule.DUPLICATE_KEY, lit(String.join(",", dataset.keyColumns())), col(KEY),
                format_string(Rule.DUPLICATE_KEY.template(), col(KEY), firstFile, firstLine));
        return rows.where(col(KEY).isNotNull())
                .withColumn("_rank", row_number().over(byKey))
                .withColumn("_first_file", first(col(StagedSchema.SOURCE_FILE)).over(byKey))
                .withColumn("_first_line", first(col(StagedSchema.SOURCE_LINE)).over(byKey))
                .withColumn("_first_content", first(col(CONTENT)).over(byKey))
                .where(col("_rank").gt(1))
                .select(col(FILE_SEQUENCE), col(StagedSchema.SOURCE_LINE),
                        when(col(CONTENT).equalTo(col("_first_content")), exact).otherwise(different).as("error"));
    }

    /** A code (the narrow rows hold only codes that broke no rule of their own) that names no known row breaks the reference's rule. */
    private static org.apache.spark.sql.Dataset<Row> unknownReferences(org.apache.spark.sql.Dataset<Row> rows, String code, org.apache.spark.sql.Dataset<Row> known, Reference reference)
    {
        org.apache.spark.sql.Dataset<Row> codes = known.select(col(known.columns()[0]).cast(DataTypes.StringType).as("_known_code")).distinct();
        org.apache.spark.sql.Dataset<Row> candidates = rows.where(col(code).isNotNull()).select(col(FILE_SEQUENCE), col(StagedSchema.SOURCE_LINE), col(code));
        return candidates.join(codes, candidates.col(code).equalTo(codes.col("_known_code")), "left_anti")
                .select(col(FILE_SEQUENCE), col(StagedSchema.SOURCE_LINE),
                        struct(lit(reference.rule()).as("rule"), lit(reference.column()).as("column"), col(code).as("value"),
                                format_string(reference.formatTemplate(), col(code)).as("message")).as("error"));
    }

    private static Column error(Rule rule, Column column, Column value, Column message)
    {
        return struct(lit(rule.id()).as("rule"), column.as("column"), value.as("value"), message.as("message"));
    }

    /** The task: read one split and validate each of its records, streaming. */
    static final class ReadAndValidate
            implements FlatMapFunction<RawSplit, Row>
    {
        private static final long serialVersionUID = 1L;

        private final RowValidator validator;
        private final RowCompletion completion;
        private final String runId;
        private final SerializableWritable<Configuration> configuration;

        ReadAndValidate(RowValidator validator, RowCompletion completion, String runId, SerializableWritable<Configuration> configuration)
        {
            this.validator = validator;
            this.completion = completion;
            this.runId = runId;
            this.configuration = configuration;
        }

        @Override
        public Iterator<Row> call(RawSplit split)
                throws IOException
        {
            SplitReader.Records records = SplitReader.open(split, configuration.value());
            TaskContext task = TaskContext.get();
            if (task != null) {
                task.addTaskCompletionListener(context -> {
                    try {
                        records.close();
                    }
                    catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
            return new Iterator<>()
            {
                private RawRecord pending;

                @Override
                public boolean hasNext()
                {
                    // Title rows above a header that is not on line 1 are not data.
                    while (pending == null && records.hasNext()) {
                        RawRecord record = records.next();
                        if (record.line() > split.headerLine() || record.failure() != null) {
                            pending = record;
                        }
                    }
                    return pending != null;
                }

                @Override
                public Row next()
                {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    RawRecord record = pending;
                    pending = null;
                    return toRow(split, record);
                }
            };
        }

        Row toRow(RawSplit split, RawRecord record)
        {
            if (record.tooLong()) {
                return row(split, record, validator.structural(new RowError(Rule.LINE_TOO_LONG.id(), "", "",
                        Rule.LINE_TOO_LONG.message(record.failure(), ReaderLimits.bytes(split.limits().maxLineBytes())))), false);
            }
            if (record.failure() != null) {
                return row(split, record, validator.structural(new RowError(Rule.ROW_UNREADABLE.id(), "", "", Rule.ROW_UNREADABLE.message(record.failure()))), false);
            }
            if (record.blank() || split.mapping().isNote(record.fields())) {
                // A note under a table (注：…) is not data, like a blank line.
                return row(split, record, validator.blank(), true);
            }
            List<String> fields = fitted(split, record.fields());
            if (fields.size() != split.fieldCount()) {
                return row(split, record, validator.structural(new RowError(Rule.COLUMN_COUNT.id(), "", String.valueOf(fields.size()),
                        Rule.COLUMN_COUNT.message(split.fieldCount(), fields.size()))), false);
            }
            List<String> normalisations = new ArrayList<>();
            String[] raw = split.mapping().apply(fields, normalisations);
            completion.complete(split.mapping(), fields, raw, normalisations);
            ValidatedRow validated = validator.validate(raw);
            if (record.undecodable()) {
                List<RowError> errors = new ArrayList<>(validated.errors());
                errors.add(0, new RowError(Rule.ROW_ENCODING.id(), "", "", record.encodingProblem()));
                validated = new ValidatedRow(validated.values(), errors, validated.key(), validated.contentHash(), validated.countyMapped());
            }
            return row(split, record, validated, false, normalisations);
        }

        /**
         * The record's text with the personal fields masked (PersonalData's rule), field by field
         * where the record has the header's fields, every field where it does not; null for a
         * dataset without personal columns.
         */
        private static String maskedText(RawSplit split, RawRecord record)
        {
            List<org.zhijian.schema.Column> columns = split.dataset().columns();
            if (columns.stream().noneMatch(org.zhijian.schema.Column::personal)) {
                return null;
            }
            List<String> fields = new ArrayList<>(fitted(split, record.fields()));
            if (fields.size() == split.fieldCount()) {
                for (int i = 0; i < columns.size(); i++) {
                    if (columns.get(i).personal()) {
                        for (int field : split.mapping().sources(i)) {
                            fields.set(field, org.zhijian.lake.PersonalData.mask(columns.get(i).name(), fields.get(field)));
                        }
                    }
                }
            }
            else {
                fields.replaceAll(field -> org.zhijian.lake.PersonalData.mask("", field));
            }
            return org.zhijian.io.CsvWriter.line(fields);
        }

        /** A workbook row may omit trailing empty cells or carry empty ones past the header. */
        private static List<String> fitted(RawSplit split, List<String> fields)
        {
            if (split.format() == RawFormat.CSV || fields.size() == split.fieldCount()) {
                return fields;
            }
            List<String> fitted = new ArrayList<>(fields);
            while (fitted.size() < split.fieldCount()) {
                fitted.add("");
            }
            while (fitted.size() > split.fieldCount() && fitted.get(fitted.size() - 1).isBlank()) {
                fitted.remove(fitted.size() - 1);
            }
            return fitted;
        }

        private Row row(RawSplit split, RawRecord record, ValidatedRow validated, boolean blank)
        {
            return row(split, record, validated, blank, List.of());
        }

        private Row row(RawSplit split, RawRecord record, ValidatedRow validated, boolean blank, List<String> normalisations)
        {
            Object[] values = validated.values();
            Object[] row = new Object[values.length + 3 + 9];
            System.arraycopy(values, 0, row, 0, values.length);
            int i = values.length;
            row[i++] = split.fileName();
            row[i++] = record.line();
            row[i++] = runId;
            List<Row> errors = new ArrayList<>(validated.errors().size());
            for (RowError error : validated.errors()) {
                errors.add(RowFactory.create(error.rule(), error.column(), error.value(), error.message()));
            }
            row[i++] = scala.jdk.javaapi.CollectionConverters.asScala(errors).toSeq();
            row[i++] = record.text();
            row[i++] = maskedText(split, record);
            row[i++] = blank;
            row[i++] = validated.countyMapped();
            row[i++] = scala.jdk.javaapi.CollectionConverters.asScala(normalisations).toSeq();
            row[i++] = validated.key();
            row[i++] = validated.contentHash();
            row[i] = split.fileSequence();
            return RowFactory.create(row);
        }
    }
}

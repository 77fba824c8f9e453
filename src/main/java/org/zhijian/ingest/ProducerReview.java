package org.zhijian.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.schema.SourceDataset;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;

/**
 * review.producers: the producers of a load's notices that did not resolve (unmatched or
 * ambiguous), one row per producer and file, with up to three register enterprises it may be and
 * how alike their names are. A person fills in credit_code and hands the table back as
 * producer_map.csv ({@link ProducerMap} reads its columns); the next ingest applies it.
 */
public final class ProducerReview
{
    /** How many candidates a producer gets, and how alike a name must be to be one. */
    static final int CANDIDATES = 3;
    static final double MINIMUM_SCORE = 0.5;

    public static final StructType SCHEMA = schema();

    /** The review rows of one load. */
    public record Review(Dataset<Row> rows, List<String> files) {}

    private ProducerReview() {}

    private static StructType schema()
    {
        List<StructField> fields = new ArrayList<>(List.of(
                StagedSchema.field("producer_name", DataTypes.StringType, "", "Producer name as the notice writes it"),
                StagedSchema.field("producer_address", DataTypes.StringType, "", "Producer address as the notice writes it"),
                StagedSchema.field("match", DataTypes.StringType, "", "unmatched (no register enterprise by that name) or ambiguous (several)"),
                StagedSchema.field("county_code", DataTypes.StringType, "", "County placed by the address, if any"),
                StagedSchema.field("dataset", DataTypes.StringType, "", "Dataset the batches were loaded into"),
                StagedSchema.field("batches", DataTypes.LongType, "", "Batches of the producer in the file"),
                StagedSchema.field(StagedSchema.SOURCE_FILE, DataTypes.StringType, "", "File the producer is named in"),
                StagedSchema.field("first_line", DataTypes.LongType, "", "First line (row) naming it")));
        for (int i = 1; i <= CANDIDATES; i++) {
            fields.add(StagedSchema.field("candidate_" + i + "_code", DataTypes.StringType, "", "Credit code of candidate " + i));
            fields.add(StagedSchema.field("candidate_" + i + "_name", DataTypes.StringType, "", "Register name of candidate " + i));
            fields.add(StagedSchema.field("candidate_" + i + "_score", DataTypes.DoubleType, "", "How alike the names are, 0-1 (Dice of character pairs)"));
        }
        fields.add(StagedSchema.field("credit_code", DataTypes.StringType, "", "Left empty: the code a person fills in for producer_map.csv"));
        fields.add(StagedSchema.field(StagedSchema.RUN_ID, DataTypes.StringType, "", "Ingest run that found the producer"));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The unresolved producers of the accepted rows of {@code validated} (inspections, failed batches), with candidates from {@code register}. */
    public static Review of(SparkSession spark, String runId, Map<SourceDataset, Dataset<Row>> validated, ProducerResolver register)
    {
        List<Row> rows = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (Map.Entry<SourceDataset, Dataset<Row>> entry : validated.entrySet()) {
            Dataset<Row> accepted = entry.getValue().where(not(col(IngestPipeline.BLANK)).and(size(col(IngestPipeline.ERRORS)).equalTo(0)));
            entry.getValue().select(StagedSchema.SOURCE_FILE).distinct().collectAsList().forEach(row -> files.add(row.getString(0)));
            List<Row> unresolved = accepted.where(col("match").isin(ProducerResolver.Match.UNMATCHED.id(), ProducerResolver.Match.AMBIGUOUS.id()))
                    .groupBy(col("producer_name"), col("producer_address"), col("match"), col("county_code"), col(StagedSchema.SOURCE_FILE))
                    .agg(count("*").as("batches"), min(col(StagedSchema.SOURCE_LINE)).as("first_line"))
                    .orderBy(col(StagedSchema.SOURCE_FILE), col("first_line")).collectAsList();
            for (Row producer : unresolved) {
                String name = producer.getString(0);
                String address = producer.getString(1);
                List<ProducerResolver.Candidate> candidates = ProducerResolver.Match.AMBIGUOUS.id().equals(producer.getString(2))
                        ? register.resolve(name, address).candidates()
                        : register.candidates(name, CANDIDATES, MINIMUM_SCORE);
                List<Object> values = new ArrayList<>(List.of(name, address == null ? "" : address, producer.getString(2)));
                values.add(producer.getString(3));
                values.add(entry.getKey().tableName());
                values.add(producer.getLong(5));
                values.add(producer.getString(4));
                values.add(producer.getLong(6));
                for (int i = 0; i < CANDIDATES; i++) {
                    ProducerResolver.Candidate candidate = i < candidates.size() ? candidates.get(i) : null;
                    values.add(candidate == null ? null : candidate.code());
                    values.add(candidate == null ? null : candidate.name());
                    values.add(candidate == null ? null : candidate.score());
                }
                values.add(null);
                values.add(runId);
                rows.add(RowFactory.create(values.toArray()));
            }
        }
        return new Review(spark.createDataFrame(rows, SCHEMA), files);
    }
}

package org.zhijian.indicators.credit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.indicators.Facts;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * Enterprise quality credit ratings per enterprise and year from the scorecard: every rule's
 * matching records in the year's window, their capped points, the score, the grade, and the
 * reasons (rule, records, points, evidence) that moved the score. An enterprise with no
 * record in a year's window is not rated that year.
 */
public final class CreditRatings
{
    /** Columns of ratings.credit. */
    public static final List<String> COLUMNS = List.of("year", "credit_code", "enterprise_name", "county_code", "city_code", "score", "grade", "forced", "reasons");

    private final SparkSession spark;
    private final CreditScorecard scorecard;

    public CreditRatings(SparkSession spark, CreditScorecard scorecard)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.scorecard = requireNonNull(scorecard, "scorecard is null");
    }

    /**
     * @param facts fact tables with credit_code and the columns the rules name
     * @param enterprises credit_code, enterprise_name, county_code, city_code of every enterprise
     */
    public Dataset<Row> compute(Map<String, Dataset<Row>> facts, Dataset<Row> enterprises, int firstYear, int lastYear)
    {
        Dataset<Row> years = years(firstYear, lastYear);
        Dataset<Row> events = null;
        List<Row> parameters = new ArrayList<>();
        for (int i = 0; i < scorecard.rules().size(); i++) {
            CreditScorecard.Rule rule = scorecard.rules().get(i);
            parameters.add(RowFactory.create(i, rule.id(), rule.points(), rule.cap(), rule.forces() != null));
            Dataset<Row> rows = facts.get(rule.source());
            if (rows == null) {
                continue;
            }
            Dataset<Row> matching = rows.where(col("credit_code").isNotNull().and(expr(rule.where())));
            Column inYear = switch (rule.timing()) {
                case FLOW -> col("date").gt(col("window_start")).and(col("date").leq(col("year_end")));
                case STOCK -> col("valid_from").leq(col("year_end"))
                        .and(col("valid_until").isNull().or(col("year_end").lt(col("valid_until"))))
                        .and(col("revoked_on").isNull().or(col("revoked_on").gt(col("year_end"))));
                case YEARLY, VIEW -> throw new IllegalStateException("scorecard rules take flow or stock facts");
            };
            Dataset<Row> ruleEvents = matching.join(broadcast(years), inYear)
                    .select(col("credit_code"), col("year"), lit(i).as("rule_index"), expr(rule.evidence()).cast(DataTypes.StringType).as("evidence"));
            events = events == null ? ruleEvents : events.unionByName(ruleEvents);
        }
        if (events == null) {
            return spark.createDataFrame(List.of(), schema());
        }
        Dataset<Row> rules = spark.createDataFrame(parameters, new StructType(new StructField[] {
                field("rule_index", DataTypes.IntegerType), field("rule_id", DataTypes.StringType), field("points_each", DataTypes.DoubleType),
                field("cap", DataTypes.DoubleType), field("forces", DataTypes.BooleanType)}));
        Dataset<Row> reasons = events.groupBy(col("credit_code"), col("year"), col("rule_index"))
                .agg(expr("count(*)").as("records"), expr("slice(array_sort(collect_list(evidence)), 1, 3)").as("first"))
                .join(broadcast(rules), "rule_index")
                .withColumn("points", expr("CASE WHEN points_each < 0 THEN greatest(points_each * records, cap) ELSE least(points_each * records, cap) END"))
                .withColumn("evidence", expr("concat(concat_ws('; ', first), CASE WHEN records > 3 THEN concat('; …（共 ', records, ' 条）') ELSE '' END)"));
        Dataset<Row> scored = reasons.groupBy(col("credit_code"), col("year"))
                .agg(expr("sum(points)").as("points"), expr("max(forces)").as("forced"),
                        expr("transform(array_sort(collect_list(struct(rule_index, rule_id, records, points, evidence))), "
                                + "r -> named_struct('rule_id', r.rule_id, 'records', r.records, 'points', r.points, 'evidence', r.evidence))").as("reasons"))
                .withColumn("score", expr("least(100D, greatest(0D, " + scorecard.base() + "D + points))"))
                .withColumn("grade", gradeExpression());
        return scored.join(enterprises, "credit_code")
                .select(COLUMNS.stream().map(name -> col(name)).toArray(Column[]::new));
    }

    private Column gradeExpression()
    {
        List<CreditScorecard.Grade> grades = scorecard.grades();
        String lowest = grades.get(grades.size() - 1).grade();
        String cases = grades.subList(0, grades.size() - 1).stream()
                .map(grade -> "WHEN score >= " + grade.min() + "D THEN '" + grade.grade() + "'")
                .collect(Collectors.joining(" "));
        return expr("CASE WHEN forced THEN '" + lowest + "' " + cases + " ELSE '" + lowest + "' END");
    }

    /** Each rating year with its last day and the (exclusive) start of its window. */
    private Dataset<Row> years(int firstYear, int lastYear)
    {
        List<Row> rows = new ArrayList<>();
        for (int year = firstYear; year <= lastYear; year++) {
            LocalDate end = LocalDate.of(year, 12, 31);
            rows.add(RowFactory.create(year, end, end.minusMonths(scorecard.windowMonths())));
        }
        return spark.createDataFrame(rows, new StructType(new StructField[] {
                field("year", DataTypes.IntegerType), field("year_end", DataTypes.DateType), field("window_start", DataTypes.DateType)}));
    }

    public static StructType schema()
    {
        StructType reason = new StructType(new StructField[] {
                field("rule_id", DataTypes.StringType), field("records", DataTypes.LongType), field("points", DataTypes.DoubleType), field("evidence", DataTypes.StringType)});
        return new StructType(new StructField[] {
                field("year", DataTypes.IntegerType), field("credit_code", DataTypes.StringType), field("enterprise_name", DataTypes.StringType),
                field("county_code", DataTypes.StringType), field("city_code", DataTypes.StringType), field("score", DataTypes.DoubleType),
                field("grade", DataTypes.StringType), field("forced", DataTypes.BooleanType), field("reasons", DataTypes.createArrayType(reason))});
    }

    private static StructField field(String name, org.apache.spark.sql.types.DataType type)
    {
        return new StructField(name, type, true, Metadata.empty());
    }
}

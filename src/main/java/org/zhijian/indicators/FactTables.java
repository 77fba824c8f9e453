package org.zhijian.indicators;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.ingest.StagedSchema;
import org.zhijian.lake.Lake;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.LakeViews;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.ReferenceData;
import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Runs the queries of {@link Facts} over the staged tables of a lake snapshot, as lazy Spark
 * plans, and checks what each returns (its region, timing and declared columns). A fact whose
 * required table is missing is left out, and so are the indicators measured over it. The views
 * the queries read are registered first: {@code staged.<dataset>} for every dataset of
 * conf/datasets (with today's columns, empty when the lake has no such table),
 * {@code reference.categories}, {@code reference.equipment_types}, {@code reference.licence_products}
 * (one row per product and sampling category it covers), {@code ratings.credit} when the lake has it, and each shared
 * view as {@code facts.<id>}.
 */
public final class FactTables
{
    private static final List<String> REGION = List.of("county_code", "city_code");

    private final SparkSession spark;
    private final Lake lake;
    private final Snapshot snapshot;
    private final ReferenceData reference;
    private final Facts facts;

    public FactTables(SparkSession spark, Lake lake, Snapshot snapshot, ReferenceData reference, Facts facts)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.facts = requireNonNull(facts, "facts is null");
    }

    /** Every fact table by id (a fact whose required tables are not in the snapshot is left out); views become {@code facts.<id>}. */
    public Map<String, org.apache.spark.sql.Dataset<Row>> prepare()
    {
        registerViews();
        Map<String, org.apache.spark.sql.Dataset<Row>> prepared = new LinkedHashMap<>();
        for (Facts.Fact fact : facts.all()) {
            if (!fact.measurable()) {
                run(fact, "CREATE OR REPLACE VIEW facts.`" + fact.id() + "` AS " + fact.sql());
                continue;
            }
            if (fact.requires().stream().anyMatch(table -> snapshot.table(TableName.parse(table)).isEmpty())) {
                continue;
            }
            prepared.put(fact.id(), checked(fact, run(fact, fact.sql())));
        }
        return prepared;
    }

    /** The facts that read {@code ratings.credit}, over the version the build has just written. */
    public Map<String, org.apache.spark.sql.Dataset<Row>> ratings(TableVersion version)
    {
        LakeViews.registerVersion(spark, lake, LakeTables.CREDIT_RATINGS, version);
        Map<String, org.apache.spark.sql.Dataset<Row>> prepared = new LinkedHashMap<>();
        for (Facts.Fact fact : facts.measurable()) {
            if (fact.requires().contains(LakeTables.CREDIT_RATINGS.toString())) {
                prepared.put(fact.id(), checked(fact, run(fact, fact.sql())));
            }
        }
        return prepared;
    }

    /** Every staged enterprise: credit_code, enterprise_name, county_code, city_code. */
    public Optional<org.apache.spark.sql.Dataset<Row>> enterprises()
    {
        return snapshot.table(LakeTables.staged(SourceDataset.ENTERPRISES)).map(version -> lake.read(spark, version)
                .select(col("credit_code"), col("name").as("enterprise_name"), col("county_code"), col("city_code")));
    }

    private void registerViews()
    {
        spark.sql("CREATE DATABASE IF NOT EXISTS facts");
        for (SourceDataset dataset : reference.datasets().all()) {
            TableName name = LakeTables.staged(dataset.tableName());
            LakeViews.registerConformed(spark, lake, name, snapshot.table(name), StagedSchema.staged(dataset));
        }
        snapshot.table(LakeTables.CREDIT_RATINGS).ifPresent(version -> LakeViews.registerVersion(spark, lake, LakeTables.CREDIT_RATINGS, version));
        spark.sql("CREATE DATABASE IF NOT EXISTS reference");
        valuesView("categories", "category, category_group, food, high_risk, division", reference.categories().stream()
                .map(category -> literal(category.name()) + ", " + literal(category.group()) + ", " + category.food() + ", " + category.highRisk() + ", "
                        + literal(category.division())).toList());
        valuesView("equipment_types", "type, type_en, interval_years", reference.equipmentTypes().stream()
                .map(type -> literal(type.name()) + ", " + literal(type.nameEn()) + ", " + type.intervalYears()).toList());
        valuesView("licence_products", "product, product_en, category", reference.licenceProducts().stream()
                .flatMap(product -> product.categories().stream().map(category -> literal(product.name()) + ", " + literal(product.nameEn()) + ", " + literal(category)))
                .toList());
    }

    /** A reference view {@code reference.<name>} of literal rows. */
    private void valuesView(String name, String columns, List<String> rows)
    {
        spark.sql("CREATE OR REPLACE VIEW reference." + name + " AS SELECT * FROM VALUES " + String.join(", ", rows.stream().map(row -> "(" + row + ")").toList())
                + " AS t(" + columns + ")");
    }

    private static String literal(String text)
    {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private org.apache.spark.sql.Dataset<Row> run(Facts.Fact fact, String sql)
    {
        try {
            return spark.sql(sql);
        }
        catch (Exception e) {
            // Spark throws its (checked) AnalysisException, a ParseException among them, without declaring it.
            if (!(e instanceof AnalysisException analysis)) {
                throw e;
            }
            // Spark's first line says what is wrong; the line of the query it names is a line of the file.
            int line = fact.sqlLine() + (analysis.line().isDefined() ? ((Number) analysis.line().get()).intValue() - 1 : 0);
            String message = analysis.getMessage().lines().findFirst().orElse("").replaceAll("\\s*SQLSTATE: \\w+.*$", "");
            if (analysis instanceof org.apache.spark.sql.catalyst.parser.ParseException) {
                throw fact.error(line, "not valid Spark SQL: " + message);
            }
            String tables = String.join(", ", new TreeSet<>(reference.datasets().names().stream().map(name -> "staged." + name).toList()))
                    + ", reference.categories, reference.equipment_types, reference.licence_products, ratings.credit, " + String.join(", ", facts.all().stream()
                    .filter(candidate -> !candidate.measurable()).map(candidate -> "facts." + candidate.id()).toList());
            throw fact.error(line, message + " (the tables a fact may read: " + tables + ")");
        }
    }

    /** A fact returns the region, the columns of its timing (typed) and those it declares. */
    private static org.apache.spark.sql.Dataset<Row> checked(Facts.Fact fact, org.apache.spark.sql.Dataset<Row> rows)
    {
        StructType schema = rows.schema();
        List<String> names = Arrays.asList(schema.fieldNames());
        List<String> wanted = new ArrayList<>(REGION);
        wanted.addAll(fact.timing().columns());
        wanted.addAll(fact.columns());
        List<String> missing = wanted.stream().filter(column -> !names.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw fact.error("the query returns no column " + String.join(", ", missing) + " (it returns " + String.join(", ", names) + ")");
        }
        for (String column : fact.timing().columns()) {
            DataType type = schema.apply(column).dataType();
            DataType expected = column.equals("year") ? DataTypes.IntegerType : DataTypes.DateType;
            if (!type.equals(expected)) {
                throw fact.error("column " + column + " is " + type.simpleString() + ", not " + expected.simpleString());
            }
        }
        for (StructField field : schema.fields()) {
            if (REGION.contains(field.name()) && !field.dataType().equals(DataTypes.StringType)) {
                throw fact.error("column " + field.name() + " is " + field.dataType().simpleString() + ", not string");
            }
        }
        return rows;
    }
}

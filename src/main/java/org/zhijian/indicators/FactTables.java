package org.zhijian.indicators;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.lake.LakeTables;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

/**
 * Prepares the fact tables of {@link Facts} from the staged tables of a lake snapshot, as lazy
 * Spark plans. A fact table whose staged table is missing is left out, and so are the
 * indicators measured over it.
 */
public final class FactTables
{
    private final SparkSession spark;
    private final Lake lake;
    private final Snapshot snapshot;
    private final ReferenceData reference;

    public FactTables(SparkSession spark, Lake lake, Snapshot snapshot, ReferenceData reference)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.lake = requireNonNull(lake, "lake is null");
        this.snapshot = requireNonNull(snapshot, "snapshot is null");
        this.reference = requireNonNull(reference, "reference is null");
    }

    public Map<Facts, org.apache.spark.sql.Dataset<Row>> prepare()
            throws IOException
    {
        return prepare(java.util.OptionalInt.empty());
    }

    /**
     * The fact tables, with the yearly finance facts of {@code financeYear} only when given: the
     * year is then chosen before the finance rows meet enterprises and brands, not after (a
     * scenario's base year reads one year of a decade).
     */
    public Map<Facts, org.apache.spark.sql.Dataset<Row>> prepare(java.util.OptionalInt financeYear)
            throws IOException
    {
        Map<Facts, org.apache.spark.sql.Dataset<Row>> facts = new EnumMap<>(Facts.class);
        Optional<org.apache.spark.sql.Dataset<Row>> enterprises = staged("enterprises").map(rows -> rows.select(
                col("credit_code"), col("county_code").as("e_county"), col("city_code").as("e_city"), col("above_scale"), col("high_tech"), col("status"),
                col("established"), col("size"), col("industry_section"), col("industry_division"),
                expr("industry_section = 'C'").as("manufacturing"),
                expr("coalesce(cast(industry_division AS INT) BETWEEN 33 AND 40, false)").as("equipment"),
                expr("high_tech OR coalesce(cast(industry_division AS INT) BETWEEN 33 AND 40, false)").as("strategic")));
        // A batch of a producer outside the province, on a notice that does not cover the province's production, counts nowhere.
        staged("inspections").ifPresent(rows -> facts.put(Facts.INSPECTIONS, (java.util.Arrays.asList(rows.columns()).contains("in_province")
                ? rows.where(expr("coalesce(in_province, true)")) : rows)
                .join(broadcast(categories()), "category")
                .select(col("county_code"), col("city_code"), col("sampled_on").as("date"), col("batch_id"), col("result"), col("category"), col("category_group"),
                        col("food"), col("high_risk"), col("plan_level"),
                        // Unlicensed: named by the file as having no code, not a notice's producer that did not resolve.
                        (java.util.Arrays.asList(rows.columns()).contains("match") ? expr("coalesce(match = 'unlicensed', credit_code IS NULL)") : col("credit_code").isNull())
                                .as("unlicensed"), col("credit_code"))));
        Optional<org.apache.spark.sql.Dataset<Row>> brands = staged("brands").map(rows -> {
            org.apache.spark.sql.Dataset<Row> withHolder = enterprises.isPresent()
                    ? rows.join(enterprises.get().select(col("credit_code"), col("strategic")), rows.col("credit_code").equalTo(enterprises.get().col("credit_code")), "left")
                    .drop(enterprises.get().col("credit_code"))
                    : rows.withColumn("strategic", lit(false));
            return withHolder.select(col("county_code"), col("city_code"), col("credit_code"), col("brand_id"), col("brand_name"), col("certified_on"), col("valid_until"), col("revoked_on"),
                    col("level"), col("own_ip"), expr("coalesce(strategic, false)").as("strategic"), expr("level = '区域名牌'").as("regional"), col("industry_division"));
        });
        brands.ifPresent(rows -> {
            facts.put(Facts.BRAND_CERTIFICATIONS, rows.withColumn("date", col("certified_on")));
            facts.put(Facts.BRANDS_VALID, rows.withColumn("valid_from", col("certified_on")));
        });
        if (enterprises.isPresent()) {
            org.apache.spark.sql.Dataset<Row> holders = enterprises.get();
            staged("standards").ifPresent(rows -> {
                org.apache.spark.sql.Dataset<Row> located = rows.join(holders.select(col("credit_code"), col("e_county"), col("e_city"), col("strategic")), "credit_code")
                        .select(col("e_county").as("county_code"), col("e_city").as("city_code"), col("effective_on"), col("standard_no"), col("role"),
                                col("standard_kind").as("kind"), col("adoption"), col("from_rnd"), col("credit_code"), col("strategic"));
                facts.put(Facts.STANDARDS, located.withColumn("date", col("effective_on")));
                facts.put(Facts.STANDARDS_IN_FORCE, located.withColumn("valid_from", col("effective_on"))
                        .withColumn("valid_until", lit(null).cast(DataTypes.DateType)).withColumn("revoked_on", lit(null).cast(DataTypes.DateType)));
            });
            facts.put(Facts.ENTERPRISES_ACTIVE, holders.where(col("status").equalTo("存续"))
                    .select(col("e_county").as("county_code"), col("e_city").as("city_code"), col("established").as("valid_from"),
                            lit(null).cast(DataTypes.DateType).as("valid_until"), lit(null).cast(DataTypes.DateType).as("revoked_on"),
                            col("size"), col("above_scale"), col("high_tech"), col("manufacturing"), col("equipment"), col("credit_code")));
            staged("finance").map(rows -> financeYear.isPresent() ? rows.where(col("year").equalTo(financeYear.getAsInt())) : rows).ifPresent(rows -> {
                org.apache.spark.sql.Dataset<Row> withEnterprise = rows.join(holders, "credit_code");
                org.apache.spark.sql.Dataset<Row> holdings = brands.map(all -> all.where(col("credit_code").isNotNull())
                        .select(col("credit_code").as("h_code"), col("certified_on").as("h_from"), col("valid_until").as("h_until"), col("revoked_on").as("h_revoked")))
                        .orElse(null);
                org.apache.spark.sql.Dataset<Row> flagged = withEnterprise.withColumn("year_end", expr("make_date(year, 12, 31)"));
                if (holdings != null) {
                    // An enterprise holds a valid brand in a year when one of its brands is valid on 31 December.
                    org.apache.spark.sql.Dataset<Row> holding = flagged.select(col("credit_code"), col("year"), col("year_end"))
                            .join(holdings, col("credit_code").equalTo(col("h_code"))
                                    .and(col("h_from").leq(col("year_end")))
                                    .and(col("year_end").lt(col("h_until")))
                                    .and(col("h_revoked").isNull().or(col("h_revoked").gt(col("year_end")))))
                            .select(col("credit_code").as("v_code"), col("year").as("v_year")).distinct().withColumn("holds_valid_brand", lit(true));
                    flagged = flagged.join(holding, col("credit_code").equalTo(col("v_code")).and(col("year").equalTo(col("v_year"))), "left")
                            .withColumn("holds_valid_brand", expr("coalesce(holds_valid_brand, false)"));
                }
                else {
                    flagged = flagged.withColumn("holds_valid_brand", lit(false));
                }
                facts.put(Facts.ENTERPRISE_FINANCE, flagged.select(col("e_county").as("county_code"), col("e_city").as("city_code"), col("year"), col("credit_code"),
                        col("sales_revenue"), col("brand_sales"), col("output_value"), col("export_value"), col("rd_spend"), col("patents"), col("industry_division"),
                        expr("above_scale AND coalesce(cast(industry_division AS INT) BETWEEN 13 AND 43, false)").as("above_scale_manufacturing"),
                        col("holds_valid_brand"), col("strategic")));
            });
        }
        staged("cases").ifPresent(rows -> facts.put(Facts.CASES, rows.select(col("county_code"), col("city_code"), col("opened_on").as("date"),
                col("case_id"), col("violation"), col("fine"), col("goods_value"), col("credit_code").isNull().as("unlicensed"), col("credit_code"))));
        staged("region_economy").ifPresent(rows -> facts.put(Facts.REGION_ECONOMY, rows.select(col("county_code"), col("city_code"), col("year"),
                col("gdp"), col("industrial_output"), col("population"), col("townships"), col("quality_stations"))));
        table(LakeTables.CREDIT_RATINGS).ifPresent(rows -> facts.put(Facts.CREDIT_RATINGS, rows));
        return facts;
    }

    /** Every staged enterprise: credit_code, enterprise_name, county_code, city_code. */
    public Optional<org.apache.spark.sql.Dataset<Row>> enterprises()
    {
        return staged("enterprises").map(rows -> rows.select(col("credit_code"), col("name").as("enterprise_name"), col("county_code"), col("city_code")));
    }

    private Optional<org.apache.spark.sql.Dataset<Row>> staged(String dataset)
    {
        return table(LakeTables.staged(dataset));
    }

    private Optional<org.apache.spark.sql.Dataset<Row>> table(TableName name)
    {
        Optional<TableVersion> version = snapshot.table(name);
        return version.map(found -> lake.read(spark, found));
    }

    private org.apache.spark.sql.Dataset<Row> categories()
    {
        List<Row> rows = reference.categories().stream()
                .map(category -> RowFactory.create(category.name(), category.group(), category.food(), category.highRisk()))
                .toList();
        return spark.createDataFrame(rows, new StructType(new StructField[] {
                new StructField("category", DataTypes.StringType, false, Metadata.empty()),
                new StructField("category_group", DataTypes.StringType, false, Metadata.empty()),
                new StructField("food", DataTypes.BooleanType, false, Metadata.empty()),
                new StructField("high_risk", DataTypes.BooleanType, false, Metadata.empty())}));
    }
}

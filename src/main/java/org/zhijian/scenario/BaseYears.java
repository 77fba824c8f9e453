package org.zhijian.scenario;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.lake.LakeTables;
import org.zhijian.ZhijianException;
import org.zhijian.indicators.FactTables;
import org.zhijian.indicators.Facts;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.Division;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;

/**
 * Reads a scenario's starting point from a lake snapshot: the same facts and rules the indicators
 * are built from (so the base year of a projection equals the built indicator), aggregated by city
 * and industry group, plus the indicators' history from marts.indicator_values.
 */
public final class BaseYears
{
    /** Years of actual history the fan charts show before the base year. */
    public static final int HISTORY = 5;
    /** The facts a base year reads. */
    private static final List<String> NEEDED = List.of(Facts.ENTERPRISE_FINANCE, Facts.BRANDS_VALID, Facts.STANDARDS_IN_FORCE);

    private final SparkSession spark;
    private final ReferenceData reference;
    private final Facts factCatalogue;

    public BaseYears(SparkSession spark, ReferenceData reference, Facts facts)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
        this.factCatalogue = requireNonNull(facts, "facts is null");
    }

    /** The base year's values; {@code requested} null takes the last complete year with finance data, before {@code today}'s year. */
    public BaseYear read(Lake lake, Snapshot snapshot, Integer requested, LocalDate today)
            throws IOException
    {
        Optional<TableVersion> staged = snapshot.table(LakeTables.staged("finance"));
        if (staged.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no staged finance to start a scenario from; run `zhijian ingest` first");
        }
        if (snapshot.table(LakeTables.INDICATOR_VALUES).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no indicator values; run `zhijian build` first");
        }
        // The finance table is partitioned by year: the latest year is read from the partitions' values.
        Row latest = lake.read(spark, staged.get()).where(col("year").lt(today.getYear())).agg(max("year")).first();
        if (latest.isNullAt(0)) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake's finance data hold no complete year before " + today.getYear());
        }
        int year = requested != null ? requested : ((Number) latest.get(0)).intValue();
        if (requested != null && requested > ((Number) latest.get(0)).intValue()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "base year " + requested + " has no finance data in the lake (the last complete year is "
                    + latest.get(0) + ")");
        }
        Map<String, Dataset<Row>> facts = new FactTables(spark, lake, snapshot, reference, factCatalogue).prepare(java.util.OptionalInt.of(year), NEEDED);
        for (String needed : NEEDED) {
            if (!facts.containsKey(needed)) {
                throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no " + needed
                        + " to start a scenario from (staged finance, brands, standards and enterprises); run `zhijian ingest` first");
            }
        }
        Dataset<Row> finance = facts.get(Facts.ENTERPRISE_FINANCE);
        List<String> cities = reference.divisions().cities().stream().map(Division::code).sorted().toList();
        Map<String, Integer> cityIndex = new HashMap<>();
        for (int i = 0; i < cities.size(); i++) {
            cityIndex.put(cities.get(i), i);
        }
        int cells = cities.size() * 2;
        double[] sales = new double[cells];
        double[] brandSales = new double[cells];
        double[] brands = new double[cells];
        double[] standards = new double[cells];
        double[] adopting = new double[cells];

        for (Row row : grouped(finance.where(col("year").equalTo(year)))
                .agg(sum(expr("CASE WHEN above_scale_manufacturing THEN sales_revenue ELSE 0 END")), sum(expr("CASE WHEN holds_valid_brand THEN brand_sales ELSE 0 END")))
                .collectAsList()) {
            int cell = cell(row, cityIndex);
            if (cell >= 0) {
                sales[cell] = number(row, 2);
                brandSales[cell] = number(row, 3);
            }
        }
        LocalDate day = LocalDate.of(year, 12, 31);
        for (Row row : grouped(standing(facts.get(Facts.BRANDS_VALID), day)).agg(count(lit(1))).collectAsList()) {
            int cell = cell(row, cityIndex);
            if (cell >= 0) {
                brands[cell] = number(row, 2);
            }
        }
        for (Row row : grouped(standing(facts.get(Facts.STANDARDS_IN_FORCE), day))
                .agg(count(lit(1)), sum(expr("CASE WHEN adoption IN ('IDT', 'MOD') THEN 1 ELSE 0 END"))).collectAsList()) {
            int cell = cell(row, cityIndex);
            if (cell >= 0) {
                standards[cell] = number(row, 2);
                adopting[cell] = number(row, 3);
            }
        }

        Map<String, Map<String, Map<Integer, Double>>> history = new LinkedHashMap<>();
        for (Row row : lake.read(spark, snapshot.table(LakeTables.INDICATOR_VALUES).orElseThrow())
                .where(col("period_type").equalTo(org.zhijian.indicators.Periods.Kind.YEAR.id()).and(col("region_level").isin("province", "city"))
                        .and(col("indicator_id").isin(ScenarioSpec.INDICATORS.toArray())).and(col("value").isNotNull())
                        .and(col("period").cast("int").between(year - HISTORY, year)))
                .select("indicator_id", "region_code", "period", "value").collectAsList()) {
            history.computeIfAbsent(row.getString(0), key -> new HashMap<>()).computeIfAbsent(row.getString(1), key -> new java.util.TreeMap<>())
                    .put(Integer.parseInt(row.getString(2)), row.getDouble(3));
        }
        Map<String, String> names = new LinkedHashMap<>();
        names.put(ScenarioSpec.PROVINCE, reference.divisions().province().name());
        for (Division city : reference.divisions().cities()) {
            names.put(city.code(), city.name());
        }
        return new BaseYear(year, cities, names, sales, brandSales, brands, standards, adopting, history);
    }

    /** Rows standing on {@code day}: valid from then, not expired and not revoked. */
    private static Dataset<Row> standing(Dataset<Row> stock, LocalDate day)
    {
        return stock.where(col("valid_from").leq(lit(day))
                .and(col("valid_until").isNull().or(lit(day).lt(col("valid_until"))))
                .and(col("revoked_on").isNull().or(col("revoked_on").gt(lit(day)))));
    }

    private static org.apache.spark.sql.RelationalGroupedDataset grouped(Dataset<Row> rows)
    {
        return rows.groupBy(col("city_code"), expr("coalesce(strategic, false)").as("strategic"));
    }

    private static int cell(Row row, Map<String, Integer> cityIndex)
    {
        Integer city = row.isNullAt(0) ? null : cityIndex.get(row.getString(0));
        return city == null ? -1 : city * 2 + (row.getBoolean(1) ? 0 : 1);
    }

    private static double number(Row row, int index)
    {
        return row.isNullAt(index) ? 0 : ((Number) row.get(index)).doubleValue();
    }

}

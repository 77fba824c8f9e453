package org.zhijian.scenario;

import java.io.IOException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.lake.LakeTables;
import org.zhijian.ZhijianException;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableVersion;
import org.zhijian.reference.Division;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Reads a scenario's starting point from a lake snapshot: the base year's cells (city × industry
 * group) from {@code marts.scenario_base}, which build aggregates from the same facts and rules as
 * the indicators (so the base year of a projection equals the built indicator), and the
 * indicators' history from {@code marts.indicator_values}. Two small reads: a cold scenario
 * command does not re-run the fact queries over the staged tables (13.5 of its 21.6 s at scale 0.05).
 */
public final class BaseYears
{
    /** Years of actual history the fan charts show before the base year. */
    public static final int HISTORY = 5;

    private final SparkSession spark;
    private final ReferenceData reference;

    public BaseYears(SparkSession spark, ReferenceData reference)
    {
        this.spark = requireNonNull(spark, "spark is null");
        this.reference = requireNonNull(reference, "reference is null");
    }

    /** The base year's values; {@code requested} null takes the last complete year with finance data, before {@code today}'s year. */
    public BaseYear read(Lake lake, Snapshot snapshot, Integer requested, LocalDate today)
            throws IOException
    {
        if (snapshot.table(LakeTables.staged("finance")).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no staged finance to start a scenario from; run `zhijian ingest` first");
        }
        if (snapshot.table(LakeTables.INDICATOR_VALUES).isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no indicator values; run `zhijian build` first");
        }
        Optional<TableVersion> mart = snapshot.table(LakeTables.SCENARIO_BASE);
        if (mart.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake at " + lake.root() + " has no " + LakeTables.SCENARIO_BASE
                    + ", which build writes from staged finance, brands, standards and enterprises; run `zhijian ingest` for any of them missing, then `zhijian build`");
        }
        // One small table (years × cities × two groups): its city rows, collected once.
        List<Row> rows = lake.read(spark, mart.get()).where(col("region_level").equalTo("city"))
                .select("year", "industry_group", "region_code", "sales_revenue", "brand_sales", "valid_brands", "standards_in_force", "standards_adopting",
                        "reporting_enterprises")
                .collectAsList();
        java.util.OptionalInt latest = rows.stream().filter(row -> row.getLong(8) > 0).mapToInt(row -> row.getInt(0)).filter(y -> y < today.getYear()).max();
        if (latest.isEmpty()) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "the lake's finance data hold no complete year before " + today.getYear());
        }
        int year = requested != null ? requested : latest.getAsInt();
        if (requested != null && (requested > latest.getAsInt() || rows.stream().noneMatch(row -> row.getInt(0) == requested && row.getLong(8) > 0))) {
            throw new ZhijianException(ZhijianException.Code.FAILURE, "base year " + requested + " has no finance data in the lake (the last complete year is "
                    + latest.getAsInt() + ")");
        }
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
        for (Row row : rows) {
            Integer city = cityIndex.get(row.getString(2));
            if (row.getInt(0) != year || city == null) {
                continue;
            }
            int cell = city * 2 + ScenarioSpec.GROUPS.indexOf(row.getString(1));
            sales[cell] = row.getDouble(3);
            brandSales[cell] = row.getDouble(4);
            brands[cell] = row.getLong(5);
            standards[cell] = row.getLong(6);
            adopting[cell] = row.getLong(7);
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
}

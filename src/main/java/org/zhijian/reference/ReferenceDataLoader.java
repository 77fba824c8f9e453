package org.zhijian.reference;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.zhijian.config.ConfigException;
import org.zhijian.io.CsvReader;
import org.zhijian.io.CsvRecord;
import org.zhijian.schema.DatasetCatalogue;

/** Reads conf/reference/*.csv into {@link ReferenceData}, failing with the file and line of any bad entry. */
public final class ReferenceDataLoader
{
    private ReferenceDataLoader() {}

    public static ReferenceData load(Path directory)
    {
        Divisions divisions = loadDivisions(directory.resolve("divisions.csv"), directory.resolve("division_history.csv"));
        Industries industries = new Industries(read(directory.resolve("industries.csv"), List.of("code", "level", "section", "name_zh", "name_en", "equipment_manufacturing"),
                row -> new Industry(row.get("code"), row.get("level").equals("section"), row.get("section"), row.get("name_zh"), row.get("name_en"), yes(row.get("equipment_manufacturing")))));
        List<ProductCategory> categories = read(directory.resolve("categories.csv"), List.of("name", "group", "food", "high_risk", "division", "name_en"),
                row -> new ProductCategory(row.get("name"), row.get("group"), yes(row.get("food")), yes(row.get("high_risk")), row.get("division"), row.get("name_en")));
        for (ProductCategory category : categories) {
            if (industries.manufacturingDivision(category.division()).isEmpty()) {
                throw new ConfigException(directory.resolve("categories.csv") + ": category " + category.name() + " names unknown division " + category.division());
            }
        }
        // The datasets' files stand beside the reference folder: conf/datasets.
        HeaderAliases aliases = new HeaderAliases(DatasetCatalogue.load(directory.toAbsolutePath().getParent()));
        List<IndustryCluster> clusters = read(directory.resolve("clusters.csv"), List.of("county_code", "division", "product", "product_en"),
                row -> new IndustryCluster(row.get("county_code"), row.get("division"), row.get("product"), row.get("product_en")));
        for (IndustryCluster cluster : clusters) {
            if (divisions.currentCounty(cluster.countyCode()).isEmpty() || industries.manufacturingDivision(cluster.division()).isEmpty()) {
                throw new ConfigException(directory.resolve("clusters.csv") + ": cluster " + cluster.countyCode() + "/" + cluster.division() + " names an unknown county or division");
            }
        }
        List<EquipmentType> equipmentTypes;
        try {
            equipmentTypes = read(directory.resolve("equipment_types.csv"), List.of("name", "name_en", "interval_years", "share"),
                    row -> new EquipmentType(row.get("name"), row.get("name_en"), Integer.parseInt(row.get("interval_years")), Double.parseDouble(row.get("share"))));
        }
        catch (IllegalArgumentException e) {
            throw new ConfigException(directory.resolve("equipment_types.csv") + ": " + e.getMessage());
        }
        java.util.Set<String> categoryNames = new java.util.HashSet<>(categories.stream().map(ProductCategory::name).toList());
        List<LicenceProduct> licenceProducts = read(directory.resolve("licence_products.csv"), List.of("name", "name_en", "categories"),
                row -> new LicenceProduct(row.get("name"), row.get("name_en"), List.of(row.get("categories").split(";"))));
        for (LicenceProduct product : licenceProducts) {
            for (String category : product.categories()) {
                if (!categoryNames.contains(category)) {
                    throw new ConfigException(directory.resolve("licence_products.csv") + ": product " + product.name() + " names unknown sampling category " + category);
                }
            }
        }
        return new ReferenceData(divisions, industries, categories, aliases, clusters, loadTiles(directory.resolve("county_tiles.csv"), divisions), equipmentTypes, licenceProducts);
    }

    private static Divisions loadDivisions(Path divisionsFile, Path historyFile)
    {
        List<Division> divisions = read(divisionsFile, List.of("code", "name", "level", "parent_code", "name_en", "gdp_2023"), row -> new Division(
                row.get("code"),
                row.get("name"),
                Division.Level.valueOf(row.get("level").toUpperCase(java.util.Locale.ROOT)),
                row.get("parent_code").isEmpty() ? Optional.empty() : Optional.of(row.get("parent_code")),
                row.get("name_en"),
                row.get("gdp_2023").isEmpty() ? 0 : Double.parseDouble(row.get("gdp_2023"))));
        Map<String, String> history = new LinkedHashMap<>();
        Map<String, String> historicalNames = new LinkedHashMap<>();
        for (Map<String, String> row : read(historyFile, List.of("old_code", "old_name", "new_code"), row -> row)) {
            history.put(row.get("old_code"), row.get("new_code"));
            historicalNames.put(row.get("old_name"), row.get("new_code"));
        }
        try {
            return new Divisions(divisions, history, historicalNames);
        }
        catch (IllegalArgumentException e) {
            throw new ConfigException(divisionsFile + ": " + e.getMessage());
        }
    }

    /** The tile map's layout: every current county exactly once, no two on one cell. */
    private static List<CountyTile> loadTiles(Path file, Divisions divisions)
    {
        List<Map<String, String>> rows = read(file, List.of("code", "name", "row", "column"), row -> row);
        Map<String, CountyTile> tiles = new LinkedHashMap<>();
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = rows.get(i);
            String where = file + ": line " + (i + 2) + ": ";
            String code = row.get("code");
            if (divisions.byCode(code).filter(division -> division.level() == Division.Level.COUNTY).isEmpty()) {
                throw new ConfigException(where + code + " is not a current county of divisions.csv");
            }
            CountyTile tile;
            try {
                tile = new CountyTile(code, Integer.parseInt(row.get("row")), Integer.parseInt(row.get("column")));
            }
            catch (IllegalArgumentException e) {
                throw new ConfigException(where + "row and column are whole numbers from 0, not " + row.get("row") + " and " + row.get("column"));
            }
            if (tiles.put(code, tile) != null) {
                throw new ConfigException(where + "county " + code + " has a tile already");
            }
            String other = cells.put(tile.row() + "," + tile.column(), code);
            if (other != null) {
                throw new ConfigException(where + "county " + code + " is on the cell of " + other + " (row " + tile.row() + ", column " + tile.column() + ")");
            }
        }
        List<String> missing = divisions.counties().stream().map(Division::code).filter(code -> !tiles.containsKey(code)).toList();
        if (!missing.isEmpty()) {
            throw new ConfigException(file + ": no tile for the counties " + missing);
        }
        return List.copyOf(tiles.values());
    }

    private interface RowMapper<T>
    {
        T map(Map<String, String> row);
    }

    private static <T> List<T> read(Path file, List<String> requiredColumns, RowMapper<T> mapper)
    {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("reference file " + file + " is missing");
        }
        List<T> result = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8); CsvReader csv = new CsvReader(reader)) {
            if (!csv.hasNext()) {
                throw new ConfigException(file + " is empty");
            }
            List<String> header = csv.next().fields();
            for (String column : requiredColumns) {
                if (!header.contains(column)) {
                    throw new ConfigException(file + ": missing column '" + column + "'");
                }
            }
            while (csv.hasNext()) {
                CsvRecord record = csv.next();
                if (record.size() == 1 && record.field(0).isBlank()) {
                    continue;
                }
                if (record.size() != header.size()) {
                    throw new ConfigException(file + ":" + record.line() + ": expected " + header.size() + " fields, found " + record.size());
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), record.field(i).strip());
                }
                try {
                    result.add(mapper.map(row));
                }
                catch (RuntimeException e) {
                    throw new ConfigException(file + ":" + record.line() + ": " + e.getMessage());
                }
            }
        }
        catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        return List.copyOf(result);
    }

    private static boolean yes(String value)
    {
        return value.equals("是");
    }
}

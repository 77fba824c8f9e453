package org.zhijian.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** All reference data of conf/reference/, loaded once and immutable. */
public final class ReferenceData
{
    private final Divisions divisions;
    private final Industries industries;
    private final List<ProductCategory> categories;
    private final Map<String, ProductCategory> categoriesByName;
    private final HeaderAliases headerAliases;
    private final List<IndustryCluster> clusters;
    private final List<CountyTile> tiles;
    private final List<EquipmentType> equipmentTypes;
    private final List<LicenceProduct> licenceProducts;

    public ReferenceData(Divisions divisions, Industries industries, List<ProductCategory> categories, HeaderAliases headerAliases, List<IndustryCluster> clusters,
            List<CountyTile> tiles, List<EquipmentType> equipmentTypes, List<LicenceProduct> licenceProducts)
    {
        this.equipmentTypes = List.copyOf(requireNonNull(equipmentTypes, "equipmentTypes is null"));
        this.licenceProducts = List.copyOf(requireNonNull(licenceProducts, "licenceProducts is null"));
        this.divisions = requireNonNull(divisions, "divisions is null");
        this.industries = requireNonNull(industries, "industries is null");
        this.categories = List.copyOf(requireNonNull(categories, "categories is null"));
        this.headerAliases = requireNonNull(headerAliases, "headerAliases is null");
        this.clusters = List.copyOf(requireNonNull(clusters, "clusters is null"));
        this.tiles = List.copyOf(requireNonNull(tiles, "tiles is null"));
        Map<String, ProductCategory> byName = new LinkedHashMap<>();
        for (ProductCategory category : categories) {
            if (byName.put(category.name(), category) != null) {
                throw new IllegalArgumentException("duplicate product category " + category.name());
            }
        }
        this.categoriesByName = Map.copyOf(byName);
    }

    public Divisions divisions()
    {
        return divisions;
    }

    public Industries industries()
    {
        return industries;
    }

    public List<ProductCategory> categories()
    {
        return categories;
    }

    public Optional<ProductCategory> category(String name)
    {
        return Optional.ofNullable(categoriesByName.get(name));
    }

    public List<IndustryCluster> clusters()
    {
        return clusters;
    }

    /** Every current county's tile on the brief's map, one county per cell. */
    public List<CountyTile> tiles()
    {
        return tiles;
    }

    /** The special equipment catalogue, conf/reference/equipment_types.csv. */
    public List<EquipmentType> equipmentTypes()
    {
        return equipmentTypes;
    }

    /** The production licence catalogue, conf/reference/licence_products.csv. */
    public List<LicenceProduct> licenceProducts()
    {
        return licenceProducts;
    }

    /** The raw datasets of conf/datasets. */
    public org.zhijian.schema.DatasetCatalogue datasets()
    {
        return headerAliases.datasets();
    }

    public HeaderAliases headerAliases()
    {
        return headerAliases;
    }
}

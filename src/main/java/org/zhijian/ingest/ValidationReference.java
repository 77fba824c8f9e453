package org.zhijian.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Optional;

import org.zhijian.reference.Division;
import org.zhijian.reference.Industries;
import org.zhijian.reference.ProductCategory;
import org.zhijian.reference.ReferenceData;

import static java.util.Objects.requireNonNull;

/**
 * The part of the reference data that row validation needs, in a form Spark can ship to its
 * executors: county codes (with the historical ones mapped), their cities, industries and
 * product categories.
 */
public final class ValidationReference
        implements Serializable
{
    private static final long serialVersionUID = 1L;

    private final HashMap<String, String> currentCounty;
    private final HashMap<String, String> cityOfCounty;
    private final Industries industries;
    private final HashSet<String> categories;

    private ValidationReference(HashMap<String, String> currentCounty, HashMap<String, String> cityOfCounty, Industries industries, HashSet<String> categories)
    {
        this.currentCounty = requireNonNull(currentCounty, "currentCounty is null");
        this.cityOfCounty = requireNonNull(cityOfCounty, "cityOfCounty is null");
        this.industries = requireNonNull(industries, "industries is null");
        this.categories = requireNonNull(categories, "categories is null");
    }

    public static ValidationReference of(ReferenceData reference)
    {
        HashMap<String, String> current = new HashMap<>();
        HashMap<String, String> city = new HashMap<>();
        for (Division county : reference.divisions().counties()) {
            current.put(county.code(), county.code());
            city.put(county.code(), county.cityCode());
        }
        reference.divisions().historicalCodes().forEach(current::put);
        HashSet<String> categories = new HashSet<>();
        for (ProductCategory category : reference.categories()) {
            categories.add(category.name());
        }
        return new ValidationReference(current, city, reference.industries(), categories);
    }

    /** Today's county code for a current or historical code. */
    public Optional<String> currentCounty(String code)
    {
        return Optional.ofNullable(currentCounty.get(code));
    }

    public String cityOf(String currentCountyCode)
    {
        return cityOfCounty.get(currentCountyCode);
    }

    public Industries industries()
    {
        return industries;
    }

    public boolean isCategory(String name)
    {
        return categories.contains(name);
    }
}

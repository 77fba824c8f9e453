package org.zhijian.ingest;

import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Optional;

import org.zhijian.reference.AddressResolver;
import org.zhijian.reference.Division;
import org.zhijian.reference.Industries;
import org.zhijian.reference.ProductCategory;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.Similarity;

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
    private final AddressResolver addresses;
    private final HashMap<String, String> industryByName = new HashMap<>();

    private ValidationReference(HashMap<String, String> currentCounty, HashMap<String, String> cityOfCounty, Industries industries, HashSet<String> categories,
            AddressResolver addresses)
    {
        this.addresses = requireNonNull(addresses, "addresses is null");
        industries.all().forEach(industry -> industryByName.put(industry.chineseName(), industry.code()));
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
        return new ValidationReference(current, city, reference.industries(), categories, AddressResolver.of(reference.divisions()));
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

    /**
     * The categories whose names are most like {@code name}, for the message that refuses it: by
     * the share of character pairs they have in common (Dice), a name that contains the other
     * first; ties by name. A notice's 电线 is nearest 电线电缆.
     */
    public java.util.List<String> nearestCategories(String name, int count)
    {
        java.util.Set<String> pairs = Similarity.pairs(name);
        record Scored(String category, double score) {}
        return categories.stream().map(category -> {
            double dice = Similarity.dice(pairs, Similarity.pairs(category));
            boolean contains = !name.isBlank() && (category.contains(name.strip()) || name.contains(category));
            return new Scored(category, dice + (contains ? 1 : 0));
        }).filter(scored -> scored.score() > 0).sorted(java.util.Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::category))
                .limit(count).map(Scored::category).toList();
    }

    /** Where an address or a registration authority places its subject. */
    public AddressResolver addresses()
    {
        return addresses;
    }

    /** The industry code of a name of conf/reference/industries.csv (金属制品业 → 33), for registers that write the industry by name. */
    public Optional<String> industryCodeOfName(String name)
    {
        return Optional.ofNullable(industryByName.get(name.strip()));
    }
}

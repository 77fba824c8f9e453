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

    /**
     * The categories whose names are most like {@code name}, for the message that refuses it: by
     * the share of character pairs they have in common (Dice), a name that contains the other
     * first; ties by name. A notice's 电线 is nearest 电线电缆.
     */
    public java.util.List<String> nearestCategories(String name, int count)
    {
        java.util.Set<String> pairs = pairs(name);
        record Scored(String category, double score) {}
        return categories.stream().map(category -> {
            java.util.Set<String> theirs = pairs(category);
            long shared = theirs.stream().filter(pairs::contains).count();
            double dice = pairs.isEmpty() && theirs.isEmpty() ? 0 : 2.0 * shared / (pairs.size() + theirs.size());
            boolean contains = !name.isBlank() && (category.contains(name.strip()) || name.contains(category));
            return new Scored(category, dice + (contains ? 1 : 0));
        }).filter(scored -> scored.score() > 0).sorted(java.util.Comparator.comparingDouble(Scored::score).reversed().thenComparing(Scored::category))
                .limit(count).map(Scored::category).toList();
    }

    private static java.util.Set<String> pairs(String text)
    {
        String folded = text == null ? "" : text.strip();
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int i = 0; i + 1 < folded.length(); i++) {
            pairs.add(folded.substring(i, i + 2));
        }
        if (folded.length() == 1) {
            pairs.add(folded);
        }
        return pairs;
    }
}

package org.zhijian.reference;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Where an address (or a registration authority such as 永康市市场监督管理局) places an enterprise
 * (DOMAIN.md, "Addresses"): a county of the province by its name or a historical name (江干区,
 * 临安市), a city of the province alone (which decides no county), outside the province (another
 * province's name, or a city that is none of the province's), or nowhere known. Only the start of
 * the text is read, the way addresses are written: province, city, county.
 */
public final class AddressResolver
        implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** Provincial-level divisions other than Zhejiang, as addresses begin with them. */
    private static final List<String> OTHER_PROVINCES = List.of("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "安徽", "福建",
            "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆",
            "香港", "澳门");
    private static final Pattern OTHER_CITY = Pattern.compile("^[\\p{IsHan}]{2,4}(?:市|地区|自治州|盟)");
    private static final Set<String> SUFFIXES = Set.of("市", "区", "县");

    /** What an address says. */
    public enum Place
    {
        COUNTY, CITY, OUTSIDE, UNKNOWN
    }

    /** The place found: a county (and its city), a city alone, outside, or unknown. */
    public record Found(Place place, String countyCode, String cityCode)
    {
        static final Found UNKNOWN = new Found(Place.UNKNOWN, null, null);
        static final Found OUTSIDE = new Found(Place.OUTSIDE, null, null);
    }

    private final String provinceName;
    /** Names a county is written by at the start of an address, longest first: today's names, historical names, short names (永康). */
    private final List<Map.Entry<String, String>> countyNames;
    private final List<Map.Entry<String, String>> cityNames;
    private final HashMap<String, String> cityOfCounty;
    /** A county whose addresses now lie in another one when a place name follows (余杭区临平… is in 临平区). */
    private final HashMap<String, Map.Entry<String, String>> movedParts;

    private AddressResolver(String provinceName, List<Map.Entry<String, String>> countyNames, List<Map.Entry<String, String>> cityNames,
            HashMap<String, String> cityOfCounty, HashMap<String, Map.Entry<String, String>> movedParts)
    {
        this.provinceName = requireNonNull(provinceName, "provinceName is null");
        this.countyNames = countyNames;
        this.cityNames = cityNames;
        this.cityOfCounty = cityOfCounty;
        this.movedParts = movedParts;
    }

    public static AddressResolver of(Divisions divisions)
    {
        Map<String, String> counties = new HashMap<>();
        Map<String, Integer> shortUses = new HashMap<>();
        HashMap<String, String> cityOfCounty = new HashMap<>();
        for (Division county : divisions.counties()) {
            counties.put(county.name(), county.code());
            cityOfCounty.put(county.code(), county.cityCode());
            shortUses.merge(shortName(county.name()), 1, Integer::sum);
        }
        divisions.historicalNames().forEach((name, code) -> {
            counties.putIfAbsent(name, code);
            shortUses.merge(shortName(name), 1, Integer::sum);
        });
        Map<String, String> cityByShort = new HashMap<>();
        List<Map.Entry<String, String>> cities = new ArrayList<>();
        for (Division city : divisions.cities()) {
            cities.add(new java.util.AbstractMap.SimpleImmutableEntry<>(city.name(), city.code()));
            cities.add(new java.util.AbstractMap.SimpleImmutableEntry<>(shortName(city.name()), city.code()));
            cityByShort.put(shortName(city.name()), city.code());
        }
        Map<String, String> all = new HashMap<>(counties);
        counties.forEach((name, code) -> {
            String shortName = shortName(name);
            // A short name serves only when one county has it and no city: 普陀 yes, 舟山 no.
            if (shortName.length() >= 2 && !shortName.equals(name) && shortUses.get(shortName) == 1 && !cityByShort.containsKey(shortName)) {
                all.putIfAbsent(shortName, code);
            }
        });
        List<Map.Entry<String, String>> countyNames = new ArrayList<>();
        all.forEach((name, code) -> countyNames.add(new java.util.AbstractMap.SimpleImmutableEntry<>(name, code)));
        countyNames.sort(Comparator.comparingInt((Map.Entry<String, String> entry) -> -entry.getKey().length()).thenComparing(Map.Entry::getKey));
        cities.sort(Comparator.comparingInt((Map.Entry<String, String> entry) -> -entry.getKey().length()).thenComparing(Map.Entry::getKey));
        HashMap<String, Map.Entry<String, String>> moved = new HashMap<>();
        // 临平区 was carved out of 余杭区 in 2021; older addresses still say 余杭区临平街道.
        divisions.counties().stream().filter(county -> county.name().equals("临平区")).findFirst()
                .ifPresent(linping -> divisions.counties().stream().filter(county -> county.name().equals("余杭区")).findFirst()
                        .ifPresent(yuhang -> moved.put(yuhang.code(), new java.util.AbstractMap.SimpleImmutableEntry<>("临平", linping.code()))));
        return new AddressResolver(shortName(divisions.province().name()), countyNames, cities, cityOfCounty, moved);
    }

    /** A division's name without its last character when that is 市, 区 or 县, and without 畲族自治县: 永康市 → 永康, 景宁畲族自治县 → 景宁. */
    static String shortName(String name)
    {
        if (name.endsWith("畲族自治县")) {
            return name.substring(0, name.length() - "畲族自治县".length());
        }
        if (name.endsWith("省")) {
            return name.substring(0, name.length() - 1);
        }
        String last = name.substring(name.length() - 1);
        return name.length() > 2 && SUFFIXES.contains(last) ? name.substring(0, name.length() - 1) : name;
    }

    /** Where the text places its subject. */
    public Found resolve(String text)
    {
        if (text == null) {
            return Found.UNKNOWN;
        }
        String rest = Normalizer.normalize(text, Normalizer.Form.NFKC).replaceAll("[\\s\\u3000]+", "");
        boolean inProvince = false;
        if (rest.startsWith(provinceName)) {
            rest = rest.substring(provinceName.length());
            rest = rest.startsWith("省") ? rest.substring(1) : rest;
            inProvince = true;
        }
        else {
            for (String province : OTHER_PROVINCES) {
                if (rest.startsWith(province)) {
                    return Found.OUTSIDE;
                }
            }
        }
        String city = null;
        for (Map.Entry<String, String> entry : cityNames) {
            if (rest.startsWith(entry.getKey())) {
                city = entry.getValue();
                rest = rest.substring(entry.getKey().length());
                rest = rest.startsWith("市") ? rest.substring(1) : rest;
                break;
            }
        }
        for (Map.Entry<String, String> entry : countyNames) {
            if (rest.startsWith(entry.getKey())) {
                String county = entry.getValue();
                String after = rest.substring(entry.getKey().length());
                Map.Entry<String, String> moved = movedParts.get(county);
                if (moved != null && after.startsWith(moved.getKey())) {
                    county = moved.getValue();
                }
                return new Found(Place.COUNTY, county, cityOfCounty.get(county));
            }
        }
        if (city != null) {
            return new Found(Place.CITY, null, city);
        }
        if (!inProvince && OTHER_CITY.matcher(rest).find()) {
            return Found.OUTSIDE;
        }
        return Found.UNKNOWN;
    }
}

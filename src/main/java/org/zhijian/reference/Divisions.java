package org.zhijian.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The province's divisions and the historical codes that older files still carry. */
public final class Divisions
{
    private final Map<String, Division> byCode;
    private final Map<String, String> historicalToCurrent;
    private final Map<String, String> historicalNames;
    private final Division province;
    private final List<Division> cities;
    private final List<Division> counties;

    public Divisions(List<Division> divisions, Map<String, String> historicalToCurrent)
    {
        this(divisions, historicalToCurrent, Map.of());
    }

    /** As {@link #Divisions(List, Map)}, with the names of historical counties (下城区) and the current code each maps to. */
    public Divisions(List<Division> divisions, Map<String, String> historicalToCurrent, Map<String, String> historicalNames)
    {
        Map<String, Division> map = new LinkedHashMap<>();
        for (Division division : divisions) {
            if (map.put(division.code(), division) != null) {
                throw new IllegalArgumentException("duplicate division code " + division.code());
            }
        }
        this.byCode = Map.copyOf(map);
        this.historicalToCurrent = Map.copyOf(requireNonNull(historicalToCurrent, "historicalToCurrent is null"));
        this.historicalNames = Map.copyOf(requireNonNull(historicalNames, "historicalNames is null"));
        List<Division> provinces = divisions.stream().filter(division -> division.level() == Division.Level.PROVINCE).toList();
        if (provinces.size() != 1) {
            throw new IllegalArgumentException("expected one province, found " + provinces.size());
        }
        this.province = provinces.get(0);
        this.cities = divisions.stream().filter(division -> division.level() == Division.Level.CITY).toList();
        this.counties = divisions.stream().filter(division -> division.level() == Division.Level.COUNTY).toList();
        for (Division division : divisions) {
            division.parentCode().ifPresent(parent -> {
                if (!map.containsKey(parent)) {
                    throw new IllegalArgumentException("division " + division.code() + " has unknown parent " + parent);
                }
            });
        }
        this.historicalToCurrent.forEach((old, current) -> {
            if (!map.containsKey(current) || map.get(current).level() != Division.Level.COUNTY) {
                throw new IllegalArgumentException("historical code " + old + " maps to " + current + ", which is not a county");
            }
        });
    }

    public Division province()
    {
        return province;
    }

    /** Every division's name by code — the province, its cities and counties — in Chinese or in English (the Chinese one where the file has no English). */
    public Map<String, String> names(boolean chinese)
    {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        java.util.stream.Stream.concat(java.util.stream.Stream.of(province()), java.util.stream.Stream.concat(cities().stream(), counties().stream()))
                .forEach(division -> names.put(division.code(), chinese || division.englishName().isBlank() ? division.name() : division.englishName()));
        return java.util.Collections.unmodifiableMap(names);
    }

    public List<Division> cities()
    {
        return cities;
    }

    public List<Division> counties()
    {
        return counties;
    }

    public List<Division> countiesOf(String cityCode)
    {
        return counties.stream().filter(county -> county.parentCode().orElseThrow().equals(cityCode)).toList();
    }

    public Optional<Division> byCode(String code)
    {
        return Optional.ofNullable(byCode.get(code));
    }

    public Division get(String code)
    {
        return byCode(code).orElseThrow(() -> new IllegalArgumentException("unknown division " + code));
    }

    public Map<String, String> historicalCodes()
    {
        return historicalToCurrent;
    }

    /** The names of historical counties that older files and addresses still carry (江干区), each with today's county code. */
    public Map<String, String> historicalNames()
    {
        return historicalNames;
    }

    /** Today's county for a county code, mapping a historical one; empty when it is no county. */
    public Optional<Division> currentCounty(String code)
    {
        String current = historicalToCurrent.getOrDefault(code, code);
        Division division = byCode.get(current);
        return division != null && division.level() == Division.Level.COUNTY ? Optional.of(division) : Optional.empty();
    }
}

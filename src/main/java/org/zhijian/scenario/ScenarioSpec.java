package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlNodes;
import org.zhijian.indicators.IndicatorCatalogue;

import static java.util.Objects.requireNonNull;

/**
 * A planner's scenario file (conf/scenarios/*.yaml): the base year and horizon, the number of
 * draws and the seed, the assumptions per city and industry group as distributions, a province-wide
 * shock, and the targets to test. Checked whole on loading; every error names the file and line.
 */
public record ScenarioSpec(
        Path file,
        String sha256,
        String name,
        IndicatorCatalogue.Text title,
        String description,
        Integer baseYear,
        int horizon,
        int draws,
        long seed,
        Distribution shock,
        List<Rule> rules,
        List<Target> targets)
{
    public static final String PROVINCE = "330000";
    public static final List<String> GROUPS = List.of("strategic", "other");
    /** The indicators a scenario projects, in the order sheets and charts show them. */
    public static final List<String> INDICATORS = List.of("brand_contribution_rate", "strategic_brand_share", "valid_brands", "intl_adoption_rate");
    /** The one projected indicator that is a count (of valid brands); the others are rates (fractions). */
    public static final String COUNT_INDICATOR = "valid_brands";
    public static final int MAX_DRAWS = 1_000_000;

    /** Whether an indicator is a rate (a fraction shown as a per cent) rather than a count. */
    public static boolean isRate(String indicator)
    {
        return !indicator.equals(COUNT_INDICATOR);
    }

    public ScenarioSpec
    {
        requireNonNull(file, "file is null");
        requireNonNull(name, "name is null");
        rules = List.copyOf(rules);
        targets = List.copyOf(targets);
    }

    /** Assumptions for some cities (all when empty) and a group (both when null), in file order; later rules win. */
    public record Rule(int line, Set<String> cities, String group, Map<Assumption, Distribution> values) {}

    /** Reach {@code value} of an indicator in {@code year}, in a region (the province unless given). */
    public record Target(int line, String indicator, double value, int year, String region) {}

    /** One city's industry group: where every assumption applies. */
    public record Cell(String city, String group) {}

    /** The same scenario with another number of draws (a quick look, or more precision). */
    public ScenarioSpec withDraws(int count)
    {
        if (count < 1 || count > MAX_DRAWS) {
            throw new ConfigException("draws is between 1 and " + MAX_DRAWS + ", not " + count);
        }
        return new ScenarioSpec(file, sha256, name, title, description, baseYear, horizon, count, seed, shock, rules, targets);
    }

    /** The table name of the scenario in the lake: its name with hyphens as underscores. */
    public String tableName()
    {
        return name.replace('-', '_');
    }

    /**
     * Every cell's assumptions after the rules: for each city in {@code cities} and each group,
     * one distribution per assumption. Fails naming the first cell a rule leaves without one.
     */
    public Map<Cell, Map<Assumption, Distribution>> resolve(List<String> cities)
    {
        Map<Cell, Map<Assumption, Distribution>> cells = new LinkedHashMap<>();
        for (String city : cities) {
            for (String group : GROUPS) {
                Map<Assumption, Distribution> values = new EnumMap<>(Assumption.class);
                for (Rule rule : rules) {
                    if ((rule.cities().isEmpty() || rule.cities().contains(city)) && (rule.group() == null || rule.group().equals(group))) {
                        values.putAll(rule.values());
                    }
                }
                for (Assumption assumption : Assumption.values()) {
                    if (!values.containsKey(assumption)) {
                        throw new ConfigException(file + ": no rule of 'assumptions' gives " + assumption.key() + " for city " + city + ", group " + group
                                + " (a first rule without cities and group sets every assumption for all)");
                    }
                }
                cells.put(new Cell(city, group), values);
            }
        }
        return cells;
    }

    /** The target's year must fall within the horizon after the base year. */
    public void checkTargets(int base)
    {
        for (Target target : targets) {
            if (target.year() <= base || target.year() > base + horizon) {
                throw new ConfigException(file + ":" + target.line() + ": targets: year " + target.year() + " is outside the projection "
                        + (base + 1) + "–" + (base + horizon) + " (base year " + base + ", horizon " + horizon + ")");
            }
        }
    }

    /**
     * Reads and checks a scenario file. {@code cities} are the province's city codes, which rules
     * and targets may name.
     */
    public static ScenarioSpec load(Path file, Set<String> cities)
    {
        YamlNodes.Mapping root = YamlNodes.load(file);
        String name = root.required("name").text();
        if (!name.matches("[a-z][a-z0-9_-]{0,40}")) {
            throw root.required("name").error("a name is lowercase letters, digits, - and _, starting with a letter (it names the lake table and files), not '" + name + "'");
        }
        IndicatorCatalogue.Text title = root.optional("title").map(value -> {
            YamlNodes.Mapping text = value.mapping();
            IndicatorCatalogue.Text parsed = new IndicatorCatalogue.Text(text.required("zh").text(), text.required("en").text());
            text.done(Set.of("zh", "en"));
            return parsed;
        }).orElse(new IndicatorCatalogue.Text(name, name));
        String description = root.optional("description").map(YamlNodes.Value::text).orElse("");
        Integer baseYear = null;
        if (root.optional("base_year").isPresent() && !root.required("base_year").text().equals("latest")) {
            long year = root.required("base_year").integer();
            if (year < 2000 || year > 2100) {
                throw root.required("base_year").error("a base year is between 2000 and 2100 (or 'latest'), not " + year);
            }
            baseYear = (int) year;
        }
        int horizon = (int) bounded(root, "horizon", 5, 1, 30);
        int draws = (int) bounded(root, "draws", 10_000, 1, MAX_DRAWS);
        long seed = root.optional("seed").map(YamlNodes.Value::integer).orElse(20_260_101L);
        Distribution shock = root.optional("shock").map(value -> {
            Distribution parsed = distribution(value);
            if (parsed instanceof Distribution.Poisson || parsed instanceof Distribution.PoissonShare) {
                throw value.error("the shock is a change of growth rates: normal, triangular or a number, not poisson");
            }
            return parsed;
        }).orElse(new Distribution.Fixed(0));

        List<Rule> rules = new ArrayList<>();
        for (YamlNodes.Value item : root.required("assumptions").sequence()) {
            rules.add(rule(item, cities));
        }
        if (rules.isEmpty()) {
            throw root.required("assumptions").error("list at least one rule of assumptions");
        }
        List<Target> targets = new ArrayList<>();
        for (YamlNodes.Value item : root.optional("targets").map(YamlNodes.Value::sequence).orElse(List.of())) {
            targets.add(target(item, cities));
        }
        root.done(Set.of("name", "title", "description", "base_year", "horizon", "draws", "seed", "shock", "assumptions", "targets"));
        ScenarioSpec spec = new ScenarioSpec(file.toAbsolutePath().normalize(), sha256(file), name, title, description, baseYear, horizon, draws, seed, shock, rules, targets);
        spec.resolve(List.copyOf(new java.util.TreeSet<>(cities)));
        if (baseYear != null) {
            spec.checkTargets(baseYear);
        }
        return spec;
    }

    private static long bounded(YamlNodes.Mapping root, String key, long fallback, long min, long max)
    {
        if (root.optional(key).isEmpty()) {
            return fallback;
        }
        long value = root.required(key).integer();
        if (value < min || value > max) {
            throw root.required(key).error(key + " is between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    private static Rule rule(YamlNodes.Value item, Set<String> known)
    {
        YamlNodes.Mapping mapping = item.mapping();
        Set<String> cities = new LinkedHashSet<>();
        mapping.optional("cities").ifPresent(value -> {
            List<YamlNodes.Value> codes = value.isSequence() ? value.sequence() : List.of(value);
            for (YamlNodes.Value code : codes) {
                if (code.text().equals("all") && codes.size() == 1) {
                    continue;
                }
                if (!known.contains(code.text())) {
                    throw code.error("'" + code.text() + "' is not a city code of the province (e.g. 330100)");
                }
                cities.add(code.text());
            }
        });
        String group = mapping.optional("group").map(YamlNodes.Value::text).orElse("all");
        if (!group.equals("all") && !GROUPS.contains(group)) {
            throw mapping.required("group").error("group is strategic (high-tech or equipment manufacturing, divisions 33–40), other or all, not '" + group + "'");
        }
        Map<Assumption, Distribution> values = new EnumMap<>(Assumption.class);
        Set<String> allowed = new LinkedHashSet<>(List.of("cities", "group"));
        for (Assumption assumption : Assumption.values()) {
            allowed.add(assumption.key());
            mapping.optional(assumption.key()).ifPresent(value -> values.put(assumption, checked(assumption, value)));
        }
        mapping.done(allowed);
        if (values.isEmpty()) {
            throw item.error("a rule sets at least one of " + String.join(", ", keys()));
        }
        return new Rule(item.line(), Set.copyOf(cities), group.equals("all") ? null : group, values);
    }

    private static List<String> keys()
    {
        List<String> keys = new ArrayList<>();
        for (Assumption assumption : Assumption.values()) {
            keys.add(assumption.key());
        }
        return keys;
    }

    /** A distribution, checked against what the assumption can be. */
    private static Distribution checked(Assumption assumption, YamlNodes.Value value)
    {
        Distribution distribution = distribution(value);
        switch (assumption) {
            case NEW_BRANDS -> {
                if (!(distribution instanceof Distribution.Poisson || distribution instanceof Distribution.PoissonShare || distribution instanceof Distribution.Fixed)) {
                    throw value.error("new brands are a count per year: poisson (a mean, or share_of_valid) or a number, not " + distribution.describe());
                }
                if (distribution.mean() < 0) {
                    throw value.error("new brands per year cannot be negative");
                }
            }
            case ATTRITION -> {
                double low = distribution instanceof Distribution.Triangular triangular ? triangular.min() : distribution.mean();
                double high = distribution instanceof Distribution.Triangular triangular ? triangular.max() : distribution.mean();
                if (distribution instanceof Distribution.Poisson || distribution instanceof Distribution.PoissonShare || low < 0 || high > 1) {
                    throw value.error("attrition is the share of valid brands lost per year, between 0 and 1: " + distribution.describe());
                }
            }
            case NEW_BRAND_SALES -> {
                if (distribution instanceof Distribution.Poisson || distribution instanceof Distribution.PoissonShare || distribution.mean() < 0) {
                    throw value.error("a new brand's sales (万元) are a non-negative amount: " + distribution.describe());
                }
            }
            default -> {
                if (distribution instanceof Distribution.Poisson || distribution instanceof Distribution.PoissonShare) {
                    throw value.error(assumption.key() + " is a rate: normal, triangular or a number, not poisson");
                }
                if (distribution.mean() <= -1 || distribution.mean() >= 1) {
                    throw value.error(assumption.key() + " is a yearly rate as a fraction (0.06 for 6%), not " + distribution.describe());
                }
            }
        }
        return distribution;
    }

    /** {@code 0.05}, {@code {normal: {mean, sd}}}, {@code {triangular: {min, mode, max}}}, {@code {poisson: mean}} or {@code {fixed: value}}. */
    static Distribution distribution(YamlNodes.Value value)
    {
        if (value.isScalar()) {
            return new Distribution.Fixed(value.number());
        }
        YamlNodes.Mapping mapping = value.mapping();
        if (mapping.keys().size() != 1) {
            throw value.error("a distribution is one of normal, triangular, poisson or fixed, e.g. {normal: {mean: 0.06, sd: 0.02}}");
        }
        String kind = mapping.keys().iterator().next();
        YamlNodes.Value body = mapping.required(kind);
        switch (kind) {
            case "fixed" -> {
                return new Distribution.Fixed(body.number());
            }
            case "poisson" -> {
                if (!body.isScalar() && body.mapping().keys().contains("share_of_valid")) {
                    double share = parameters(body, "share_of_valid")[0];
                    if (share < 0) {
                        throw body.error("share_of_valid cannot be negative, not " + share);
                    }
                    return new Distribution.PoissonShare(share);
                }
                double mean = body.isScalar() ? body.number() : parameters(body, "mean")[0];
                if (mean < 0) {
                    throw body.error("a poisson mean cannot be negative, not " + mean);
                }
                return new Distribution.Poisson(mean);
            }
            case "normal" -> {
                double[] p = parameters(body, "mean", "sd");
                if (p[1] < 0) {
                    throw body.error("sd must not be negative, not " + p[1]);
                }
                return new Distribution.Normal(p[0], p[1]);
            }
            case "triangular" -> {
                double[] p = parameters(body, "min", "mode", "max");
                if (!(p[0] <= p[1] && p[1] <= p[2])) {
                    throw body.error("triangular needs min ≤ mode ≤ max, not " + p[0] + ", " + p[1] + ", " + p[2]);
                }
                return new Distribution.Triangular(p[0], p[1], p[2]);
            }
            default -> throw value.error("unknown distribution '" + kind + "' (use normal, triangular, poisson or fixed)");
        }
    }

    private static double[] parameters(YamlNodes.Value body, String... names)
    {
        YamlNodes.Mapping mapping = body.mapping();
        double[] values = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            values[i] = mapping.required(names[i]).number();
        }
        mapping.done(Set.of(names));
        return values;
    }

    private static Target target(YamlNodes.Value item, Set<String> cities)
    {
        YamlNodes.Mapping mapping = item.mapping();
        String indicator = mapping.required("indicator").text();
        if (!INDICATORS.contains(indicator)) {
            throw mapping.required("indicator").error("a scenario projects " + String.join(", ", INDICATORS) + "; not '" + indicator + "'");
        }
        double value = mapping.required("value").number();
        if (isRate(indicator) && (value < 0 || value > 1)) {
            throw mapping.required("value").error(indicator + " is a rate: write 0.35 for 35%, not " + value);
        }
        long year = mapping.required("year").integer();
        String region = mapping.optional("region").map(YamlNodes.Value::text).orElse(PROVINCE);
        if (!region.equals(PROVINCE) && !cities.contains(region)) {
            throw mapping.required("region").error("a target's region is " + PROVINCE + " (the province) or a city code, not '" + region + "'");
        }
        mapping.done(Set.of("indicator", "value", "year", "region"));
        return new Target(item.line(), indicator, value, (int) year, region);
    }

    private static String sha256(Path file)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        }
        catch (IOException e) {
            throw new ConfigException("cannot read " + file + ": " + e.getMessage());
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

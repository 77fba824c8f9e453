package org.zhijian.indicators.composite;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;
import org.zhijian.indicators.IndicatorCatalogue;

import static java.util.Objects.requireNonNullElse;

/** conf/composite_index.yaml: the composite index's indicators, weights, methods and uncertainty analysis. */
public record CompositeSettings(
        @JsonProperty("indicators") List<Component> indicators,
        @JsonProperty("normalisation") String normalisation,
        @JsonProperty("aggregation") String aggregation,
        @JsonProperty("uncertainty") Uncertainty uncertainty)
{
    public static final Set<String> NORMALISATIONS = Set.of("min_max", "distance_to_target");
    public static final Set<String> AGGREGATIONS = Set.of("linear", "geometric");

    public CompositeSettings
    {
        indicators = List.copyOf(requireNonNullElse(indicators, List.of()));
    }

    public record Component(@JsonProperty("id") String id, @JsonProperty("weight") double weight) {}

    public record Uncertainty(
            @JsonProperty("draws") int draws,
            @JsonProperty("seed") long seed,
            @JsonProperty("weight_spread") double weightSpread,
            @JsonProperty("normalisations") List<String> normalisations,
            @JsonProperty("aggregations") List<String> aggregations)
    {
        public Uncertainty
        {
            normalisations = List.copyOf(requireNonNullElse(normalisations, List.of("min_max")));
            aggregations = List.copyOf(requireNonNullElse(aggregations, List.of("linear")));
        }
    }

    public static CompositeSettings load(Path file, IndicatorCatalogue catalogue)
    {
        CompositeSettings settings = YamlFiles.read(file, CompositeSettings.class);
        if (settings == null || settings.indicators().isEmpty() || settings.uncertainty() == null) {
            throw new ConfigException(file + ": needs indicators and uncertainty");
        }
        Set<String> seen = new HashSet<>();
        for (Component component : settings.indicators()) {
            IndicatorCatalogue.Indicator indicator = catalogue.indicator(String.valueOf(component.id()))
                    .orElseThrow(() -> new ConfigException(file + ": indicator " + component.id() + " is not in the catalogue"));
            if (indicator.special() || !indicator.reportedFor(org.zhijian.indicators.Periods.Kind.YEAR)) {
                throw new ConfigException(file + ": indicator " + component.id() + " must be a measured indicator with yearly values");
            }
            if (!seen.add(component.id())) {
                throw new ConfigException(file + ": indicator " + component.id() + " is listed twice");
            }
            if (!(component.weight() > 0)) {
                throw new ConfigException(file + ": indicator " + component.id() + ": weight must be positive");
            }
        }
        checkMethod(file, "normalisation", settings.normalisation(), NORMALISATIONS);
        checkMethod(file, "aggregation", settings.aggregation(), AGGREGATIONS);
        Uncertainty uncertainty = settings.uncertainty();
        if (uncertainty.draws() < 100 || uncertainty.draws() > 1_000_000) {
            throw new ConfigException(file + ": uncertainty.draws must be 100–1,000,000, not " + uncertainty.draws());
        }
        if (uncertainty.weightSpread() < 0 || uncertainty.weightSpread() >= 1) {
            throw new ConfigException(file + ": uncertainty.weight_spread must be in [0, 1)");
        }
        uncertainty.normalisations().forEach(method -> checkMethod(file, "uncertainty.normalisations", method, NORMALISATIONS));
        uncertainty.aggregations().forEach(method -> checkMethod(file, "uncertainty.aggregations", method, AGGREGATIONS));
        return settings;
    }

    private static void checkMethod(Path file, String key, String value, Set<String> allowed)
    {
        if (!allowed.contains(String.valueOf(value))) {
            throw new ConfigException(file + ": " + key + " must be one of " + String.join(", ", allowed.stream().sorted().toList()) + ", not " + value);
        }
    }
}

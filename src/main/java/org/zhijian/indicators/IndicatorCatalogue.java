package org.zhijian.indicators;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.zhijian.config.ConfigException;
import org.zhijian.config.YamlFiles;

import static java.util.Objects.requireNonNull;
import static java.util.Objects.requireNonNullElse;

/**
 * conf/indicators.yaml: every indicator of PRODUCT.md §5 with its names, definition, measures,
 * unit, direction, frequencies, target and thresholds. Loaded strictly and checked whole: a
 * measure over an unknown fact table, thresholds against the direction or a duplicate id fail
 * with the indicator's id.
 */
public record IndicatorCatalogue(List<Indicator> indicators, Facts facts)
{
    public static final Set<String> UNITS = Set.of("ratio", "count", "per_10k", "wan_yuan", "index", "score");

    public IndicatorCatalogue
    {
        indicators = List.copyOf(requireNonNullElse(indicators, List.of()));
        requireNonNull(facts, "facts is null");
    }

    /** The file as written. */
    private record Document(@JsonProperty("indicators") List<Indicator> indicators) {}

    /** A text in Chinese and English. */
    public record Text(@JsonProperty("zh") String zh, @JsonProperty("en") String en)
    {
        public Text
        {
            requireNonNull(zh, "zh is null");
            requireNonNull(en, "en is null");
        }
    }

    /** A count of matching rows, or a sum of a column over matching rows, of one fact table. */
    public record Measure(
            @JsonProperty("facts") String facts,
            @JsonProperty("count") String count,
            @JsonProperty("sum") String sum,
            @JsonProperty("where") String where,
            @JsonProperty("timing") Facts.Timing timing)
    {
        /** The measure with its fact's timing, which the catalogue sets from conf/facts when it loads. */
        Measure timed(Facts.Timing factTiming)
        {
            return new Measure(facts, count, sum, where, factTiming);
        }

        /** The condition rows must meet, as SQL. */
        public String condition()
        {
            String condition = count != null ? count : where;
            return condition == null || condition.isBlank() ? "true" : condition;
        }

        public boolean isCount()
        {
            return count != null;
        }

        public String describe()
        {
            String what = count != null ? "count" : "sum(" + sum + ")";
            return what + " of " + facts + (condition().equals("true") ? "" : " where " + condition());
        }
    }

    /** Green and amber bounds in the indicator's unit. */
    public record Thresholds(@JsonProperty("green") double green, @JsonProperty("amber") double amber) {}

    public record Indicator(
            @JsonProperty("id") String id,
            @JsonProperty("name") Text name,
            @JsonProperty("definition") Text definition,
            @JsonProperty("method") String method,
            @JsonProperty("numerator") Measure numerator,
            @JsonProperty("denominator") Measure denominator,
            @JsonProperty("unit") String unit,
            @JsonProperty("direction") String direction,
            @JsonProperty("frequency") List<String> frequency,
            @JsonProperty("target") Double target,
            @JsonProperty("thresholds") Thresholds thresholds)
    {
        public Indicator
        {
            method = requireNonNullElse(method, "measure");
            frequency = List.copyOf(requireNonNullElse(frequency, List.of("year")));
        }

        public boolean special()
        {
            return method.equals("special");
        }

        /** The kinds of period the indicator is reported for, in its catalogue's order ({@link IndicatorCatalogue#load} refuses unknown ones). */
        public List<Periods.Kind> kinds()
        {
            return frequency.stream().map(id -> Periods.Kind.of(id).orElseThrow(() -> new IllegalStateException(this.id + ": no period kind " + id))).toList();
        }

        public boolean reportedFor(Periods.Kind kind)
        {
            return frequency.contains(kind.id());
        }

        public Optional<Measure> denominatorMeasure()
        {
            return Optional.ofNullable(denominator);
        }

        /** What value × scale shows in the indicator's unit: 10,000 for per_10k, else 1. */
        public double scale()
        {
            return unit.equals("per_10k") ? 10_000 : 1;
        }

        public boolean higherIsBetter()
        {
            return direction.equals("higher");
        }

        /**
         * The share of the yearly target a period of this type carries: a count of events over a
         * stock (cases per 10,000 enterprises) or a plain count of events grows with the period's
         * length, so a quarter is held to a quarter of the yearly target (序时进度) and a month to a
         * twelfth; rates of events over events (pass rates) and stocks are held to the whole target.
         */
        public double periodShare(Periods.Kind kind)
        {
            boolean flowNumerator = numerator != null && numerator.timing() == Facts.Timing.FLOW;
            boolean flowDenominator = denominator != null && denominator.timing() == Facts.Timing.FLOW;
            if (!flowNumerator || flowDenominator) {
                return 1;
            }
            return kind.shareOfYear();
        }

        /** The target for a period of this type (see {@link #periodShare}). */
        public Double target(Periods.Kind kind)
        {
            return target == null ? null : target * periodShare(kind);
        }

        /** The thresholds for a period of this type (see {@link #periodShare}). */
        public Thresholds thresholds(Periods.Kind kind)
        {
            double share = periodShare(kind);
            return thresholds == null ? null : new Thresholds(thresholds.green() * share, thresholds.amber() * share);
        }
    }

    public Optional<Indicator> indicator(String id)
    {
        return indicators.stream().filter(indicator -> indicator.id().equals(id)).findFirst();
    }

    /** conf/indicators.yaml over the facts of conf/facts beside it. */
    public static IndicatorCatalogue load(Path file)
    {
        return load(file, Facts.load(file.toAbsolutePath().getParent()));
    }

    public static IndicatorCatalogue load(Path file, Facts facts)
    {
        Document document = YamlFiles.read(file, Document.class);
        if (document == null || document.indicators() == null || document.indicators().isEmpty()) {
            throw new ConfigException(file + ": lists no indicators");
        }
        IndicatorCatalogue catalogue = new IndicatorCatalogue(document.indicators(), facts);
        catalogue.check(file);
        return new IndicatorCatalogue(catalogue.indicators().stream().map(indicator -> indicator.special() ? indicator : new Indicator(indicator.id(), indicator.name(),
                indicator.definition(), indicator.method(), timed(indicator.numerator(), facts), timed(indicator.denominator(), facts), indicator.unit(), indicator.direction(),
                indicator.frequency(), indicator.target(), indicator.thresholds())).toList(), facts);
    }

    private static Measure timed(Measure measure, Facts facts)
    {
        return measure == null ? null : measure.timed(facts.find(measure.facts()).orElseThrow().timing());
    }

    private void check(Path file)
    {
        Set<String> ids = new HashSet<>();
        for (Indicator indicator : indicators) {
            String where = file + ": indicator " + indicator.id() + ": ";
            if (indicator.id() == null || !indicator.id().matches("[a-z][a-z0-9_]*")) {
                throw new ConfigException(file + ": indicator id '" + indicator.id() + "' must be lower_snake_case");
            }
            if (!ids.add(indicator.id())) {
                throw new ConfigException(where + "the id appears twice");
            }
            if (indicator.name() == null || indicator.definition() == null) {
                throw new ConfigException(where + "needs name and definition, in zh and en");
            }
            if (!UNITS.contains(String.valueOf(indicator.unit()))) {
                throw new ConfigException(where + "unit must be one of " + String.join(", ", UNITS.stream().sorted().toList()) + ", not " + indicator.unit());
            }
            if (!Set.of("higher", "lower").contains(String.valueOf(indicator.direction()))) {
                throw new ConfigException(where + "direction must be higher or lower, not " + indicator.direction());
            }
            for (String frequency : indicator.frequency()) {
                if (Periods.Kind.of(frequency).isEmpty()) {
                    throw new ConfigException(where + "frequency must be among " + String.join(", ", Periods.Kind.ids()) + ", not " + frequency);
                }
            }
            if (!Set.of("measure", "special").contains(indicator.method())) {
                throw new ConfigException(where + "method must be measure or special, not " + indicator.method());
            }
            if (!indicator.special()) {
                checkMeasure(where + "numerator: ", indicator.numerator());
                if (indicator.denominator() != null) {
                    checkMeasure(where + "denominator: ", indicator.denominator());
                }
                if ((indicator.unit().equals("ratio") || indicator.unit().equals("per_10k")) && indicator.denominator() == null) {
                    throw new ConfigException(where + "a " + indicator.unit() + " needs a denominator");
                }
            }
            if (indicator.thresholds() != null) {
                double green = indicator.thresholds().green();
                double amber = indicator.thresholds().amber();
                if (indicator.higherIsBetter() ? green < amber : green > amber) {
                    throw new ConfigException(where + "thresholds go against the direction (" + indicator.direction() + " is better, green " + green + ", amber " + amber + ")");
                }
            }
        }
    }

    private void checkMeasure(String where, Measure measure)
    {
        if (measure == null) {
            throw new ConfigException(where + "missing");
        }
        if (measure.timing() != null) {
            throw new ConfigException(where + "timing is the fact's (conf/facts/" + measure.facts() + ".yaml), not the measure's");
        }
        Facts.Fact fact = this.facts.measurable(String.valueOf(measure.facts()), where);
        if ((measure.count() == null) == (measure.sum() == null)) {
            throw new ConfigException(where + "give either count: CONDITION or sum: COLUMN");
        }
        if (measure.count() != null && measure.where() != null) {
            throw new ConfigException(where + "a count takes its condition in count:, not where:");
        }
        if (measure.sum() != null && !fact.columns().contains(measure.sum())) {
            throw new ConfigException(where + "facts " + fact.id() + " have no column " + measure.sum() + " (they have " + String.join(", ", fact.columns()) + ")");
        }
    }

    /** docs/indicators.md: the catalogue for readers, with the fact tables it measures over. */
    public String markdown()
    {
        StringBuilder text = new StringBuilder("# Indicators\n\n")
                .append("Generated from `conf/indicators.yaml`; `TestIndicatorCatalogue` fails when this file is stale ")
                .append("(regenerate with `mvn -q test -Dtest=TestIndicatorCatalogue -Dzhijian.updateDocs=true`).\n\n")
                .append("Rates are fractions (0.932 is shown as 93.2%); changes of rates (同比, 环比) are in the same unit, i.e. percentage points × 0.01. ")
                .append("A city's numerator and denominator are the sums of its counties', the province's the sums of its cities'.\n\n")
                .append("| id | 名称 | name | unit | better | frequency | target | green / amber |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Indicator indicator : indicators) {
            text.append("| `").append(indicator.id()).append("` | ").append(indicator.name().zh()).append(" | ").append(indicator.name().en()).append(" | ")
                    .append(indicator.unit()).append(" | ").append(indicator.direction()).append(" | ").append(String.join(", ", indicator.frequency())).append(" | ")
                    .append(indicator.target() == null ? "" : number(indicator.target())).append(" | ")
                    .append(indicator.thresholds() == null ? "" : number(indicator.thresholds().green()) + " / " + number(indicator.thresholds().amber())).append(" |\n");
        }
        text.append("\n## Definitions\n");
        for (Indicator indicator : indicators) {
            text.append("\n### ").append(indicator.id()).append(" — ").append(indicator.name().zh()).append("\n\n")
                    .append(indicator.definition().zh()).append("\n\n").append(indicator.definition().en()).append("\n\n");
            if (indicator.special()) {
                text.append("Computed by its own method (see above).\n");
            }
            else {
                text.append("- numerator: ").append(indicator.numerator().describe()).append('\n');
                indicator.denominatorMeasure().ifPresent(denominator -> text.append("- denominator: ").append(denominator.describe()).append('\n'));
                if (indicator.scale() != 1) {
                    text.append("- scaled by ").append(number(indicator.scale())).append('\n');
                }
            }
        }
        text.append("\n## Fact tables\n\n| facts | timing | rows | columns |\n| --- | --- | --- | --- |\n");
        for (Facts.Fact fact : facts.measurable()) {
            text.append("| `").append(fact.id()).append("` | ").append(fact.timing().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(fact.description()).append(" | ").append(String.join(", ", fact.columns())).append(" |\n");
        }
        return text.toString();
    }

    private static String number(double value)
    {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    /** Indicators by id, in catalogue order. */
    public Map<String, Indicator> byId()
    {
        Map<String, Indicator> map = new LinkedHashMap<>();
        indicators.forEach(indicator -> map.put(indicator.id(), indicator));
        return map;
    }
}

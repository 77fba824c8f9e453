package org.zhijian.scenario;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What the planners' workbook of one scenario run shows, sheet by sheet, in domain terms: codes,
 * numbers, states — no words, no formats. Built once from a run ({@link #of}); a renderer turns
 * it into a workbook in either language. The first scenario is the one the detail sheets show.
 *
 * @param baseYear the last year of actual data
 * @param lastYear the main scenario's last projected year
 * @param scenarios every scenario as run, in order
 * @param base the base year's cells (city × group) and the province's total
 * @param projections per indicator, the main scenario's province projection by year and its cities in the last year
 * @param details every quantile of every scenario
 * @param targets per scenario, its targets' chances; empty when the main scenario sets none
 * @param cityChances the main scenario's chance per city of reaching each of its targets' values
 * @param mainTargetChances per scenario, its chance of meeting each of the main scenario's targets (empty where it has no such target)
 * @param sensitivities the main scenario's sensitivities per target, largest move first
 * @param goalSeeks the main scenario's goal seek per target and lever
 * @param comparisons per indicator, every scenario's province P50 by year; empty for one scenario
 */
public record ScenarioView(
        int baseYear,
        int lastYear,
        List<Scenario> scenarios,
        List<BaseCell> base,
        BaseCell total,
        List<Projection> projections,
        List<Detail> details,
        List<TargetTable> targets,
        List<CityChances> cityChances,
        List<List<Optional<Double>>> mainTargetChances,
        List<SensitivityTable> sensitivities,
        List<GoalSeekRow> goalSeeks,
        List<Comparison> comparisons)
{
    public ScenarioView
    {
        scenarios = List.copyOf(scenarios);
        base = List.copyOf(base);
        requireNonNull(total, "total is null");
        projections = List.copyOf(projections);
        details = List.copyOf(details);
        targets = List.copyOf(targets);
        cityChances = List.copyOf(cityChances);
        mainTargetChances = mainTargetChances.stream().map(List::copyOf).toList();
        sensitivities = List.copyOf(sensitivities);
        goalSeeks = List.copyOf(goalSeeks);
        comparisons = List.copyOf(comparisons);
    }

    /** One scenario as run: its file and settings, and per city and group the assumptions as resolved (described). */
    public record Scenario(ScenarioSpec spec, List<AssumedCell> cells) {}

    public record AssumedCell(String city, String group, Map<Assumption, String> assumptions) {}

    /**
     * One base-year cell (a city and industry group; for the province's total, city is the
     * province and group null): sales, brand sales, valid brands, standards in force and those
     * adopting international standards, and the adoption rate (null without standards).
     */
    public record BaseCell(String city, String group, double sales, double brandSales, double brands, double standards, double adopting)
    {
        public Optional<Double> adoptionRate()
        {
            return standards == 0 ? Optional.empty() : Optional.of(adopting / standards);
        }
    }

    /**
     * The main scenario's projection of one indicator: the province by year (actual where known,
     * quantiles where projected), each city's base value and last-year quantiles, and the
     * province target if the scenario sets one.
     */
    public record Projection(String indicator, List<YearRow> years, List<CityRow> cities, Optional<Double> target)
    {
        public boolean rate()
        {
            return ScenarioSpec.isRate(indicator);
        }
    }

    public record YearRow(int year, Optional<Double> actual, Optional<ScenarioEngine.Quantile> quantile) {}

    public record CityRow(String city, Optional<Double> baseValue, Optional<ScenarioEngine.Quantile> last) {}

    public record Detail(String scenario, String indicator, String region, int year, ScenarioEngine.Quantile quantile) {}

    /** One scenario's targets, in its file's order. */
    public record TargetTable(ScenarioSpec spec, List<TargetRow> rows) {}

    /** A target, the quantile of its indicator in its year and region, the chance of meeting it and what that chance means. */
    public record TargetRow(ScenarioSpec.Target target, Optional<ScenarioEngine.Quantile> quantile, Optional<Double> probability,
            Optional<ScenarioEngine.Likelihood> likelihood) {}

    /** Per city, the chance of reaching each main-scenario target's value (in the target's year), in the targets' order. */
    public record CityChances(String city, List<Optional<Double>> chances) {}

    /**
     * One target's sensitivities: the reference P50 and probability, and each assumption moved
     * down and up, largest change of P50 first; changes are in the indicator's unit (a fraction for rates).
     */
    public record SensitivityTable(ScenarioSpec.Target target, ScenarioEngine.Reference reference, List<SensitivityRow> rows) {}

    /** {@code group} is empty when the move is for every group (the shock). */
    public record SensitivityRow(ScenarioModel.Move move, Optional<String> group, double p50Low, double p50High, double changeLow, double changeHigh,
            double probabilityLow, double probabilityHigh) {}

    /** What goal seek found for a target and lever: the lever's level now (factor 1) and, when a factor was found, at that factor. */
    public record GoalSeekRow(ScenarioSpec.Target target, Assumption lever, ScenarioEngine.GoalSeek.Status status, Optional<Double> factor, double probability,
            double currentLevel, Optional<Double> neededLevel) {}

    /** One indicator across scenarios: per scenario (in order) its province P50 each year from the base year (empty after its horizon) and the last year's P5 and P95. */
    public record Comparison(String indicator, List<Integer> years, List<List<Optional<Double>>> medians, List<Optional<ScenarioEngine.Quantile>> last) {}

    public static ScenarioView of(ScenarioJob.Result run)
    {
        BaseYear base = run.base();
        ScenarioJob.Outcome main = run.outcomes().get(0);
        int horizon = main.spec().horizon();
        List<Scenario> scenarios = new ArrayList<>();
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            List<AssumedCell> cells = new ArrayList<>();
            outcome.spec().resolve(base.cities()).forEach((cell, assumptions) -> {
                Map<Assumption, String> described = new LinkedHashMap<>();
                assumptions.forEach((assumption, distribution) -> described.put(assumption, distribution.describe()));
                cells.add(new AssumedCell(cell.city(), cell.group(), Collections.unmodifiableMap(described)));
            });
            scenarios.add(new Scenario(outcome.spec(), cells));
        }
        return new ScenarioView(base.year(), base.year() + horizon, scenarios, baseCells(base), total(base), projections(base, main), details(run),
                main.spec().targets().isEmpty() ? List.of() : targets(run), cityChances(base, main),
                run.outcomes().stream().map(outcome -> main.spec().targets().stream().map(target -> chance(outcome, target)).toList()).toList(), sensitivities(main), goalSeeks(main),
                run.outcomes().size() > 1 ? comparisons(run) : List.of());
    }

    private static List<BaseCell> baseCells(BaseYear base)
    {
        List<BaseCell> cells = new ArrayList<>();
        for (int k = 0; k < base.cells(); k++) {
            cells.add(new BaseCell(base.cities().get(k / 2), ScenarioSpec.GROUPS.get(k % 2), base.sales()[k], base.brandSales()[k], base.brands()[k],
                    base.standards()[k], base.adopting()[k]));
        }
        return cells;
    }

    private static BaseCell total(BaseYear base)
    {
        double[] totals = new double[5];
        for (int k = 0; k < base.cells(); k++) {
            double[] values = {base.sales()[k], base.brandSales()[k], base.brands()[k], base.standards()[k], base.adopting()[k]};
            for (int i = 0; i < values.length; i++) {
                totals[i] += values[i];
            }
        }
        return new BaseCell(ScenarioSpec.PROVINCE, null, totals[0], totals[1], totals[2], totals[3], totals[4]);
    }

    private static List<Projection> projections(BaseYear base, ScenarioJob.Outcome outcome)
    {
        int last = outcome.spec().horizon();
        List<Projection> projections = new ArrayList<>();
        for (int i = 0; i < ScenarioSpec.INDICATORS.size(); i++) {
            String indicator = ScenarioSpec.INDICATORS.get(i);
            Map<Integer, Double> history = base.history().getOrDefault(indicator, Map.of()).getOrDefault(ScenarioSpec.PROVINCE, Map.of());
            List<YearRow> years = new ArrayList<>();
            for (int year = base.year() - BaseYears.HISTORY; year <= base.year() + last; year++) {
                Optional<Double> known = Optional.ofNullable(history.get(year));
                Optional<ScenarioEngine.Quantile> q = outcome.result().quantile(i, 0, year - base.year());
                if (known.isPresent() || q.isPresent()) {
                    years.add(new YearRow(year, known, q));
                }
            }
            List<CityRow> cities = new ArrayList<>();
            for (int region = 1; region <= base.cities().size(); region++) {
                cities.add(new CityRow(base.cities().get(region - 1), outcome.result().quantile(i, region, 0).map(ScenarioEngine.Quantile::p50),
                        outcome.result().quantile(i, region, last)));
            }
            Optional<Double> target = outcome.spec().targets().stream().filter(t -> t.indicator().equals(indicator) && t.region().equals(ScenarioSpec.PROVINCE))
                    .map(ScenarioSpec.Target::value).findFirst();
            projections.add(new Projection(indicator, years, cities, target));
        }
        return projections;
    }

    private static List<Detail> details(ScenarioJob.Result run)
    {
        List<Detail> details = new ArrayList<>();
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            for (ScenarioEngine.Quantile q : outcome.result().quantiles()) {
                details.add(new Detail(outcome.spec().name(), ScenarioSpec.INDICATORS.get(q.indicator()), ScenarioJob.regionCode(run.base(), q.region()),
                        run.base().year() + q.year(), q));
            }
        }
        return details;
    }

    private static List<TargetTable> targets(ScenarioJob.Result run)
    {
        List<TargetTable> tables = new ArrayList<>();
        for (ScenarioJob.Outcome outcome : run.outcomes()) {
            List<TargetRow> rows = new ArrayList<>();
            for (int k = 0; k < outcome.spec().targets().size(); k++) {
                ScenarioSpec.Target target = outcome.spec().targets().get(k);
                ScenarioEngine.Goal goal = outcome.goals().get(k);
                Optional<Double> probability = chance(outcome, target);
                rows.add(new TargetRow(target, outcome.result().quantile(goal.indicator(), goal.region(), goal.year()), probability,
                        probability.map(ScenarioEngine.Likelihood::of)));
            }
            tables.add(new TargetTable(outcome.spec(), rows));
        }
        return tables;
    }

    /** The chance of a scenario meeting a target with the same indicator, value, year and region as {@code target}, if it has one. */
    public static Optional<Double> chance(ScenarioJob.Outcome outcome, ScenarioSpec.Target target)
    {
        List<ScenarioSpec.Target> targets = outcome.spec().targets();
        for (int k = 0; k < targets.size(); k++) {
            ScenarioSpec.Target candidate = targets.get(k);
            if (candidate.indicator().equals(target.indicator()) && candidate.value() == target.value() && candidate.year() == target.year()
                    && candidate.region().equals(target.region())) {
                return outcome.result().chance(k, outcome.goals().get(k).region());
            }
        }
        return Optional.empty();
    }

    private static List<CityChances> cityChances(BaseYear base, ScenarioJob.Outcome outcome)
    {
        List<CityChances> rows = new ArrayList<>();
        if (outcome.spec().targets().isEmpty()) {
            return rows;
        }
        for (int region = 1; region <= base.cities().size(); region++) {
            List<Optional<Double>> chances = new ArrayList<>();
            for (int k = 0; k < outcome.spec().targets().size(); k++) {
                chances.add(outcome.result().chance(k, region));
            }
            rows.add(new CityChances(base.cities().get(region - 1), chances));
        }
        return rows;
    }

    private static List<SensitivityTable> sensitivities(ScenarioJob.Outcome outcome)
    {
        List<SensitivityTable> tables = new ArrayList<>();
        for (int k = 0; k < outcome.spec().targets().size(); k++) {
            ScenarioEngine.Reference reference = outcome.result().references().get(k);
            int index = k;
            List<SensitivityRow> rows = new ArrayList<>();
            outcome.result().sensitivities().stream().filter(s -> s.target() == index)
                    .sorted(Comparator.comparingDouble((ScenarioEngine.Sensitivity s) -> -Math.abs(s.p50High() - s.p50Low())))
                    .forEach(s -> rows.add(new SensitivityRow(s.move(), s.move().group() < 0 ? Optional.empty() : Optional.of(ScenarioSpec.GROUPS.get(s.move().group())),
                            s.p50Low(), s.p50High(), s.p50Low() - reference.p50(), s.p50High() - reference.p50(), s.probabilityLow(), s.probabilityHigh())));
            tables.add(new SensitivityTable(outcome.spec().targets().get(k), reference, rows));
        }
        return tables;
    }

    private static List<GoalSeekRow> goalSeeks(ScenarioJob.Outcome outcome)
    {
        List<GoalSeekRow> rows = new ArrayList<>();
        for (ScenarioEngine.GoalSeek seek : outcome.result().goalSeeks()) {
            boolean found = seek.status().found();
            rows.add(new GoalSeekRow(outcome.spec().targets().get(seek.target()), seek.lever(), seek.status(), found ? Optional.of(seek.factor()) : Optional.empty(),
                    seek.probability(), outcome.model().level(seek.lever(), 1), found ? Optional.of(outcome.model().level(seek.lever(), seek.factor())) : Optional.empty()));
        }
        return rows;
    }

    private static List<Comparison> comparisons(ScenarioJob.Result run)
    {
        int baseYear = run.base().year();
        int last = run.outcomes().get(0).spec().horizon();
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < ScenarioSpec.INDICATORS.size(); i++) {
            List<Integer> years = new ArrayList<>();
            for (int t = 0; t <= last; t++) {
                years.add(baseYear + t);
            }
            List<List<Optional<Double>>> medians = new ArrayList<>();
            List<Optional<ScenarioEngine.Quantile>> lasts = new ArrayList<>();
            for (ScenarioJob.Outcome outcome : run.outcomes()) {
                List<Optional<Double>> values = new ArrayList<>();
                for (int t = 0; t <= last; t++) {
                    values.add(t <= outcome.spec().horizon() ? outcome.result().quantile(i, 0, t).map(ScenarioEngine.Quantile::p50) : Optional.empty());
                }
                medians.add(List.copyOf(values));
                lasts.add(outcome.result().quantile(i, 0, last));
            }
            comparisons.add(new Comparison(ScenarioSpec.INDICATORS.get(i), years, medians, lasts));
        }
        return comparisons;
    }
}

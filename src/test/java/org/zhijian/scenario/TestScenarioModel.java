package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The projection's arithmetic, its random numbers and its distributions, without Spark. */
class TestScenarioModel
{
    @TempDir
    Path directory;

    @Test
    void withFixedAssumptionsEveryDrawIsTheDeterministicProjectionWhichFollowsTheFormulas()
            throws IOException
    {
        ScenarioModel model = ScenarioModel.of(ScenarioFixtures.load(directory, "fixed", ScenarioFixtures.fixed("fixed")), ScenarioFixtures.base());
        double[] expected = model.deterministic();
        double[] drawn = new double[model.outputs()];
        for (long draw = 0; draw < 20; draw++) {
            model.simulate(model.variates(draw), drawn);
            assertThat(drawn).containsExactly(expected);
        }
        // Year 0 is the base year: 60 / 400, 4 of 6 brands strategic, 6 brands, 4 of 25 standards adopt.
        assertThat(expected[model.index(0, 0, 0)]).isEqualTo(60.0 / 400);
        assertThat(expected[model.index(1, 0, 0)]).isEqualTo(4.0 / 6);
        assertThat(expected[model.index(2, 0, 0)]).isEqualTo(6.0);
        assertThat(expected[model.index(3, 0, 0)]).isEqualTo(4.0 / 25);
        // Year 1 by hand: every cell gets 2 new brands of 5 each, loses 10%, grows 10% (sales) and 5% (brand sales).
        double sales = 400 * 1.1;
        double brandSales = 60 * 1.05 * 0.9 + 4 * 2 * 5;
        double brands = 6 * 0.9 + 4 * 2;
        double strategic = (3 + 1) * 0.9 + 2 * 2;
        // Adoption per cell + 1 pp, weighted by standards: (0.3·10 + 0.2·10 + 0 + 0.21·5) / 25.
        double adoption = (0.21 * 10 + 0.11 * 10 + 0.21 * 5) / 25;
        assertThat(expected[model.index(0, 0, 1)]).isCloseTo(brandSales / sales, within(1e-12));
        assertThat(expected[model.index(1, 0, 1)]).isCloseTo(strategic / brands, within(1e-12));
        assertThat(expected[model.index(2, 0, 1)]).isCloseTo(brands, within(1e-12));
        assertThat(expected[model.index(3, 0, 1)]).isCloseTo(adoption, within(1e-12));
        // Hangzhou alone (region 1): cells 0 and 1.
        assertThat(expected[model.index(0, 1, 1)]).isCloseTo((50 * 1.05 * 0.9 + 2 * 2 * 5) / (300 * 1.1), within(1e-12));
        // Ningbo's other group has no standards: its adoption does not count.
        assertThat(expected[model.index(3, 2, 1)]).isCloseTo(0.21, within(1e-12));
    }

    @Test
    void aDrawsRandomNumbersDependOnTheSeedAndTheDrawAloneAndMovingALeverMovesEveryDrawOneWay()
            throws IOException
    {
        ScenarioModel model = ScenarioModel.of(ScenarioFixtures.load(directory, "uncertain", ScenarioFixtures.uncertain("uncertain", 100)), ScenarioFixtures.base());
        assertThat(model.variates(42).uniforms()).containsExactly(model.variates(42).uniforms());
        assertThat(model.variates(42).uniforms()).isNotEqualTo(model.variates(43).uniforms());
        assertThat(java.util.Arrays.stream(model.variates(42).uniforms()).boxed().toList()).allSatisfy(u -> assertThat(u).isStrictlyBetween(0.0, 1.0));

        ScenarioModel more = model.with(new ScenarioModel.Move(Assumption.NEW_BRANDS, -1), distribution -> distribution.scaled(2));
        double[] base = new double[model.outputs()];
        double[] moved = new double[model.outputs()];
        for (long draw = 0; draw < 200; draw++) {
            ScenarioModel.Variates variates = model.variates(draw);
            model.simulate(variates, base);
            more.simulate(variates, moved);
            // Same random numbers, twice the new brands: never fewer valid brands, never a lower contribution rate.
            assertThat(moved[model.index(2, 0, 4)]).isGreaterThanOrEqualTo(base[model.index(2, 0, 4)]);
            assertThat(moved[model.index(0, 0, 4)]).isGreaterThanOrEqualTo(base[model.index(0, 0, 4)]);
        }
        assertThat(model.level(Assumption.NEW_BRANDS, 1)).isCloseTo(0.3 * 3 + 0.3 * 2 + 1.5 + 0, within(1e-12));
        assertThat(more.level(Assumption.NEW_BRANDS, 1)).isCloseTo(2 * model.level(Assumption.NEW_BRANDS, 1), within(1e-12));
    }

    @Test
    void distributionsInvertTheirCdf()
    {
        assertThat(RandomStream.normalQuantile(0.975)).isCloseTo(1.959963984540054, within(1e-14));
        assertThat(RandomStream.normalQuantile(0.5)).isCloseTo(0, within(1e-12));
        assertThat(RandomStream.normalQuantile(0.001)).isCloseTo(-3.090232306167813, within(1e-14));
        assertThat(RandomStream.normalQuantile(1e-12)).isCloseTo(-7.034483825301132, within(1e-12));
        // The mean over an even grid of uniforms is the distribution's mean.
        Distribution[] distributions = {new Distribution.Poisson(3.5), new Distribution.Poisson(650), new Distribution.Triangular(0.05, 0.08, 0.12),
                new Distribution.Normal(0.06, 0.02)};
        for (Distribution distribution : distributions) {
            int n = 100_000;
            double sum = 0;
            double previous = -Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                double u = (i + 0.5) / n;
                double value = distribution.sample(u, RandomStream.normalQuantile(u));
                assertThat(value).as(distribution.describe() + " is monotone in u").isGreaterThanOrEqualTo(previous);
                previous = value;
                sum += value;
            }
            assertThat(sum / n).as(distribution.describe()).isCloseTo(distribution.mean(), within(Math.abs(distribution.mean()) * 0.002 + 1e-4));
        }
        assertThat(new Distribution.Triangular(0.05, 0.08, 0.12).sd()).isCloseTo(Math.sqrt((0.0025 + 0.0064 + 0.0144 - 0.004 - 0.006 - 0.0096) / 18), within(1e-12));
        assertThat(ScenarioEngine.step(new Distribution.Fixed(5))).isEqualTo(1.0);
        assertThat(ScenarioEngine.step(new Distribution.Poisson(4))).isEqualTo(2.0);
    }
}

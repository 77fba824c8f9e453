package org.zhijian.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;
import org.zhijian.reference.Division;
import org.zhijian.reference.ReferenceDataLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario files: the shipped ones load; mistakes are reported with their file and line. */
class TestScenarioSpec
{
    private static final Set<String> ZHEJIANG = ReferenceDataLoader.load(Path.of("conf", "reference")).divisions().cities().stream()
            .map(Division::code).collect(Collectors.toSet());

    @TempDir
    Path directory;

    @Test
    void theShippedScenariosLoadAndCoverEveryCityAndGroup()
    {
        for (String name : new String[] {"baseline", "brand-push", "downturn"}) {
            ScenarioSpec spec = ScenarioSpec.load(Path.of("conf", "scenarios", name + ".yaml"), ZHEJIANG);
            assertThat(spec.name()).isEqualTo(name);
            assertThat(spec.draws()).isEqualTo(10_000);
            assertThat(spec.horizon()).isEqualTo(5);
            assertThat(spec.baseYear()).isNull();
            assertThat(spec.targets()).extracting(ScenarioSpec.Target::indicator)
                    .containsExactly("brand_contribution_rate", "strategic_brand_share", "intl_adoption_rate");
            assertThat(spec.resolve(ZHEJIANG.stream().sorted().toList())).hasSize(22);
            assertThat(spec.sha256()).hasSize(64);
        }
        ScenarioSpec baseline = ScenarioSpec.load(Path.of("conf", "scenarios", "baseline.yaml"), ZHEJIANG);
        // Later rules win: Hangzhou's strategic group has the strategic share of new brands and Hangzhou's adoption.
        var hangzhou = baseline.resolve(ZHEJIANG.stream().sorted().toList()).get(new ScenarioSpec.Cell("330100", "strategic"));
        assertThat(hangzhou.get(Assumption.NEW_BRANDS)).isEqualTo(new Distribution.PoissonShare(0.15));
        assertThat(hangzhou.get(Assumption.ADOPTION_CHANGE)).isEqualTo(new Distribution.Normal(0.011, 0.004));
        assertThat(baseline.tableName()).isEqualTo("baseline");
        assertThat(ScenarioSpec.load(Path.of("conf", "scenarios", "brand-push.yaml"), ZHEJIANG).tableName()).isEqualTo("brand_push");
    }

    @Test
    void mistakesNameTheFileLineAndKey()
            throws IOException
    {
        String good = ScenarioFixtures.uncertain("bad", 100);
        assertError(good.replace("sd: 0.02}}\nassumptions", "sd: -0.02}}\nassumptions"), "bad.yaml:5: shock.normal: sd must not be negative, not -0.02");
        assertError(good.replace("attrition: {triangular: {min: 0.05, mode: 0.08, max: 0.12}}", "attrition: {triangular: {min: 0.09, mode: 0.08, max: 0.12}}"),
                "bad.yaml:10: assumptions[0].attrition.triangular: triangular needs min ≤ mode ≤ max");
        assertError(good.replace("cities: [330200]", "cities: [330299]"), "bad.yaml:13: assumptions[1].cities[0]: '330299' is not a city code");
        assertError(good.replace("new_brand_sales:", "new_brand_sale:"), "bad.yaml:11: assumptions[0]: unknown key 'new_brand_sale' (known here: adoption_change, attrition,");
        assertError(good.replace("new_brands: {poisson: 1.5}", "new_brands: {normal: {mean: 1.5, sd: 1}}"),
                "bad.yaml:15: assumptions[1].new_brands: new brands are a count per year");
        assertError(good.replace("year: 2029}\n  - {indicator: intl", "year: 2031}\n  - {indicator: intl").replace("horizon: 4", "horizon: 4\nbase_year: 2025"),
                "bad.yaml:18: targets: year 2031 is outside the projection 2026–2029");
        assertError(good.replace("indicator: intl_adoption_rate", "indicator: sampling_pass_rate"), "bad.yaml:18: targets[1].indicator: a scenario projects");
        assertError(good.replace("draws: 100", "draws: lots"), "bad.yaml:3: draws: expected a whole number, not 'lots'");
        assertError(good.replace("    adoption_change: {normal: {mean: 0.01, sd: 0.005}}\n", ""),
                "bad.yaml: no rule of 'assumptions' gives adoption_change for city 330100, group strategic");
        assertError(good.replace("value: 0.2, year: 2029}\n  - {indicator: intl", "value: 20, year: 2029}\n  - {indicator: intl"),
                "bad.yaml:17: targets[0].value: brand_contribution_rate is a rate: write 0.35 for 35%, not 20.0");
        assertError("name: x\nassumptions: [\n", "bad.yaml:3: not valid YAML");
    }

    private void assertError(String yaml, String message)
    {
        assertThatThrownBy(() -> ScenarioFixtures.load(directory, "bad", yaml)).isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }
}

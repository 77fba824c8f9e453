package org.zhijian.indicators.credit;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.zhijian.config.ConfigException;
import org.zhijian.indicators.Facts;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.zhijian.indicators.FactRows.of;
import static org.zhijian.indicators.FactRows.row;

/**
 * The scorecard of conf/credit_scorecard.yaml on records that can be checked on paper
 * (base 80; window 24 months to 31 December; A ≥ 90, B ≥ 75, C ≥ 60).
 */
class TestCreditRatings
{
    private static final CreditScorecard SCORECARD = CreditScorecard.load(Path.of("conf", "credit_scorecard.yaml"));
    private static Map<String, Row> ratings;

    @BeforeAll
    static void rate()
    {
        String inspections = "county_code STRING, city_code STRING, date DATE, batch_id STRING, result STRING, category STRING, food BOOLEAN, high_risk BOOLEAN, credit_code STRING";
        Map<String, Dataset<Row>> facts = new java.util.TreeMap<>();
        facts.put(Facts.INSPECTIONS, of(inspections,
                // E1: four passes in 2025 (+6, the cap); one on 2023-12-31, just outside 2025's window but inside 2024's.
                row("330106", "330100", "2025-03-01", "B1", "合格", "电冰箱", false, false, "E1"),
                row("330106", "330100", "2025-06-01", "B2", "合格", "电冰箱", false, false, "E1"),
                row("330106", "330100", "2025-09-01", "B3", "合格", "电冰箱", false, false, "E1"),
                row("330106", "330100", "2025-11-01", "B7", "合格", "电冰箱", false, false, "E1"),
                row("330106", "330100", "2023-12-31", "B0", "合格", "电冰箱", false, false, "E1"),
                // E2: a failed food batch (−15) and a failed ordinary batch (−10) in 2024.
                row("330212", "330200", "2024-05-01", "B4", "不合格", "大米", true, false, "E2"),
                row("330212", "330200", "2024-07-01", "B5", "不合格", "皮鞋", false, false, "E2"),
                // An unlicensed producer's batch rates nobody.
                row("330212", "330200", "2025-07-01", "B6", "不合格", "皮鞋", false, false, null)));
        facts.put(Facts.CASES, of("county_code STRING, city_code STRING, date DATE, case_id STRING, violation STRING, credit_code STRING",
                // E3: a counterfeiting case in 2024 forces D in 2024 and 2025 (24 months), not in 2026.
                row("330212", "330200", "2024-02-01", "C1", "制假售假", "E3"),
                // E2: a labelling case (other, −10) in 2025.
                row("330212", "330200", "2025-01-10", "C2", "标识违法", "E2")));
        facts.put(Facts.BRANDS_VALID, of("county_code STRING, city_code STRING, credit_code STRING, brand_id STRING, brand_name STRING, level STRING, "
                        + "valid_from DATE, valid_until DATE, revoked_on DATE",
                // E1 and E3 hold a brand through 2025 (+8); E3's second brand ran out on 2025-06-30.
                row("330106", "330100", "E1", "BR1", "甲牌", "浙江名牌", "2023-01-01", "2026-12-31", null),
                row("330212", "330200", "E3", "BR2", "乙牌", "浙江制造", "2023-01-01", "2027-12-31", null),
                row("330212", "330200", "E3", "BR3", "丙牌", "浙江名牌", "2022-07-01", "2025-06-30", null)));
        facts.put(Facts.STANDARDS_IN_FORCE, of("county_code STRING, city_code STRING, credit_code STRING, standard_no STRING, role STRING, adoption STRING, "
                        + "valid_from DATE, valid_until DATE, revoked_on DATE",
                // E1 led a standard adopting ISO (+4, +2) from 2025.
                row("330106", "330100", "E1", "GB/T 1-2025", "主导制定", "IDT", "2025-02-01", null, null)));
        Dataset<Row> enterprises = of("credit_code STRING, enterprise_name STRING, county_code STRING, city_code STRING",
                row("E1", "甲公司", "330106", "330100"), row("E2", "乙公司", "330212", "330200"), row("E3", "丙公司", "330212", "330200"),
                row("E4", "丁公司", "330212", "330200"));
        ratings = new HashMap<>();
        for (Row rating : new CreditRatings(SharedSpark.session(), SCORECARD).compute(facts, enterprises, 2024, 2026).collectAsList()) {
            ratings.put(rating.getAs("credit_code") + "|" + rating.getAs("year"), rating);
        }
    }

    @Test
    void scoresAreTheBasePlusCappedPointsWithTheirReasons()
    {
        // E1 2025: 80 + 6 (4 passes, capped) + 8 (brand) + 4 (led) + 2 (adopted) = 100 → A.
        Row e1 = ratings.get("E1|2025");
        assertThat((double) e1.getAs("score")).isEqualTo(100.0);
        assertThat((String) e1.getAs("grade")).isEqualTo("A");
        assertThat((String) e1.getAs("enterprise_name")).isEqualTo("甲公司");
        List<Row> reasons = e1.getList(e1.fieldIndex("reasons"));
        assertThat(reasons).extracting(reason -> reason.getString(0)).containsExactly("sampling_passed", "brand_valid", "standard_led", "standard_adopted");
        Row passed = reasons.get(0);
        assertThat(passed.getLong(1)).isEqualTo(4);
        assertThat(passed.getDouble(2)).isEqualTo(6.0);
        assertThat(passed.getString(3)).isEqualTo("2025-03-01 电冰箱 B1; 2025-06-01 电冰箱 B2; 2025-09-01 电冰箱 B3; …（共 4 条）");
        // E1 2024: the 2023 pass (+2) and the brand (+8) → 90 → A.
        assertThat((double) ratings.get("E1|2024").getAs("score")).isEqualTo(90.0);
        // E2 2024: 80 − 15 − 10 = 55 → D; 2025: the failures are still within 24 months, plus a case: 45 → D; 2026: only the case: 70 → C.
        assertThat((double) ratings.get("E2|2024").getAs("score")).isEqualTo(55.0);
        assertThat((double) ratings.get("E2|2025").getAs("score")).isEqualTo(45.0);
        assertThat((String) ratings.get("E2|2026").getAs("grade")).isEqualTo("C");
        assertThat((double) ratings.get("E2|2026").getAs("score")).isEqualTo(70.0);
    }

    @Test
    void aCounterfeitingCaseForcesDForTwentyFourMonths()
    {
        // E3 2025: 80 − 40 + 8 (only BR2 stands on 31 December) = 48, forced D anyway; 2026: the case has aged out → 80 + 8 = 88 → B.
        Row e3 = ratings.get("E3|2025");
        assertThat((String) e3.getAs("grade")).isEqualTo("D");
        assertThat((boolean) e3.getAs("forced")).isTrue();
        assertThat((double) e3.getAs("score")).isEqualTo(48.0);
        assertThat((String) ratings.get("E3|2024").getAs("grade")).isEqualTo("D");
        // 2024: 80 − 40 + 16 (two brands, capped at 16) = 56.
        assertThat((double) ratings.get("E3|2024").getAs("score")).isEqualTo(56.0);
        Row e3Later = ratings.get("E3|2026");
        assertThat((String) e3Later.getAs("grade")).isEqualTo("B");
        assertThat((boolean) e3Later.getAs("forced")).isFalse();
    }

    @Test
    void enterprisesWithoutRecordsAreNotRated()
    {
        assertThat(ratings.keySet()).noneMatch(key -> key.startsWith("E4|"));
        assertThat(ratings).doesNotContainKey("null|2025");
    }

    @Test
    void theJavaScorecardAgreesWithItsRules()
    {
        CreditScorecard.Rule passed = SCORECARD.rules().stream().filter(rule -> rule.id().equals("sampling_passed")).findFirst().orElseThrow();
        CreditScorecard.Rule failed = SCORECARD.rules().stream().filter(rule -> rule.id().equals("sampling_failed")).findFirst().orElseThrow();
        assertThat(passed.points(2)).isEqualTo(4.0);
        assertThat(passed.points(10)).isEqualTo(6.0);
        assertThat(failed.points(5)).isEqualTo(-30.0);
        assertThat(SCORECARD.grade(SCORECARD.score(25), false)).isEqualTo("A");
        assertThat(SCORECARD.score(25)).isEqualTo(100.0);
        assertThat(SCORECARD.grade(75, false)).isEqualTo("B");
        assertThat(SCORECARD.grade(95, true)).isEqualTo("D");
    }

    @Test
    void aBrokenScorecardIsRefusedWithItsRule(@org.junit.jupiter.api.io.TempDir Path directory)
            throws java.io.IOException
    {
        Path file = directory.resolve("credit_scorecard.yaml");
        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(Path.of("conf", "credit_scorecard.yaml")).replace("cap: -45", "cap: 45"));
        assertThatThrownBy(() -> CreditScorecard.load(file, org.zhijian.indicators.Facts.load(Path.of("conf")))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("rule sampling_failed_priority").hasMessageContaining("one sign");
    }
}

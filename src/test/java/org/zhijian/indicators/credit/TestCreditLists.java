package org.zhijian.indicators.credit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** The red and black lists on hand-made histories: entries, exits and the changes between years. */
class TestCreditLists
{
    private static final CreditScorecard SCORECARD = CreditScorecard.load(Path.of("conf", "credit_scorecard.yaml"));
    private static final CreditListSettings SETTINGS = CreditListSettings.load(Path.of("conf", "credit_lists.yaml"), SCORECARD);

    @Test
    void entriesExitsAndChangesFollowTheRules()
    {
        List<CreditLists.Rating> ratings = new ArrayList<>();
        grades(ratings, "E1", 2021, "A", "A", "A", "A", "A");     // a failed batch in 2024 ends its red spell
        grades(ratings, "E2", 2022, "A", "A", "A", "A");          // red from 2024, kept
        grades(ratings, "E3", 2023, "D", "C", "B");               // black for 2023's D, off after 24 months
        grades(ratings, "E4", 2024, "B", "B");                    // a counterfeiting case lists it
        grades(ratings, "E5", 2023, "A", "A", "A");               // three A years, but a case in 2025: black, not red
        grades(ratings, "E6", 2021, "A", "A", "A", "A", "B");     // graded B in 2025: off the red list
        List<CreditLists.Event> events = List.of(
                new CreditLists.Event("E1", LocalDate.parse("2024-05-10"), CreditLists.Kind.FAILED_BATCH, "电线电缆", "B1"),
                new CreditLists.Event("E4", LocalDate.parse("2024-03-01"), CreditLists.Kind.CASE, "制假售假", "C1"),
                new CreditLists.Event("E5", LocalDate.parse("2025-06-01"), CreditLists.Kind.CASE, "无证生产", "C2"),
                // A case of another violation bars the red list but lists nobody black.
                new CreditLists.Event("E2", LocalDate.parse("2020-02-02"), CreditLists.Kind.CASE, "标识标注不规范", "C3"));

        List<CreditLists.Entry> entries = new CreditLists(SETTINGS).evaluate(ratings, events, 2023, 2025);

        assertThat(entries).extracting(CreditLists.Entry::year, CreditLists.Entry::list, CreditLists.Entry::change, CreditLists.Entry::creditCode).containsExactly(
                tuple(2023, "black", CreditLists.Change.ADDED, "E3"),
                tuple(2023, "red", CreditLists.Change.ADDED, "E1"),
                tuple(2023, "red", CreditLists.Change.ADDED, "E6"),
                tuple(2024, "black", CreditLists.Change.ADDED, "E4"),
                tuple(2024, "black", CreditLists.Change.KEPT, "E3"),
                tuple(2024, "red", CreditLists.Change.ADDED, "E2"),
                tuple(2024, "red", CreditLists.Change.KEPT, "E6"),
                tuple(2024, "red", CreditLists.Change.REMOVED, "E1"),
                tuple(2025, "black", CreditLists.Change.ADDED, "E5"),
                tuple(2025, "black", CreditLists.Change.KEPT, "E4"),
                tuple(2025, "black", CreditLists.Change.REMOVED, "E3"),
                tuple(2025, "red", CreditLists.Change.KEPT, "E2"),
                tuple(2025, "red", CreditLists.Change.REMOVED, "E6"));
        assertThat(reason(entries, 2023, "red", "E1")).isEqualTo("2021–2023 年连续 3 年信用等级 A，其间无抽查不合格、无质量违法案件");
        assertThat(english(entries, 2023, "red", "E1")).isEqualTo("grade A in each of 2021–2023, with no failed batch and no case");
        assertThat(reason(entries, 2024, "red", "E1")).isEqualTo("2024-05-10 抽查不合格（电线电缆 B1）");
        assertThat(reason(entries, 2025, "red", "E6")).isEqualTo("2025 年信用等级 B");
        assertThat(english(entries, 2025, "red", "E6")).isEqualTo("graded B in 2025");
        assertThat(reason(entries, 2023, "black", "E3")).isEqualTo("2023 年信用等级 D");
        assertThat(reason(entries, 2024, "black", "E4")).isEqualTo("2024-03-01 制假售假案件 C1");
        assertThat(english(entries, 2024, "black", "E4")).isEqualTo("制假售假 case C1 opened 2024-03-01");
        assertThat(reason(entries, 2025, "black", "E3")).isEqualTo("最近一次失信记录（2023 年信用等级 D）已满 24 个月");
        assertThat(english(entries, 2025, "black", "E3")).isEqualTo("24 months have passed since its latest entry (graded D in 2023)");
        // The entry names the enterprise as rated that year, and its grade then.
        CreditLists.Entry e5 = entries.stream().filter(entry -> entry.creditCode().equals("E5")).findFirst().orElseThrow();
        assertThat(e5.name()).isEqualTo("E5公司");
        assertThat(e5.grade()).isEqualTo("A");
        assertThat(e5.cityCode()).isEqualTo("330100");
    }

    @Test
    void aBlackEntryCountsFromItsOwnDateAndAnEarlierRedSpellEndsOnIt()
    {
        // Red in 2024 (A 2022–2024); an unlicensed-production case opened 2025-12-31 puts it black in 2025, and off red "for the black list".
        List<CreditLists.Rating> ratings = new ArrayList<>();
        grades(ratings, "E7", 2022, "A", "A", "A", "A");
        List<CreditLists.Event> events = List.of(new CreditLists.Event("E7", LocalDate.parse("2025-12-31"), CreditLists.Kind.CASE, "无证生产", "C9"));
        List<CreditLists.Entry> entries = new CreditLists(SETTINGS).evaluate(ratings, events, 2025, 2027);
        assertThat(entries).extracting(CreditLists.Entry::year, CreditLists.Entry::list, CreditLists.Entry::change).containsExactly(
                tuple(2025, "black", CreditLists.Change.ADDED), tuple(2025, "red", CreditLists.Change.REMOVED),
                // Listed at the end of 2025 and of 2026; at the end of 2027 its 24 months have passed: off.
                tuple(2026, "black", CreditLists.Change.KEPT),
                tuple(2027, "black", CreditLists.Change.REMOVED));
        assertThat(reason(entries, 2025, "red", "E7")).isEqualTo("列入失信惩戒名单");
    }

    @Test
    void settingsAreChecked(@TempDir Path directory)
            throws java.io.IOException
    {
        String shipped = Files.readString(Path.of("conf", "credit_lists.yaml"));
        Path unknown = Files.writeString(directory.resolve("a.yaml"), shipped.replace("grade: A", "grade: AAA"));
        assertThatThrownBy(() -> CreditListSettings.load(unknown, SCORECARD)).isInstanceOf(ConfigException.class)
                .hasMessage(unknown + ": red.grade must be one of the scorecard's grades [A, B, C, D], not AAA");
        Path both = Files.writeString(directory.resolve("b.yaml"), shipped.replace("grades: [D]", "grades: [A, D]"));
        assertThatThrownBy(() -> CreditListSettings.load(both, SCORECARD)).hasMessage(both + ": grade A cannot both earn the red list and put on the black one");
    }

    private static void grades(List<CreditLists.Rating> ratings, String code, int firstYear, String... grades)
    {
        for (int i = 0; i < grades.length; i++) {
            ratings.add(new CreditLists.Rating(code, code + "公司", "330102", "330100", firstYear + i, grades[i]));
        }
    }

    private static String reason(List<CreditLists.Entry> entries, int year, String list, String code)
    {
        return find(entries, year, list, code).reasonZh();
    }

    private static String english(List<CreditLists.Entry> entries, int year, String list, String code)
    {
        return find(entries, year, list, code).reasonEn();
    }

    private static CreditLists.Entry find(List<CreditLists.Entry> entries, int year, String list, String code)
    {
        return entries.stream().filter(entry -> entry.year() == year && entry.list().equals(list) && entry.creditCode().equals(code)).findFirst().orElseThrow();
    }
}

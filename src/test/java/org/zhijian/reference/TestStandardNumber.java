package org.zhijian.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.reference.StandardNumber.Kind.ENTERPRISE;
import static org.zhijian.reference.StandardNumber.Kind.GROUP;
import static org.zhijian.reference.StandardNumber.Kind.INDUSTRY;
import static org.zhijian.reference.StandardNumber.Kind.INTERNATIONAL;
import static org.zhijian.reference.StandardNumber.Kind.LOCAL;
import static org.zhijian.reference.StandardNumber.Kind.NATIONAL;

class TestStandardNumber
{
    @Test
    void parsesEveryKindOfDomainMd()
    {
        assertKind("GB 4806.7-2016", NATIONAL, "GB", 2016);
        assertKind("GB/T 19001-2016", NATIONAL, "GB/T", 2016);
        assertKind("GB/Z 1234-2020", NATIONAL, "GB/Z", 2020);
        assertKind("GB/T 2828.1-87", NATIONAL, "GB/T", 1987);
        assertKind("QB/T 1333-2018", INDUSTRY, "QB/T", 2018);
        assertKind("FZ/T 73020-2019", INDUSTRY, "FZ/T", 2019);
        assertKind("DB/T 12-2019", INDUSTRY, "DB/T", 2019);
        assertKind("DB33/T 1234-2021", LOCAL, "DB33/T", 2021);
        assertKind("DB33/ 868-2013", LOCAL, "DB33/", 2013);
        assertKind("T/CAS 290-2017", GROUP, "T/CAS", 2017);
        assertKind("T/ZZB 0123-2019", GROUP, "T/ZZB", 2019);
        assertKind("Q/ABC 0001-2018", ENTERPRISE, "Q/ABC", 2018);
        assertKind("ISO 9001:2015", INTERNATIONAL, "ISO", 2015);
        assertKind("IEC 60335-1:2020", INTERNATIONAL, "IEC", 2020);
        assertKind("ISO/IEC 17025:2017", INTERNATIONAL, "ISO/IEC", 2017);
    }

    @Test
    void keepsTheAdoptedStandardOfDoubleNumbering()
    {
        StandardNumber number = StandardNumber.parse("GB/T 19001-2016/ISO 9001:2015").orElseThrow();
        assertThat(number.kind()).isEqualTo(NATIONAL);
        assertThat(number.number()).isEqualTo("19001");
        assertThat(number.adopted()).contains("ISO 9001:2015");
    }

    @Test
    void rejectsWhatIsNoStandardNumber()
    {
        for (String bad : new String[] {"国标19001", "ABC 123-2019", "GB/X 1234-2019", "XYZ", "T/ 0123-2019", "GB/T 19001", "", "GB/T 19001-2016/XYZ"}) {
            assertThat(StandardNumber.parse(bad)).as(bad).isEmpty();
        }
        assertThat(StandardNumber.parse(null)).isEmpty();
    }

    private static void assertKind(String text, StandardNumber.Kind kind, String prefix, int year)
    {
        StandardNumber number = StandardNumber.parse(text).orElseThrow(() -> new AssertionError("did not parse " + text));
        assertThat(number.kind()).as(text).isEqualTo(kind);
        assertThat(number.prefix()).as(text).isEqualTo(prefix);
        assertThat(number.year()).as(text).isEqualTo(year);
    }
}

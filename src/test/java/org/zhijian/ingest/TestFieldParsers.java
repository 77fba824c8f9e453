package org.zhijian.ingest;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestFieldParsers
{
    @Test
    void datesInEverySpellingOfTheSpec()
    {
        LocalDate expected = LocalDate.of(2023, 5, 9);
        for (String text : new String[] {"2023-05-09", "2023-5-9", "2023/5/9", "2023/05/09", "20230509", "2023年5月9日", "45055", "45055.0", " 2023-05-09 ", "2023-05-09 00:00:00"}) {
            assertThat(FieldParsers.date(text)).as(text).contains(expected);
        }
        for (String text : new String[] {"2021-13-45", "2019/2/30", "2020年13月1日", "去年三月", "2021.05.06", "N/A", "", "2023-05", "60"}) {
            assertThat(FieldParsers.date(text)).as(text).isEmpty();
        }
        assertThat(FieldParsers.excelSerial(1)).contains(LocalDate.of(1900, 1, 1));
        assertThat(FieldParsers.excelSerial(61)).contains(LocalDate.of(1900, 3, 1));
    }

    @Test
    void booleans()
    {
        for (String yes : new String[] {"是", "Y", "y", "true", "TRUE", "1", "yes"}) {
            assertThat(FieldParsers.bool(yes)).as(yes).contains(true);
        }
        for (String no : new String[] {"否", "N", "false", "0", "No"}) {
            assertThat(FieldParsers.bool(no)).as(no).contains(false);
        }
        for (String bad : new String[] {"可能", "待定", "2", "-", ""}) {
            assertThat(FieldParsers.bool(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void numbersWithThousandsSeparators()
    {
        assertThat(FieldParsers.amount("12,345.678")).map(Object::toString).contains("12345.6780");
        assertThat(FieldParsers.amount("-1,000")).map(Object::toString).contains("-1000.0000");
        assertThat(FieldParsers.amount("0.00005")).map(Object::toString).contains("0.0001");
        assertThat(FieldParsers.integer("1,200")).contains(1200L);
        assertThat(FieldParsers.integer("12.0")).contains(12L);
        assertThat(FieldParsers.integer("12.5")).isEmpty();
        for (String bad : new String[] {"12,3a4.5", "N/A", "一万二", "1.2.3", "1,23", "12,34,567", ",", ""}) {
            assertThat(FieldParsers.number(bad)).as(bad).isEmpty();
        }
        assertThat(FieldParsers.year("2024")).contains(2024);
        assertThat(FieldParsers.year("2024年")).contains(2024);
        assertThat(FieldParsers.year("1850")).isEqualTo(Optional.empty());
    }
}

package org.zhijian.lake;

import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.zhijian.spark.SharedSpark;

import static org.assertj.core.api.Assertions.assertThat;

/** The Java and SQL forms of the masking rule give the same results. */
class TestPersonalData
{
    private static final List<String> VALUES = List.of("", "张三丰", "欧阳娜娜", "A", "𠀀名字", "13812345678", "0574-87654321", "1234567", "12345678", "+86 138 1234 5678", "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇");

    @Test
    void javaAndSqlMaskAlike()
    {
        SparkSession spark = SharedSpark.session();
        for (String column : List.of("legal_rep", "phone")) {
            List<String> expected = new ArrayList<>();
            StringBuilder values = new StringBuilder();
            for (String value : VALUES) {
                expected.add(PersonalData.mask(column, value));
                values.append(values.length() == 0 ? "" : ", ").append("('").append(value).append("')");
            }
            expected.add(null);
            values.append(", (CAST(NULL AS STRING))");
            List<String> actual = spark.sql("SELECT " + PersonalData.maskSql(column, "v") + " FROM VALUES " + values + " AS t(v)").collectAsList()
                    .stream().map(row -> row.getString(0)).toList();
            assertThat(actual).as(column).isEqualTo(expected);
        }
        assertThat(PersonalData.mask("phone", "13812345678")).isEqualTo("138****5678");
        assertThat(PersonalData.mask("legal_rep", "张三丰")).isEqualTo("张**");
    }
}

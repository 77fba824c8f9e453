package org.zhijian.indicators;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.zhijian.spark.SharedSpark;

/** Small hand-written fact tables: a DDL schema and rows whose dates are written as text. */
public final class FactRows
{
    private FactRows() {}

    public static Dataset<Row> of(String ddl, Object[]... rows)
    {
        StructType schema = StructType.fromDDL(ddl);
        List<Row> converted = Arrays.stream(rows).map(values -> {
            Object[] row = values.clone();
            for (int i = 0; i < row.length; i++) {
                if (schema.fields()[i].dataType().equals(DataTypes.DateType) && row[i] instanceof String text) {
                    row[i] = LocalDate.parse(text);
                }
            }
            return RowFactory.create(row);
        }).toList();
        return SharedSpark.session().createDataFrame(converted, schema);
    }

    public static Object[] row(Object... values)
    {
        return values;
    }
}

package org.zhijian.export;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** Writes exported rows one at a time, then the workbook's dictionary and metadata. */
interface ExportWriter
        extends Closeable
{
    /**
     * @param masked indexes of the columns whose values are masked
     */
    void begin(StructType schema, Set<Integer> masked)
            throws IOException;

    void write(Row row)
            throws IOException;

    /** Ends the data; {@code metadata} is what the metadata sheet says (CSV has no place for it). */
    void finish(List<Map.Entry<String, String>> metadata)
            throws IOException;

    /** Text cells that a spreadsheet would read as a formula start with one of these. */
    static boolean looksLikeFormula(String value)
    {
        if (value.isEmpty()) {
            return false;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }
}

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

    /**
     * Arrays, structs and maps (credit reasons, composite sub-scores) as compact JSON text, so a
     * spreadsheet cell shows them readably; anything else as its string.
     */
    static String nestedText(Object value)
    {
        if (value == null) {
            return "null";
        }
        if (value instanceof Row row) {
            if (row.schema() != null) {
                return row.json();
            }
            StringBuilder text = new StringBuilder("[");
            for (int i = 0; i < row.length(); i++) {
                text.append(i == 0 ? "" : ",").append(nestedText(row.get(i)));
            }
            return text.append(']').toString();
        }
        if (value instanceof scala.collection.Map<?, ?> map) {
            StringBuilder text = new StringBuilder("{");
            scala.jdk.javaapi.CollectionConverters.asJava(map).forEach((key, entry) ->
                    text.append(text.length() == 1 ? "" : ",").append(quoted(String.valueOf(key))).append(':').append(nestedText(entry)));
            return text.append('}').toString();
        }
        if (value instanceof scala.collection.Iterable<?> items) {
            StringBuilder text = new StringBuilder("[");
            scala.jdk.javaapi.CollectionConverters.asJava(items).forEach(item -> text.append(text.length() == 1 ? "" : ",").append(nestedText(item)));
            return text.append(']').toString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return quoted(value.toString());
    }

    private static String quoted(String text)
    {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(text);
        }
        catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

package org.zhijian.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.zhijian.io.CsvWriter;

/**
 * CSV for spreadsheets: UTF-8 with a byte-order mark (so Excel detects it) or GB18030, RFC 4180
 * quoting, CRLF line ends. Text that a spreadsheet would take for a formula gets a leading
 * single quote; numbers stay numbers.
 */
final class CsvExportWriter
        implements ExportWriter
{
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CsvWriter csv;
    private final ZoneId zone;
    private StructField[] fields;
    private Set<Integer> masked;

    CsvExportWriter(OutputStream output, Charset charset, ZoneId zone)
            throws IOException
    {
        if (charset.equals(StandardCharsets.UTF_8)) {
            output.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        this.csv = new CsvWriter(new BufferedWriter(new OutputStreamWriter(output, charset), 1 << 16), "\r\n");
        this.zone = zone;
    }

    @Override
    public void begin(StructType schema, Set<Integer> masked)
            throws IOException
    {
        this.fields = schema.fields();
        this.masked = masked;
        List<String> header = new ArrayList<>();
        for (StructField field : fields) {
            header.add(guard(field.name()));
        }
        csv.write(header);
    }

    @Override
    public void write(Row row)
            throws IOException
    {
        List<String> values = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            values.add(text(row.get(i), i));
        }
        csv.write(values);
    }

    private String text(Object value, int column)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof String text) {
            return guard(text);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        if (value instanceof Double || value instanceof Float) {
            return BigDecimal.valueOf(((Number) value).doubleValue()).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof java.time.LocalDate) {
            return value.toString();
        }
        if (value instanceof Instant instant) {
            return TIMESTAMP.format(LocalDateTime.ofInstant(instant, zone));
        }
        if (value instanceof LocalDateTime local) {
            return TIMESTAMP.format(local);
        }
        if (value instanceof Row || value instanceof scala.collection.Iterable<?>) {
            return ExportWriter.nestedText(value);
        }
        return guard(value.toString());
    }

    private static String guard(String text)
    {
        return ExportWriter.looksLikeFormula(text) ? "'" + text : text;
    }

    @Override
    public void finish(List<Map.Entry<String, String>> metadata)
            throws IOException
    {
        // A CSV file has no place for metadata; the command prints it.
        csv.flush();
    }

    @Override
    public void close()
            throws IOException
    {
        csv.close();
    }
}

package org.zhijian.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

import static java.util.Objects.requireNonNull;

/** Writes RFC 4180 CSV: fields with commas, quotes or line breaks are quoted; lines end in CRLF or LF. */
public final class CsvWriter
        implements Closeable
{
    private final Writer writer;
    private final String lineEnd;

    public CsvWriter(Writer writer, String lineEnd)
    {
        this.writer = requireNonNull(writer, "writer is null");
        this.lineEnd = requireNonNull(lineEnd, "lineEnd is null");
    }

    public void write(List<String> fields)
            throws IOException
    {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writeField(fields.get(i));
        }
        writer.write(lineEnd);
    }

    public void write(String[] fields)
            throws IOException
    {
        write(java.util.Arrays.asList(fields));
    }

    /** One record as CSV text without a line end, quoting fields as RFC 4180 requires. */
    public static String line(List<String> fields)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(quote(fields.get(i)));
        }
        return line.toString();
    }

    private void writeField(String value)
            throws IOException
    {
        writer.write(quote(value));
    }

    private static String quote(String value)
    {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return needsQuotes(value) ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    private static boolean needsQuotes(String value)
    {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    public void flush()
            throws IOException
    {
        writer.flush();
    }

    @Override
    public void close()
            throws IOException
    {
        writer.close();
    }
}

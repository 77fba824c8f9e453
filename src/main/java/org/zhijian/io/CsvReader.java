package org.zhijian.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * A streaming RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks;
 * records end in LF, CRLF or CR. A leading byte-order mark is skipped. Memory use is one record.
 */
public final class CsvReader
        implements Iterator<CsvRecord>, Closeable
{
    private static final int EOF = -1;

    private final Reader reader;
    private final char[] buffer;
    private int position;
    private int limit;
    private long line;
    private boolean atStart;
    private CsvRecord next;
    private boolean finished;

    public CsvReader(Reader reader)
    {
        this(reader, 1, true);
    }

    /**
     * A reader of part of a file: records are numbered from {@code firstLine}, and a byte-order
     * mark is skipped only when the part is the start of the file.
     */
    public CsvReader(Reader reader, long firstLine, boolean startOfFile)
    {
        this(reader, firstLine, startOfFile, 1 << 16);
    }

    private CsvReader(Reader reader, long firstLine, boolean startOfFile, int bufferSize)
    {
        this.buffer = new char[bufferSize];
        this.reader = requireNonNull(reader, "reader is null");
        this.line = firstLine;
        this.atStart = startOfFile;
    }

    /** The fields of one record's text (its line break, if any, ends it). */
    public static List<String> fields(String record)
    {
        CsvReader reader = new CsvReader(new java.io.StringReader(record), 1, false, Math.max(16, record.length()));
        return reader.hasNext() ? reader.next().fields() : List.of("");
    }

    @Override
    public boolean hasNext()
    {
        if (next == null && !finished) {
            next = readRecord();
            finished = next == null;
        }
        return next != null;
    }

    @Override
    public CsvRecord next()
    {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CsvRecord record = next;
        next = null;
        return record;
    }

    @Override
    public void close()
            throws IOException
    {
        reader.close();
    }

    private CsvRecord readRecord()
    {
        int c = read();
        if (atStart) {
            atStart = false;
            if (c == '\uFEFF') {
                c = read();
            }
        }
        if (c == EOF) {
            return null;
        }
        long startLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        while (true) {
            if (c == EOF) {
                fields.add(field.toString());
                return new CsvRecord(startLine, fields, text.toString());
            }
            if (quoted) {
                if (c == '"') {
                    int following = read();
                    if (following == '"') {
                        field.append('"');
                        text.append("\"\"");
                    }
                    else {
                        quoted = false;
                        text.append('"');
                        c = following;
                        continue;
                    }
                }
                else {
                    if (c == '\n' || (c == '\r' && peek() != '\n')) {
                        line++;
                    }
                    field.append((char) c);
                    text.append((char) c);
                }
            }
            else if (c == '"' && !fieldStarted) {
                quoted = true;
                fieldStarted = true;
                text.append('"');
            }
            else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = false;
                text.append(',');
            }
            else if (c == '\n' || c == '\r') {
                if (c == '\r' && peek() == '\n') {
                    read();
                }
                line++;
                fields.add(field.toString());
                return new CsvRecord(startLine, fields, text.toString());
            }
            else {
                field.append((char) c);
                text.append((char) c);
                fieldStarted = true;
            }
            c = read();
        }
    }

    private int read()
    {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position++];
    }

    private int peek()
    {
        if (position == limit && !fill()) {
            return EOF;
        }
        return buffer[position];
    }

    private boolean fill()
    {
        try {
            int count = reader.read(buffer, 0, buffer.length);
            if (count <= 0) {
                return false;
            }
            position = 0;
            limit = count;
            return true;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

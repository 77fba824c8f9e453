package org.zhijian.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a stream of CSV bytes into records before anything is decoded, with the same quote
 * rules as {@link CsvScanner} and {@link org.zhijian.io.CsvReader}: a quoted field keeps its
 * commas and line breaks (LF, CRLF and a bare CR alike), a record ends at an unquoted line break.
 * Each record is then decoded on its own, so a line in another encoding or with damaged bytes is
 * that line's problem, not the file's. A record longer than the limit is read to its end without
 * being kept: only its first bytes are, for the quarantine.
 */
final class CsvRecordBytes
{
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    /** How much of a record past the limit is kept to show where it was. */
    static final int PREVIEW = 200;

    private final InputStream input;
    private final long maxBytes;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private long nextLine;
    private int pushedBack = -1;

    private byte[] record = new byte[1024];
    private int length;
    private long recordLength;
    private int terminatorLength;
    private long line;

    CsvRecordBytes(InputStream input, long firstLine, long maxBytes)
    {
        this.input = input;
        this.nextLine = firstLine;
        this.maxBytes = maxBytes;
    }

    /** Reads the next record; false at the end of the stream. */
    boolean next()
            throws IOException
    {
        int b = read();
        if (b < 0) {
            return false;
        }
        line = nextLine;
        length = 0;
        recordLength = 0;
        terminatorLength = 0;
        int state = FIELD_START;
        while (b >= 0) {
            if (state == QUOTED) {
                if (b == '"') {
                    state = QUOTE_IN_QUOTED;
                }
                else if (b == '\n') {
                    nextLine++;
                }
                else if (b == '\r') {
                    nextLine++;
                    int following = read();
                    if (following == '\n') {
                        keep(b);
                        b = following;
                    }
                    else {
                        unread(following);
                    }
                }
            }
            else if (b == '"' && state != UNQUOTED) {
                state = QUOTED;
            }
            else if (b == ',') {
                state = FIELD_START;
            }
            else if (b == '\n' || b == '\r') {
                nextLine++;
                terminatorLength = 1;
                if (b == '\r') {
                    int following = read();
                    if (following == '\n') {
                        terminatorLength = 2;
                    }
                    else {
                        unread(following);
                    }
                }
                return true;
            }
            else {
                state = UNQUOTED;
            }
            keep(b);
            b = read();
        }
        return true;
    }

    /** The line (1-based) the record starts on. */
    long line()
    {
        return line;
    }

    /** Whether the record was longer than the limit; then only its first {@link #PREVIEW} bytes are kept. */
    boolean tooLong()
    {
        return recordLength > maxBytes;
    }

    /** The record's bytes without its line break (the first of them when {@link #tooLong}). */
    byte[] bytes()
    {
        return Arrays.copyOf(record, length);
    }

    /** The record's length in bytes, counted to its end even when it was not kept. */
    long length()
    {
        return recordLength;
    }

    /** The bytes of the line break that ended the record: 0 at the end of the stream, 1 for LF or CR, 2 for CRLF. */
    int terminatorLength()
    {
        return terminatorLength;
    }

    /** The line the next record starts on. */
    long nextLine()
    {
        return nextLine;
    }

    private void keep(int b)
    {
        recordLength++;
        if (recordLength > maxBytes) {
            length = Math.min(length, PREVIEW);
            return;
        }
        if (length == record.length) {
            record = Arrays.copyOf(record, (int) Math.min(Math.max(record.length * 2L, 16), maxBytes + 1));
        }
        record[length++] = (byte) b;
    }

    private int read()
            throws IOException
    {
        if (pushedBack >= 0) {
            int b = pushedBack;
            pushedBack = -1;
            return b;
        }
        if (position == limit) {
            limit = input.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return -1;
            }
        }
        return buffer[position++] & 0xFF;
    }

    private void unread(int b)
    {
        if (b >= 0) {
            pushedBack = b;
        }
    }
}

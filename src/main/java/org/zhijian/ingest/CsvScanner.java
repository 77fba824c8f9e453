package org.zhijian.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One sequential pass over a CSV file's bytes on the driver, before any task reads it: finds
 * record boundaries (quote-aware, so a quoted line break never splits a record) to cut the
 * file into byte ranges for parallel reading, counts lines as {@link org.zhijian.io.CsvReader}
 * does, counts the lines that are not valid UTF-8 and those that hold UTF-8 beyond ASCII (the
 * encoding is decided on the whole file from these), spots binary content, refuses a first
 * line longer than the record limit, and computes the SHA-256 for the run manifest. Byte-level scanning is safe for UTF-8 and GB18030 alike:
 * neither uses the bytes of {@code " , CR LF} inside a multi-byte character.
 */
final class CsvScanner
{
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
    private static final int SNIFF_BYTES = 8192;

    /** A record boundary: the byte offset where a record starts and the line it starts on. */
    record Boundary(long offset, long line) {}

    /**
     * @param bomLength 3 when the file starts with a UTF-8 byte-order mark, else 0
     * @param boundaries where each split starts; the first is where the data after the header start
     * @param invalidUtf8Lines lines holding bytes that are not valid UTF-8 (GB18030 text, or damage)
     * @param utf8Lines lines that are valid UTF-8 and hold characters beyond ASCII
     * @param firstInvalidUtf8Line the first of the former, 0 if none
     * @param firstUtf8Line the first of the latter, 0 if none
     * @param headerTooLong whether the first line has no line break within the record limit (nothing else is then known)
     */
    record Result(long size, int bomLength, List<Boundary> boundaries, long invalidUtf8Lines, long firstInvalidUtf8Line, long utf8Lines, long firstUtf8Line,
            boolean binary, boolean utf16, boolean blank, boolean headerTooLong, String sha256)
    {
        boolean validUtf8()
        {
            return invalidUtf8Lines == 0;
        }
    }

    private final long splitBytes;
    private final long maxLineBytes;
    private long physicalLine = 1;
    private final Utf8Validator utf8 = new Utf8Validator();
    private long invalidLines;
    private long firstInvalidLine;
    private long utf8Lines;
    private long firstUtf8Line;
    private final List<Boundary> boundaries = new ArrayList<>();
    private long line = 1;
    private int state = FIELD_START;
    private boolean crPending;
    private boolean crInRecord;
    private long splitStart = -1;
    private boolean binary;
    private boolean blank = true;
    private boolean previousWasCr;

    private CsvScanner(long splitBytes, long maxLineBytes)
    {
        this.splitBytes = splitBytes;
        this.maxLineBytes = maxLineBytes;
    }

    static Result scan(InputStream input, long splitBytes, long maxLineBytes)
            throws IOException
    {
        return new CsvScanner(splitBytes, maxLineBytes).run(input);
    }

    private Result run(InputStream input)
            throws IOException
    {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[1 << 16];
        long offset = 0;
        int bomLength = 0;
        boolean utf16 = false;
        int count;
        while ((count = input.read(buffer)) > 0) {
            digest.update(buffer, 0, count);
            int from = 0;
            if (offset == 0 && count >= 2) {
                int b0 = buffer[0] & 0xFF;
                int b1 = buffer[1] & 0xFF;
                if (count >= 3 && b0 == 0xEF && b1 == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
                    bomLength = 3;
                    from = 3;
                }
                utf16 = (b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF);
            }
            for (int i = from; i < count; i++) {
                accept(buffer[i] & 0xFF, offset + i);
            }
            offset += count;
            if (boundaries.isEmpty() && offset - bomLength > maxLineBytes) {
                return new Result(offset, bomLength, List.of(), 0, 0, 0, 0, binary, utf16, false, true, "");
            }
        }
        utf8.end();
        endOfLine();
        if (boundaries.isEmpty()) {
            // The header is the whole file: no data records.
            boundaries.add(new Boundary(offset, line + 1));
        }
        return new Result(offset, bomLength, List.copyOf(boundaries), invalidLines, firstInvalidLine, utf8Lines, firstUtf8Line, binary, utf16, blank, false,
                HexFormat.of().formatHex(digest.digest()));
    }

    /** Counts the physical line just ended by its UTF-8 content. */
    private void endOfLine()
    {
        if (utf8.invalid()) {
            invalidLines++;
            firstInvalidLine = firstInvalidLine == 0 ? physicalLine : firstInvalidLine;
        }
        else if (utf8.multibyte()) {
            utf8Lines++;
            firstUtf8Line = firstUtf8Line == 0 ? physicalLine : firstUtf8Line;
        }
        utf8.clear();
        physicalLine++;
    }

    private void accept(int b, long position)
    {
        if (position < SNIFF_BYTES && b == 0) {
            binary = true;
        }
        if (blank && b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ',') {
            blank = false;
        }
        utf8.accept(b);
        if (b == '\n' || (b == '\r')) {
            if (!(b == '\n' && previousWasCr)) {
                endOfLine();
            }
        }
        previousWasCr = b == '\r';
        if (crPending) {
            crPending = false;
            if (b == '\n') {
                // The LF of a CRLF belongs to the line break the CR started.
                if (crInRecord) {
                    recordStartsAt(position + 1);
                }
                return;
            }
            if (crInRecord) {
                recordStartsAt(position);
            }
        }
        switch (state) {
            case QUOTED -> {
                if (b == '"') {
                    state = QUOTE_IN_QUOTED;
                }
                else if (b == '\n') {
                    line++;
                }
                else if (b == '\r') {
                    line++;
                    crPending = true;
                    crInRecord = false;
                }
            }
            default -> {
                if (b == '"' && state != UNQUOTED) {
                    state = QUOTED;
                }
                else if (b == ',') {
                    state = FIELD_START;
                }
                else if (b == '\n') {
                    line++;
                    state = FIELD_START;
                    recordStartsAt(position + 1);
                }
                else if (b == '\r') {
                    line++;
                    state = FIELD_START;
                    crPending = true;
                    crInRecord = true;
                }
                else {
                    state = UNQUOTED;
                }
            }
        }
    }

    /** A record ended just before {@code next}: the first ends the header, later ones may cut a split. */
    private void recordStartsAt(long next)
    {
        if (boundaries.isEmpty() || next - splitStart >= splitBytes) {
            splitStart = next;
            boundaries.add(new Boundary(next, line));
        }
    }

    private static MessageDigest sha256()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

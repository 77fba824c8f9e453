package org.zhijian.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * One sequential pass over a CSV file's bytes on the driver, before any task reads it: cuts it
 * into records with {@link CsvRecordBytes} — the same reader the tasks use, so a quoted line
 * break never splits a record and the lines are counted alike — to find the byte ranges for
 * parallel reading; counts the records that are not valid UTF-8 and those that hold UTF-8 text
 * beyond ASCII (the encoding is decided on the whole file from these), spots binary content,
 * refuses a first line longer than the record limit, and computes the SHA-256 for the run manifest.
 * Byte-level cutting is safe for UTF-8 and GB18030 alike: neither uses the bytes of
 * {@code " , CR LF} inside a multi-byte character.
 */
final class CsvScanner
{
    private static final int SNIFF_BYTES = 8192;

    /** A record boundary: the byte offset where a record starts and the line it starts on. */
    record Boundary(long offset, long line) {}

    /**
     * @param bomLength 3 when the file starts with a UTF-8 byte-order mark, else 0
     * @param boundaries where each split starts; the first is where the data after the header start
     * @param invalidUtf8Lines records holding bytes that are not valid UTF-8 (GB18030 text, or damage)
     * @param utf8Lines records that are valid UTF-8 and hold UTF-8 text beyond ASCII
     * @param firstInvalidUtf8Line the line the first of the former starts on, 0 if none
     * @param firstUtf8Line the line the first of the latter starts on, 0 if none
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

    private CsvScanner() {}

    static Result scan(InputStream input, long splitBytes, long maxLineBytes)
            throws IOException
    {
        MessageDigest digest = sha256();
        PushbackInputStream stream = new PushbackInputStream(new DigestInputStream(input, digest), 3);
        byte[] start = stream.readNBytes(3);
        int bomLength = start.length == 3 && (start[0] & 0xFF) == 0xEF && (start[1] & 0xFF) == 0xBB && (start[2] & 0xFF) == 0xBF ? 3 : 0;
        boolean utf16 = start.length >= 2 && (((start[0] & 0xFF) == 0xFF && (start[1] & 0xFF) == 0xFE) || ((start[0] & 0xFF) == 0xFE && (start[1] & 0xFF) == 0xFF));
        stream.unread(start, bomLength, start.length - bomLength);

        CsvRecordBytes records = new CsvRecordBytes(stream, 1, maxLineBytes);
        List<Boundary> boundaries = new ArrayList<>();
        Utf8Validator utf8 = new Utf8Validator();
        long offset = bomLength;
        long splitStart = -1;
        long invalid = 0;
        long firstInvalid = 0;
        long wide = 0;
        long firstWide = 0;
        boolean binary = false;
        boolean blank = true;
        while (records.next()) {
            byte[] bytes = records.bytes();
            if (boundaries.isEmpty() && records.tooLong()) {
                // Only the record's start is kept: enough to tell a binary file from an overlong line.
                boolean nul = false;
                for (byte value : bytes) {
                    nul |= value == 0;
                }
                return new Result(offset, bomLength, List.of(), 0, 0, 0, 0, nul, utf16, false, true, "");
            }
            utf8.clear();
            for (byte value : bytes) {
                int b = value & 0xFF;
                utf8.accept(b);
                binary |= b == 0 && offset < SNIFF_BYTES;
                blank &= b == ' ' || b == '\t' || b == ',' || b == '\r' || b == '\n';
            }
            utf8.end();
            if (utf8.invalid()) {
                invalid++;
                firstInvalid = firstInvalid == 0 ? records.line() : firstInvalid;
            }
            else if (utf8.multibyte()) {
                wide++;
                firstWide = firstWide == 0 ? records.line() : firstWide;
            }
            offset += records.length() + records.terminatorLength();
            // A record ended: the first ends the header, later ones may cut a split.
            if (boundaries.isEmpty() || offset - splitStart >= splitBytes) {
                splitStart = offset;
                boundaries.add(new Boundary(offset, records.nextLine()));
            }
        }
        if (boundaries.isEmpty()) {
            // An empty file: no header, no data records.
            boundaries.add(new Boundary(offset, 2));
        }
        return new Result(offset, bomLength, List.copyOf(boundaries), invalid, firstInvalid, wide, firstWide, binary, utf16, blank, false,
                HexFormat.of().formatHex(digest.digest()));
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

package org.zhijian.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One record of a raw file as read, before validation: where it starts (CSV line or XLSX row),
 * its fields in file order, and its original text (a workbook row is rendered as CSV).
 *
 * @param encodingProblem why the record's bytes are not text in the file's encoding, or null
 * @param failure a read failure that ends the file at this record, or null
 * @param tooLong whether the record was longer than ingest.max_line_bytes (its text is then only its start)
 */
public record RawRecord(long line, List<String> fields, String text, String encodingProblem, String failure, boolean tooLong)
{
    public RawRecord
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(text, "text is null");
    }

    public static RawRecord of(long line, List<String> fields, String text)
    {
        return new RawRecord(line, fields, text, null, null, false);
    }

    public static RawRecord failure(long line, String message)
    {
        return new RawRecord(line, List.of(), "", null, message, false);
    }

    /** A record past the length limit, of which only the start was kept. */
    public static RawRecord tooLong(long line, String start, long length)
    {
        return new RawRecord(line, List.of(), start, null, "the record is " + length + " bytes long", true);
    }

    /** Whether the record's bytes were not valid text in the file's encoding. */
    public boolean undecodable()
    {
        return encodingProblem != null;
    }

    /** A record with no content at all, such as an empty line or a row of empty cells. */
    public boolean blank()
    {
        return failure == null && fields.stream().allMatch(String::isBlank);
    }
}

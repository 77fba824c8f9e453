package org.zhijian.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One record of a raw file as read, before validation: where it starts (CSV line or XLSX row),
 * its fields in file order, and its original text (a workbook row is rendered as CSV).
 *
 * @param undecodable whether the bytes of the record were not valid in the file's encoding
 * @param failure a read failure that ends the file at this record, or null
 */
public record RawRecord(long line, List<String> fields, String text, boolean undecodable, String failure)
{
    public RawRecord
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(text, "text is null");
    }

    public static RawRecord of(long line, List<String> fields, String text)
    {
        return new RawRecord(line, fields, text, false, null);
    }

    public static RawRecord failure(long line, String message)
    {
        return new RawRecord(line, List.of(), "", false, message);
    }

    /** A record with no content at all, such as an empty line or a row of empty cells. */
    public boolean blank()
    {
        return failure == null && fields.stream().allMatch(String::isBlank);
    }
}

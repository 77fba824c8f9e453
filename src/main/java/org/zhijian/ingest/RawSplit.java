package org.zhijian.ingest;

import java.io.Serializable;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * A piece of one raw file that one Spark task reads: a byte range of a CSV file that starts
 * at a record boundary, or a whole workbook sheet.
 *
 * @param fileSequence the file's position in the load, which orders "first" among duplicate keys
 * @param headerLine the line of the header row: records up to it (title rows above a header) are not data
 * @param mapping how each record's fields become the dataset's columns (the file's profile and header)
 * @param profile the source profile the file was recognised by
 * @param fieldCount how many fields the header has, which every record must have
 * @param mixedEncodings whether the file mixes encodings, so records are checked for the other one
 * @param limits how long a record and how large a workbook part may be
 */
public record RawSplit(
        int fileSequence,
        String path,
        String fileName,
        SourceDataset dataset,
        RawFormat format,
        String charset,
        long start,
        long end,
        long firstLine,
        long headerLine,
        FieldMapping mapping,
        String profile,
        int fieldCount,
        String sheet,
        boolean mixedEncodings,
        ReaderLimits limits)
        implements Serializable
{
    public RawSplit
    {
        requireNonNull(path, "path is null");
        requireNonNull(fileName, "fileName is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(format, "format is null");
        requireNonNull(charset, "charset is null");
        requireNonNull(mapping, "mapping is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(limits, "limits is null");
    }
}

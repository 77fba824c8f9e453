package org.zhijian.ingest;

import java.io.Serializable;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * A piece of one raw file that one Spark task reads: a byte range of a CSV file that starts
 * at a record boundary, or a whole workbook sheet.
 *
 * @param fileSequence the file's position in the load, which orders "first" among duplicate keys
 * @param columnFields for each column of the dataset, the index of its field in the file, or -1
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
        int[] columnFields,
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
        columnFields = columnFields.clone();
        requireNonNull(limits, "limits is null");
    }
}

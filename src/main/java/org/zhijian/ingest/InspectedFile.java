package org.zhijian.ingest;

import java.util.List;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * A raw file that passed the file-level checks, ready to be read in splits.
 *
 * @param encoding the charset the file is decoded with, and how it was chosen
 * @param encodingNote how many records are in another encoding or damaged, and where the first are; empty when none
 * @param sheet the sheet read from a workbook, or empty for CSV
 * @param ignoredHeaders headers that name no column of the dataset (their fields are not loaded)
 * @param profile the source profile the file was recognised by (conf/sources)
 * @param ownLayout whether that profile is one of the project's own layouts (read as they always were)
 */
public record InspectedFile(
        int sequence,
        String fileName,
        String path,
        SourceDataset dataset,
        RawFormat format,
        String encoding,
        String encodingNote,
        String sheet,
        long bytes,
        String sha256,
        List<String> ignoredHeaders,
        List<RawSplit> splits,
        String profile,
        boolean ownLayout)
{
    public InspectedFile
    {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(path, "path is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(format, "format is null");
        requireNonNull(encoding, "encoding is null");
        requireNonNull(encodingNote, "encodingNote is null");
        requireNonNull(sheet, "sheet is null");
        requireNonNull(sha256, "sha256 is null");
        ignoredHeaders = List.copyOf(ignoredHeaders);
        splits = List.copyOf(splits);
        requireNonNull(profile, "profile is null");
    }
}

package org.zhijian.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/** What a generation wrote: one entry per file, and the bad rows injected per dataset and rule id. */
public record GenerationSummary(List<WrittenFile> files, Map<SourceDataset, Map<String, Integer>> injected, Path manifest, long millis)
{
    /** One raw file with its dataset, format and row count (bad rows included). */
    public record WrittenFile(SourceDataset dataset, Path path, String format, long rows, long bytes)
    {
        public WrittenFile
        {
            requireNonNull(dataset, "dataset is null");
            requireNonNull(path, "path is null");
            requireNonNull(format, "format is null");
        }
    }

    public GenerationSummary
    {
        files = List.copyOf(requireNonNull(files, "files is null"));
        injected = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(requireNonNull(injected, "injected is null")));
    }

    public long totalRows()
    {
        return files.stream().mapToLong(WrittenFile::rows).sum();
    }

    public int injectedRows()
    {
        return injected.values().stream().flatMap(counts -> counts.values().stream()).mapToInt(Integer::intValue).sum();
    }
}

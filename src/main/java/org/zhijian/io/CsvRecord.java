package org.zhijian.io;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One record of a CSV file with the physical line it started on (1-based), so that messages
 * can point at the line a person sees in an editor even when quoted fields span lines.
 *
 * @param text the record as it stood in the file, without its line terminator
 */
public record CsvRecord(long line, List<String> fields, String text)
{
    public CsvRecord
    {
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        requireNonNull(text, "text is null");
    }

    public int size()
    {
        return fields.size();
    }

    public String field(int index)
    {
        return fields.get(index);
    }
}

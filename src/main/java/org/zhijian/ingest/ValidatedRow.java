package org.zhijian.ingest;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of row validation: typed values (the dataset's columns, then the derived ones),
 * every broken rule, the key compared for duplicates (null when the key is unusable), the
 * content compared for exact duplicates (as a 64-bit FNV-1a hash of the fields), and whether a historical county code was mapped.
 */
public record ValidatedRow(Object[] values, List<RowError> errors, String key, long contentHash, boolean countyMapped)
{
    public ValidatedRow
    {
        requireNonNull(values, "values is null");
        errors = List.copyOf(requireNonNull(errors, "errors is null"));
    }

    public boolean accepted()
    {
        return errors.isEmpty();
    }
}

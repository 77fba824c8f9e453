package org.zhijian.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.zhijian.schema.SourceDataset;

import static java.util.Objects.requireNonNull;

/**
 * What became of one dataset's rows in a run. Rows read = accepted + quarantined always;
 * blank lines are counted apart and are neither.
 *
 * @param byRule quarantined rows per rule id (a row breaking two rules counts under both)
 * @param countyCodesMapped accepted rows whose historical county code was mapped to today's
 * @param normalised values changed before validation, per "rule column" (norm.width county_code), in files of other layouts than the project's own
 * @param resolved accepted rows whose producer (or listed enterprise) was resolved by name, per match (exact, normalised, operator, address, ambiguous, unmatched, outside)
 */
public record DatasetOutcome(SourceDataset dataset, List<String> files, long read, long accepted, long quarantined, long blank, long countyCodesMapped, Map<String, Long> byRule,
        Map<String, Long> normalised, Map<String, Long> resolved)
{
    public DatasetOutcome
    {
        requireNonNull(dataset, "dataset is null");
        files = List.copyOf(files);
        byRule = new TreeMap<>(byRule);
        normalised = new TreeMap<>(normalised);
        resolved = new TreeMap<>(resolved);
        if (read != accepted + quarantined) {
            throw new IllegalStateException(dataset.tableName() + ": read " + read + " != accepted " + accepted + " + quarantined " + quarantined);
        }
    }

    public double rejectShare()
    {
        return read == 0 ? 0 : (double) quarantined / read;
    }
}

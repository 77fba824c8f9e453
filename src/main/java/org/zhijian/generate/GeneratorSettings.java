package org.zhijian.generate;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What `generate` writes: the scale (1 = a decade of one province), the seed, the last year
 * of data, the share of bad rows to inject and the file formats.
 */
public record GeneratorSettings(double scale, long seed, int endYear, double dirtyRate, List<OutputFormat> formats, Path outputDirectory)
{
    public GeneratorSettings
    {
        if (!(scale > 0 && scale <= 100)) {
            throw new IllegalArgumentException("scale must be in (0, 100], not " + scale);
        }
        if (!(dirtyRate >= 0 && dirtyRate < 1)) {
            throw new IllegalArgumentException("dirty share must be in [0, 1), not " + dirtyRate);
        }
        if (endYear < 2000 || endYear > 2100) {
            throw new IllegalArgumentException("end year out of range: " + endYear);
        }
        formats = List.copyOf(new LinkedHashSet<>(requireNonNull(formats, "formats is null")));
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("at least one format is needed");
        }
        requireNonNull(outputDirectory, "outputDirectory is null");
    }

    public int startYear()
    {
        return endYear - 9;
    }

    /** The format most datasets are written in: CSV when asked for, else the first one named. */
    public OutputFormat primaryFormat()
    {
        return formats.contains(OutputFormat.CSV) ? OutputFormat.CSV : formats.stream().filter(OutputFormat::own).findFirst().orElse(OutputFormat.CSV);
    }

    public Set<OutputFormat> formatSet()
    {
        return Set.copyOf(formats);
    }
}

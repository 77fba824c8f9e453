package org.zhijian.config;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** Settings given as command-line flags; each wins over the environment and the file. */
public record ConfigOverrides(Optional<String> raw, Optional<String> lake, Optional<String> reports, Optional<String> master, Optional<String> language)
{
    public static final ConfigOverrides NONE = new ConfigOverrides(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public ConfigOverrides
    {
        requireNonNull(raw, "raw is null");
        requireNonNull(lake, "lake is null");
        requireNonNull(reports, "reports is null");
        requireNonNull(master, "master is null");
        requireNonNull(language, "language is null");
    }
}

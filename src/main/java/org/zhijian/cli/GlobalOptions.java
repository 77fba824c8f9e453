package org.zhijian.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.zhijian.config.ConfigOverrides;
import picocli.CommandLine.Option;

/** The options every command takes. */
public final class GlobalOptions
{
    @Option(names = "--conf", paramLabel = "FILE", description = "Settings file (default: conf/zhijian.yaml in the installation).")
    Path conf;

    @Option(names = "--lake", paramLabel = "PATH", description = "Lake root: a local path or any Hadoop URI (hdfs://, s3a://). Overrides ZHIJIAN_LAKE.")
    String lake;

    @Option(names = "--reports", paramLabel = "PATH", description = "Where workbooks are written. Overrides ZHIJIAN_REPORTS.")
    String reports;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master (default local[*]). Overrides ZHIJIAN_MASTER.")
    String master;

    @Option(names = {"-q", "--quiet"}, description = "Print only warnings, errors and the final result.")
    boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Print more, including Spark's own logs.")
    boolean verbose;

    ConfigOverrides overrides(Optional<String> raw, Optional<String> language)
    {
        return new ConfigOverrides(raw, Optional.ofNullable(lake), Optional.ofNullable(reports), Optional.ofNullable(master), language);
    }
}

package org.zhijian.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Quiet by default: Spark, Hadoop and Parquet stay silent — a failure reaches the user as the
 * one {@code error:} line its command prints, not as executor log blocks — unless --verbose is
 * given, which also shows the stack trace of an unexpected failure.
 */
final class Logging
{
    private static final String[] NOISY = {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject", "io.netty", "org.apache.poi"};

    private Logging() {}

    private static volatile boolean verbose;

    static void configure(boolean verbose)
    {
        Logging.verbose = verbose;
        Level level = verbose ? Level.INFO : Level.OFF;
        for (String logger : NOISY) {
            Configurator.setLevel(logger, level);
        }
        Configurator.setLevel("org.zhijian", verbose ? Level.DEBUG : Level.INFO);
    }

    static boolean verbose()
    {
        return verbose;
    }
}

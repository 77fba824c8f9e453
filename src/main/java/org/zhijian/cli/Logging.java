package org.zhijian.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Quiet by default: Spark, Hadoop and Parquet speak only on error unless --verbose is given. */
final class Logging
{
    private static final String[] NOISY = {"org.apache.spark", "org.apache.hadoop", "org.apache.parquet", "org.sparkproject", "io.netty", "org.apache.poi"};

    private Logging() {}

    static void configure(boolean verbose)
    {
        Level level = verbose ? Level.INFO : Level.ERROR;
        for (String logger : NOISY) {
            Configurator.setLevel(logger, level);
        }
        Configurator.setLevel("org.zhijian", verbose ? Level.DEBUG : Level.INFO);
    }
}

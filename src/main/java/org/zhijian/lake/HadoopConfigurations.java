package org.zhijian.lake;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;

/** The Hadoop settings zhijian applies wherever it touches a file system, in Spark or not. */
public final class HadoopConfigurations
{
    /** Hadoop settings, as they are given to Spark with the spark.hadoop. prefix. */
    public static final Map<String, String> SETTINGS = Map.of(
            "fs.file.impl", NioLocalFileSystem.class.getName(),
            // Cached FileSystem instances would outlive a changed implementation setting.
            "fs.file.impl.disable.cache", "true");

    private HadoopConfigurations() {}

    public static Configuration create()
    {
        Configuration configuration = new Configuration();
        SETTINGS.forEach(configuration::set);
        return configuration;
    }
}

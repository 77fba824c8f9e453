package org.zhijian.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.zhijian.config.ZhijianConfig;

/** The one local Spark session every test of the run shares. */
public final class SharedSpark
{
    private static SparkSession session;

    private SharedSpark() {}

    public static synchronized SparkSession session()
    {
        if (session == null) {
            session = SparkSessions.open(new ZhijianConfig.SparkSettings("local[2]", 2, Map.of()));
        }
        return session;
    }
}

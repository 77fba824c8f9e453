package org.zhijian.lake;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.zhijian.Version;

/**
 * The fields every run manifest ({@code _runs/<run-id>.json}) starts with, whatever the command:
 * run, command, status, exit code, message, times and the versions that ran it. Each command
 * adds its own sections after these.
 */
public final class RunManifests
{
    private RunManifests() {}

    public static Map<String, Object> header(String runId, String command, String status, int exitCode, String message, String startedAt, long durationMs, SparkSession spark)
    {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("run_id", runId);
        manifest.put("command", command);
        manifest.put("status", status);
        manifest.put("exit_code", exitCode);
        manifest.put("message", message);
        manifest.put("started_at", startedAt);
        manifest.put("finished_at", Instant.now().toString());
        manifest.put("duration_ms", durationMs);
        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("zhijian", Version.NUMBER);
        versions.put("spark", spark.version());
        versions.put("scala", scala.util.Properties.versionNumberString());
        versions.put("java", System.getProperty("java.version"));
        versions.put("poi", org.apache.poi.Version.getVersion());
        manifest.put("versions", versions);
        return manifest;
    }
}

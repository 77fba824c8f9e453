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

    /** A run's work under the lake's lock. */
    @FunctionalInterface
    public interface Work<T>
    {
        T run(String startedAt, long started)
                throws java.io.IOException;
    }

    /**
     * Runs {@code work} holding the lake's one-writer lock. When it fails, a manifest with status
     * "failed", the exit code and the message is written before the failure goes on; on success
     * the work writes its own manifest.
     */
    public static <T> T locked(Lake lake, String runId, String command, java.util.function.Consumer<String> notices, SparkSession spark, Work<T> work)
            throws java.io.IOException
    {
        return locked(lake, runId, command, notices, spark, Map.of(), work);
    }

    /** As {@link #locked(Lake, String, String, java.util.function.Consumer, SparkSession, Work)}, with sections of the command's own for a failure manifest. */
    public static <T> T locked(Lake lake, String runId, String command, java.util.function.Consumer<String> notices, SparkSession spark, Map<String, Object> failureDetails,
            Work<T> work)
            throws java.io.IOException
    {
        long started = System.nanoTime();
        String startedAt = Instant.now().toString();
        try (LakeLock lock = lake.lock(runId, command, notices)) {
            try {
                return work.run(startedAt, started);
            }
            catch (Exception e) {
                // Exception, not only IOException and RuntimeException: Spark throws its checked SparkException undeclared.
                try {
                    Map<String, Object> manifest = header(runId, command, "failed", e instanceof org.zhijian.ZhijianException expected ? expected.code().exitStatus() : 1,
                            String.valueOf(e.getMessage()), startedAt, (System.nanoTime() - started) / 1_000_000, spark);
                    manifest.putAll(failureDetails);
                    lake.writeRun(runId, manifest);
                }
                catch (java.io.IOException | RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

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

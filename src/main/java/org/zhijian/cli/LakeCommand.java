package org.zhijian.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.zhijian.ZhijianException;
import org.zhijian.lake.HadoopConfigurations;
import org.zhijian.lake.Lake;
import org.zhijian.lake.Snapshot;
import org.zhijian.lake.TableName;
import org.zhijian.lake.TableVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `lake`: what the lake holds — tables, their columns, recent runs — read from its snapshot, without Spark. */
@Command(name = "lake", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"List the lake's tables (rows, size, last run) and its recent runs; with a table name (e.g. staged.inspections),",
                "list that table's columns with types, units and descriptions. Every table listed can be queried by `export`."})
public final class LakeCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Parameters(arity = "0..1", paramLabel = "TABLE", description = "A table to describe, as layer.table.")
    String table;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "10", description = "How many recent runs to list (default 10).")
    int runs;

    @Override
    public Integer call()
    {
        CommandContext context = CommandContext.create(global, Optional.empty(), Optional.empty());
        Console console = context.console();
        Lake lake = Lake.open(context.config().paths().lake(), HadoopConfigurations.create());
        try {
            Snapshot snapshot = lake.current();
            if (table != null) {
                describe(console, TableName.parse(table), snapshot);
                return 0;
            }
            console.result("Lake " + lake.root() + (snapshot.version() == 0 ? " is empty: run `zhijian ingest` first." : ", snapshot " + snapshot.version() + " of " + snapshot.committedAt()));
            Optional<String> stale = lake.staleLock();
            lake.lockHolder().ifPresent(holder -> console.result("Locked by run " + holder.runId() + " (" + holder.command() + ", pid " + holder.pid() + " on " + holder.host() + ", since " + holder.startedAt() + ")"
                    + stale.map(reason -> " — stale: " + reason + "; the next run takes the lock over").orElse("")));
            if (!snapshot.tables().isEmpty()) {
                console.result(String.format(Locale.ROOT, "%-30s %12s %10s  %-26s %s", "table", "rows", "size", "last run", "partitions"));
                for (Map.Entry<String, TableVersion> entry : snapshot.tables().entrySet()) {
                    TableVersion version = entry.getValue();
                    console.result(String.format(Locale.ROOT, "%-30s %,12d %10s  %-26s %s", entry.getKey(), version.rows(), size(version.bytes()), version.runId(),
                            version.partitionBy().isEmpty() ? "" : String.join(",", version.partitionBy())));
                }
            }
            var recent = lake.recentRuns(runs);
            if (!recent.isEmpty()) {
                console.result("Recent runs:");
                for (JsonNode run : recent) {
                    long read = 0;
                    long quarantined = 0;
                    for (JsonNode dataset : run.path("datasets")) {
                        read += dataset.path("rows_read").asLong();
                        quarantined += dataset.path("rows_quarantined").asLong();
                    }
                    // A run stopped between its manifest and its snapshot published nothing, whatever its manifest says.
                    String status = lake.committed(run) ? run.path("status").asText() : "not committed";
                    console.result(String.format(Locale.ROOT, "  %-26s %-9s %-17s exit %d  %6.1f s  read %,d  quarantined %,d%s", run.path("run_id").asText(), run.path("command").asText(),
                            status, run.path("exit_code").asInt(), run.path("duration_ms").asLong() / 1000.0, read, quarantined,
                            run.path("message").asText().isEmpty() ? "" : "  " + run.path("message").asText()));
                }
            }
            return 0;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void describe(Console console, TableName name, Snapshot snapshot)
    {
        TableVersion version = snapshot.table(name).orElseThrow(() -> new ZhijianException(ZhijianException.Code.USAGE,
                "the lake has no table " + name + "; `zhijian lake` lists the tables"));
        console.result(String.format(Locale.ROOT, "%s: %,d rows, %s, written by run %s at %s", name, version.rows(), size(version.bytes()), version.runId(), version.committedAt()));
        console.result(String.format(Locale.ROOT, "  %-24s %-16s %-6s %s", "column", "type", "unit", "description"));
        for (TableVersion.Column column : version.columns()) {
            console.result(String.format(Locale.ROOT, "  %-24s %-16s %-6s %s", column.name(), column.type(), column.unit(), column.comment()));
        }
    }

    static String size(long bytes)
    {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024);
        }
        return String.format(Locale.ROOT, "%.2f GB", bytes / 1024.0 / 1024 / 1024);
    }
}

package org.zhijian.lake;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.zhijian.Failpoints;
import org.zhijian.ZhijianException;

import static java.util.Objects.requireNonNull;

/**
 * The Parquet lake: tables by layer ({@code staged/}, {@code quarantine/}, {@code quality/},
 * {@code marts/}, …), the run manifests in {@code _runs/}, and the commit log in
 * {@code _snapshots/}. Every path goes through Hadoop's FileSystem, so local disks, HDFS and
 * S3 work alike.
 *
 * <p>How publication stays atomic: a run writes each new table version into a folder of its
 * own that no reader looks at, then commits a snapshot file naming the current folder of every
 * table. The snapshot is written under a temporary name and renamed into place, so readers —
 * who always start from the newest snapshot — see either the previous complete state or the
 * new one. A killed run leaves only unreferenced folders, which the next run removes.
 */
public final class Lake
{
    public static final String SNAPSHOTS = "_snapshots";
    public static final String RUNS = "_runs";
    static final String SCRATCH = "_tmp";

    /** Table folders referenced by this many recent snapshots survive clean-up, for readers still on them. */
    static final int KEEP_SNAPSHOTS = 3;
    static final int KEEP_SNAPSHOT_FILES = 50;

    private static final Pattern SNAPSHOT_FILE = Pattern.compile("\\d{20}\\.json");
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;
    private final FileSystem fs;

    private Lake(Path root, FileSystem fs)
    {
        this.root = requireNonNull(root, "root is null");
        this.fs = requireNonNull(fs, "fs is null");
    }

    /** The lake at a local path (relative to the working directory) or any Hadoop URI. */
    public static Lake open(String location, Configuration configuration)
    {
        try {
            Path path = path(location);
            FileSystem fs = path.getFileSystem(configuration);
            return new Lake(fs.makeQualified(path), fs);
        }
        catch (IOException | IllegalArgumentException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "cannot open the lake at " + location + ": " + e.getMessage());
        }
    }

    /** A Hadoop path for a location given by a person: a local path (relative to the working directory) or a URI. */
    public static Path path(String location)
    {
        String scheme;
        try {
            scheme = URI.create(location.replace(" ", "%20")).getScheme();
        }
        catch (IllegalArgumentException e) {
            scheme = null;
        }
        // No scheme, or a Windows drive letter: a local path.
        return scheme == null || scheme.length() == 1
                ? new Path(java.nio.file.Path.of(location).toAbsolutePath().normalize().toUri())
                : new Path(location);
    }

    public Path root()
    {
        return root;
    }

    public FileSystem fileSystem()
    {
        return fs;
    }

    /** The newest committed snapshot, or an empty one for a new lake. */
    public Snapshot current()
            throws IOException
    {
        List<Path> snapshots = snapshotFiles();
        if (snapshots.isEmpty()) {
            return Snapshot.empty();
        }
        return JSON.readValue(readBytes(snapshots.get(snapshots.size() - 1)), Snapshot.class);
    }

    public Optional<TableVersion> table(TableName name)
            throws IOException
    {
        return current().table(name);
    }

    /** The absolute location of a table version's files. */
    public Path location(TableVersion version)
    {
        return new Path(root, version.path());
    }

    /** The location of a table version's files, fully qualified (scheme and authority), as Spark's plans name it. */
    public Path qualifiedLocation(TableVersion version)
    {
        return fs.makeQualified(location(version));
    }

    /** Reads a table's current version, or fails with a message naming the table. */
    public org.apache.spark.sql.Dataset<Row> read(SparkSession spark, TableName name)
            throws IOException
    {
        TableVersion version = table(name).orElseThrow(() -> new ZhijianException(ZhijianException.Code.FAILURE,
                "the lake at " + root + " has no table " + name + "; run the step that writes it first"));
        return read(spark, version);
    }

    public org.apache.spark.sql.Dataset<Row> read(SparkSession spark, TableVersion version)
    {
        return spark.read().parquet(location(version).toString());
    }

    /** Takes the one-writer lock; see {@link LakeLock}. */
    public LakeLock lock(String runId, String command, Consumer<String> notices)
            throws IOException
    {
        return LakeLock.acquire(fs, root, LakeLock.Holder.current(runId, command), notices);
    }

    /** The current holder of the lock, if any. */
    public Optional<LakeLock.Holder> lockHolder()
            throws IOException
    {
        Path path = new Path(root, LakeLock.FILE);
        return fs.exists(path) ? LakeLock.read(fs, path) : Optional.empty();
    }

    /** A fresh folder for a new version of a table; nothing reads it until a snapshot names it. */
    private static String newVersionFolder(TableName name, String runId)
    {
        return name.folder() + "/" + runId;
    }

    /**
     * Writes rows a run reads back before it commits to scratch space under {@value #SCRATCH}/
     * (never part of a snapshot) and returns them read from there: Parquet, so memory never limits
     * their size, with no dictionary pages and the cheapest codec since they are read once or twice.
     * The caller holds the lock and calls {@link #clearScratch} when done.
     */
    public org.apache.spark.sql.Dataset<Row> scratch(SparkSession spark, String runId, String name, org.apache.spark.sql.Dataset<Row> rows)
    {
        String location = new Path(root, SCRATCH + "/" + runId + "/" + name).toString();
        rows.write().option("compression", "lz4_raw").option("parquet.enable.dictionary", "false").parquet(location);
        return spark.read().parquet(location);
    }

    /** Removes every run's scratch data; holding the lock, everything there is this run's or a dead run's. */
    public void clearScratch()
            throws IOException
    {
        fs.delete(new Path(root, SCRATCH), true);
    }

    /** Starts a commit on top of the current snapshot. The caller must hold the lock. */
    public Commit begin(String runId)
            throws IOException
    {
        return new Commit(current(), runId);
    }

    /** The tables a run changes, published together by {@link #commit}. */
    public final class Commit
    {
        private final Snapshot base;
        private final String runId;
        private final Map<String, TableVersion> changes = new LinkedHashMap<>();

        private Commit(Snapshot base, String runId)
        {
            this.base = base;
            this.runId = runId;
        }

        public Snapshot base()
        {
            return base;
        }

        /**
         * Writes a new version of a table, laid out as {@code layout}, into a folder of its own and
         * records it in this commit; nothing reads it until the commit is published. The snapshot
         * records the table's own schema (with its column metadata).
         */
        public TableVersion write(TableName name, org.apache.spark.sql.Dataset<Row> table, TableLayout layout)
                throws IOException
        {
            return write(name, table, layout, table.schema());
        }

        /** As {@link #write(TableName, org.apache.spark.sql.Dataset, TableLayout)}, recording {@code schema} for the table. */
        public TableVersion write(TableName name, org.apache.spark.sql.Dataset<Row> table, TableLayout layout, org.apache.spark.sql.types.StructType schema)
                throws IOException
        {
            String folder = newVersionFolder(name, runId);
            org.apache.spark.sql.Dataset<Row> rows = switch (layout.files()) {
                case AS_COMPUTED -> table;
                case ONE -> table.coalesce(1);
                case ONE_AFTER_SHUFFLE -> table.repartition(1);
            };
            if (!layout.sortWithin().isEmpty()) {
                rows = rows.sortWithinPartitions(layout.sortWithin().toArray(org.apache.spark.sql.Column[]::new));
            }
            org.apache.spark.sql.DataFrameWriter<Row> writer = rows.write().options(layout.options());
            if (layout.partitionBy().isPresent()) {
                writer = writer.partitionBy(layout.partitionBy().get());
            }
            writer.parquet(new Path(root, folder).toString());
            return put(name, folder, layout.partitionBy().map(List::of).orElse(List.of()), schema.json());
        }

        /** Records a table version whose files are complete at {@code folder}. */
        private synchronized TableVersion put(TableName name, String folder, List<String> partitionBy, String schemaJson)
                throws IOException
        {
            Path location = new Path(root, folder);
            long bytes = fs.getContentSummary(location).getLength();
            long rows = ParquetRowCounter.count(fs, location);
            TableVersion version = new TableVersion(folder, rows, bytes, runId, Instant.now().toString(), partitionBy, schemaJson);
            changes.put(name.toString(), version);
            return version;
        }

        public synchronized Map<String, TableVersion> changes()
        {
            return Map.copyOf(changes);
        }
    }

    /**
     * Publishes a commit atomically and removes what no recent snapshot needs any more; returns the
     * run's result made from the published snapshot. The run's manifest, made from that result, is
     * written before the snapshot: a run killed
     * between the two leaves a manifest whose snapshot never appeared ({@link #committed} says
     * so), never a committed snapshot without its manifest.
     */
    public <R> R commit(Commit commit, java.util.function.Function<Snapshot, R> resultOf, java.util.function.Function<R, Object> manifestOf)
            throws IOException
    {
        Snapshot latest = current();
        if (latest.version() != commit.base().version()) {
            throw new IOException("the lake changed during the run (snapshot " + commit.base().version() + " became " + latest.version() + "); is another writer ignoring the lock?");
        }
        Map<String, TableVersion> tables = new LinkedHashMap<>(latest.tables());
        tables.putAll(commit.changes);
        Snapshot next = new Snapshot(latest.version() + 1, commit.runId, Instant.now().toString(), tables);
        R result = resultOf.apply(next);
        writeRun(commit.runId, manifestOf.apply(result));
        Failpoints.reach("lake.before-snapshot");
        Path directory = new Path(root, SNAPSHOTS);
        fs.mkdirs(directory);
        Path temporary = new Path(directory, "_" + commit.runId + ".json.tmp");
        writeBytes(temporary, JSON.writeValueAsBytes(next));
        Path target = new Path(directory, String.format("%020d.json", next.version()));
        if (!fs.rename(temporary, target)) {
            fs.delete(temporary, false);
            throw new IOException("could not publish snapshot " + target + " (it exists already?)");
        }
        cleanUp();
        return result;
    }

    /**
     * Deletes table folders that none of the last {@link #KEEP_SNAPSHOTS} snapshots names —
     * older versions and folders of killed runs — and old snapshot files. The caller holds the lock.
     */
    public void cleanUp()
            throws IOException
    {
        List<Path> snapshots = snapshotFiles();
        Set<String> referenced = new HashSet<>();
        Set<String> tables = new HashSet<>();
        for (int i = Math.max(0, snapshots.size() - KEEP_SNAPSHOTS); i < snapshots.size(); i++) {
            Snapshot snapshot = JSON.readValue(readBytes(snapshots.get(i)), Snapshot.class);
            for (Map.Entry<String, TableVersion> table : snapshot.tables().entrySet()) {
                referenced.add(table.getValue().path());
                tables.add(TableName.parse(table.getKey()).folder());
            }
        }
        for (String table : tables) {
            Path folder = new Path(root, table);
            if (!fs.exists(folder)) {
                continue;
            }
            for (FileStatus version : fs.listStatus(folder)) {
                if (version.isDirectory() && !referenced.contains(table + "/" + version.getPath().getName())) {
                    fs.delete(version.getPath(), true);
                }
            }
        }
        for (int i = 0; i < snapshots.size() - KEEP_SNAPSHOT_FILES; i++) {
            fs.delete(snapshots.get(i), false);
        }
        Path directory = new Path(root, SNAPSHOTS);
        for (FileStatus status : fs.listStatus(directory)) {
            if (status.getPath().getName().endsWith(".tmp")) {
                fs.delete(status.getPath(), false);
            }
        }
    }

    /** Writes a run manifest to {@code _runs/<run-id>.json}, whole or not at all. */
    public void writeRun(String runId, Object manifest)
            throws IOException
    {
        Path directory = new Path(root, RUNS);
        fs.mkdirs(directory);
        Path temporary = new Path(directory, "_" + runId + ".json.tmp");
        writeBytes(temporary, JSON.writeValueAsBytes(manifest));
        Path target = new Path(directory, runId + ".json");
        fs.delete(target, false);
        if (!fs.rename(temporary, target)) {
            throw new IOException("could not write run manifest " + target);
        }
    }

    /**
     * Whether a run's manifest names a snapshot that was published by that run: false for a run
     * stopped between its manifest and its snapshot; true when the snapshot file has since been
     * cleaned up (only the newest are kept) or the manifest names none.
     */
    public boolean committed(com.fasterxml.jackson.databind.JsonNode run)
            throws IOException
    {
        if (!run.path("snapshot").canConvertToLong()) {
            return true;
        }
        long version = run.path("snapshot").asLong();
        Path file = new Path(new Path(root, SNAPSHOTS), String.format("%020d.json", version));
        if (!fs.exists(file)) {
            return version <= current().version();
        }
        return JSON.readValue(readBytes(file), Snapshot.class).runId().equals(run.path("run_id").asText());
    }

    /** Why the lock is stale — its holder is gone — or empty while there is no lock or its holder may be alive. */
    public Optional<String> staleLock()
            throws IOException
    {
        return LakeLock.staleReason(fs, new Path(root, LakeLock.FILE));
    }

    /** The newest run manifests, newest first, as parsed JSON trees. */
    public List<com.fasterxml.jackson.databind.JsonNode> recentRuns(int limit)
            throws IOException
    {
        Path directory = new Path(root, RUNS);
        if (!fs.exists(directory)) {
            return List.of();
        }
        List<FileStatus> runs = new ArrayList<>();
        for (FileStatus status : fs.listStatus(directory)) {
            if (status.getPath().getName().endsWith(".json") && !status.getPath().getName().startsWith("_")) {
                runs.add(status);
            }
        }
        runs.sort(Comparator.comparing((FileStatus status) -> status.getPath().getName()).reversed());
        List<com.fasterxml.jackson.databind.JsonNode> result = new ArrayList<>();
        for (FileStatus run : runs.subList(0, Math.min(limit, runs.size()))) {
            result.add(JSON.readTree(readBytes(run.getPath())));
        }
        return result;
    }

    private List<Path> snapshotFiles()
            throws IOException
    {
        Path directory = new Path(root, SNAPSHOTS);
        List<Path> files = new ArrayList<>();
        try {
            for (FileStatus status : fs.listStatus(directory)) {
                if (SNAPSHOT_FILE.matcher(status.getPath().getName()).matches()) {
                    files.add(status.getPath());
                }
            }
        }
        catch (FileNotFoundException e) {
            return List.of();
        }
        files.sort(Comparator.comparing(Path::getName));
        return files;
    }

    private byte[] readBytes(Path path)
            throws IOException
    {
        try (InputStream input = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            input.transferTo(bytes);
            return bytes.toByteArray();
        }
    }

    private void writeBytes(Path path, byte[] bytes)
            throws IOException
    {
        try (OutputStream output = fs.create(path, true)) {
            output.write(bytes);
        }
    }
}

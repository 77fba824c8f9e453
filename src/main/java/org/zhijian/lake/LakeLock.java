package org.zhijian.lake;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.zhijian.ZhijianException;


/**
 * One writer at a time: the {@code _lock} file at the lake root names its holder (run, command,
 * process, host, user, start). It is created exclusively — a hard link on local disks, a
 * create-if-absent on HDFS — so two runs can never both hold it. The holder touches it every
 * {@link #HEARTBEAT} so that others can tell a live holder from a dead one: a lock whose
 * process is gone (same host) or whose heartbeat stopped (other hosts) is stale and is taken
 * over, and the takeover is checked so that two runs racing for a stale lock cannot both win.
 */
public final class LakeLock
        implements AutoCloseable
{
    public static final String FILE = "_lock";
    static final java.time.Duration HEARTBEAT = java.time.Duration.ofSeconds(10);
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofMinutes(2);

    private static final ObjectMapper JSON = new ObjectMapper().configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Who holds the lock. */
    public record Holder(
            @JsonProperty("run_id") String runId,
            @JsonProperty("command") String command,
            @JsonProperty("pid") long pid,
            @JsonProperty("host") String host,
            @JsonProperty("user") String user,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("process_started_at") String processStartedAt)
    {
        public static Holder current(String runId, String command)
        {
            return new Holder(runId, command, ProcessHandle.current().pid(), hostName(), System.getProperty("user.name", "?"), Instant.now().toString(),
                    processStart(ProcessHandle.current()));
        }

        String describe()
        {
            return "run " + runId + " (" + command + ", pid " + pid + " on " + host + ", user " + user + ", since " + startedAt + ")";
        }
    }

    private final FileSystem fs;
    private final Path path;
    private final Holder holder;
    private final ScheduledExecutorService heartbeat;

    private LakeLock(FileSystem fs, Path path, Holder holder)
    {
        this.fs = fs;
        this.path = path;
        this.holder = holder;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "zhijian-lake-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(this::touch, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes the lock of the lake at {@code root} or fails with {@link ZhijianException.Code#LAKE_BUSY}
     * naming the holder.
     *
     * @param notices receives one line when a stale lock is taken over
     */
    static LakeLock acquire(FileSystem fs, Path root, Holder holder, java.util.function.Consumer<String> notices)
            throws IOException
    {
        Path path = new Path(root, FILE);
        fs.mkdirs(root);
        byte[] content = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(holder);
        for (int attempt = 0; attempt < 5; attempt++) {
            if (createExclusively(fs, path, content)) {
                return new LakeLock(fs, path, holder);
            }
            Optional<Holder> current = read(fs, path);
            long age;
            try {
                age = System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
            }
            catch (FileNotFoundException e) {
                continue;
            }
            String staleReason = staleReason(current, age);
            if (staleReason == null) {
                throw new ZhijianException(ZhijianException.Code.LAKE_BUSY, "the lake at " + root + " is in use by "
                        + current.map(Holder::describe).orElse("a run that is starting") + "; try again when it has finished");
            }
            // Move the stale lock aside; only one contender can move this very file.
            Path aside = new Path(root, FILE + ".stale-" + holder.runId());
            if (fs.rename(path, aside)) {
                Optional<Holder> moved = read(fs, aside);
                if (!moved.equals(current) && !fs.exists(path)) {
                    // We moved a lock someone else had just taken: put it back and look again.
                    fs.rename(aside, path);
                    continue;
                }
                fs.delete(aside, false);
                notices.accept("took over a stale lake lock held by " + current.map(Holder::describe).orElse("an unknown run") + ": " + staleReason);
            }
        }
        throw new ZhijianException(ZhijianException.Code.LAKE_BUSY, "the lake at " + root + " is in use; could not take its lock");
    }

    /** Why the lock at {@code path} is stale, or empty when there is none or its holder may be alive. */
    static Optional<String> staleReason(FileSystem fs, Path path)
            throws IOException
    {
        try {
            long age = System.currentTimeMillis() - fs.getFileStatus(path).getModificationTime();
            return Optional.ofNullable(staleReason(read(fs, path), age));
        }
        catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Why a lock is stale, or null while its holder may be alive. */
    private static String staleReason(Optional<Holder> holder, long ageMillis)
    {
        if (holder.isEmpty()) {
            return ageMillis > STALE_AFTER.toMillis() ? "the lock file is unreadable and " + ageMillis / 1000 + " s old" : null;
        }
        if (holder.get().host().equals(hostName())) {
            Optional<ProcessHandle> process = ProcessHandle.of(holder.get().pid()).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return "process " + holder.get().pid() + " is no longer running";
            }
            // A recycled process id: the process now running under it started at another time.
            String started = holder.get().processStartedAt();
            if (started != null && !started.isEmpty() && !started.equals(processStart(process.get()))) {
                return "process " + holder.get().pid() + " has ended and its id was reused";
            }
            return null;
        }
        return ageMillis > STALE_AFTER.toMillis() ? "its heartbeat stopped " + ageMillis / 1000 + " s ago" : null;
    }

    private static boolean createExclusively(FileSystem fs, Path path, byte[] content)
            throws IOException
    {
        if (fs instanceof LocalFileSystem local) {
            // Write the whole content first, then link it into place: link(2) fails if the lock exists.
            java.io.File target = local.pathToFile(path);
            java.nio.file.Path temporary = Files.createTempFile(target.toPath().getParent(), FILE + ".", ".tmp");
            try {
                Files.write(temporary, content);
                Files.createLink(target.toPath(), temporary);
                return true;
            }
            catch (FileAlreadyExistsException e) {
                return false;
            }
            finally {
                Files.deleteIfExists(temporary);
            }
        }
        try (OutputStream output = fs.create(path, false)) {
            output.write(content);
            return true;
        }
        catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
        catch (IOException e) {
            if (fs.exists(path)) {
                return false;
            }
            throw e;
        }
    }

    static Optional<Holder> read(FileSystem fs, Path path)
    {
        try (InputStream input = fs.open(path)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            input.transferTo(bytes);
            return Optional.of(JSON.readValue(bytes.toByteArray(), Holder.class));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    public Holder holder()
    {
        return holder;
    }

    private void touch()
    {
        try {
            fs.setTimes(path, System.currentTimeMillis(), -1);
        }
        catch (IOException ignored) {
            // A missed heartbeat only matters after STALE_AFTER; the next one retries.
        }
    }

    @Override
    public void close()
            throws IOException
    {
        heartbeat.shutdownNow();
        if (read(fs, path).map(current -> current.runId().equals(holder.runId())).orElse(false)) {
            fs.delete(path, false);
        }
    }

    private static String processStart(ProcessHandle process)
    {
        return process.info().startInstant().map(Instant::toString).orElse("");
    }

    static String hostName()
    {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }
}

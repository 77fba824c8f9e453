package org.zhijian.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.zhijian.ChildJvm;

/**
 * Starts JVMs for the integration tests the way an operator would: zhijian's CLI from the built
 * classes and Maven's classpath (as the launcher does) or from the spark-submit jar, and Spark's
 * own daemons, each with the --add-opens flags and its output in a log file.
 */
final class JavaProcesses
{
    private JavaProcesses() {}

    /** What the build told the integration tests (failsafe's systemPropertyVariables). */
    static String property(String name)
    {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; run the integration tests with `mvn verify`");
        }
        return value;
    }

    /** The runtime classpath Maven resolved: Spark, Hadoop and every other dependency. */
    static List<Path> dependencies()
            throws IOException
    {
        String text = Files.readString(Path.of(property("zhijian.classpath")), StandardCharsets.UTF_8).trim();
        return Arrays.stream(text.split(java.io.File.pathSeparator)).map(Path::of).toList();
    }

    /** A free TCP port on the loopback interface. */
    static int freePort()
            throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** The CLI as the launcher starts it: classes, Maven's classpath, the spark-submit jar to ship; C1 only, its executors too. */
    static List<String> cli(String... arguments)
            throws IOException
    {
        String classPath = property("zhijian.classes") + java.io.File.pathSeparator + Files.readString(Path.of(property("zhijian.classpath"))).trim();
        return ChildJvm.command(classPath, List.of("-Xmx2g", ChildJvm.C1, "-Dspark.executor.defaultJavaOptions=" + ChildJvm.C1,
                "-Dzhijian.home=" + Path.of("").toAbsolutePath(), "-Dzhijian.jar=" + property("zhijian.jar")), "org.zhijian.cli.ZhijianCli", List.of(arguments));
    }

    /** Starts a process with its output to {@code log}. */
    static Process start(List<String> command, Map<String, String> environment, Path log)
            throws IOException
    {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs a command to its end (at most ten minutes) and returns its output; fails with it when the exit code is not 0. */
    static String run(List<String> command, Map<String, String> environment, Path log)
            throws IOException, InterruptedException
    {
        Process process = start(command, environment, log);
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            stop(process);
            throw new AssertionError("timed out: " + String.join(" ", command.subList(command.size() - 4, command.size())) + "\n" + tail(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError("exit " + process.exitValue() + ": " + String.join(" ", command.subList(Math.max(0, command.size() - 8), command.size())) + "\n" + tail(log));
        }
        return output;
    }

    /** Stops a process and everything it started: politely, then by force. */
    static void stop(Process process)
    {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    static String tail(Path log)
    {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

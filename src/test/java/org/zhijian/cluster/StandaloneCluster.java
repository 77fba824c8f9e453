package org.zhijian.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real Spark standalone cluster on 127.0.0.1 — one Master, one Worker with two cores — run
 * from the Maven-resolved Spark jars laid out as a SPARK_HOME ({@code jars/} of links). Closing it
 * stops both daemons and any executor the Worker started.
 */
final class StandaloneCluster
        implements AutoCloseable
{
    private final Path home;
    private final int port;
    private final int masterUi;
    private final List<Process> daemons = new ArrayList<>();

    private StandaloneCluster(Path home, int port, int masterUi)
    {
        this.home = home;
        this.port = port;
        this.masterUi = masterUi;
    }

    static StandaloneCluster start(Path directory)
            throws IOException, InterruptedException
    {
        Path home = directory.resolve("spark-home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (Path jar : JavaProcesses.dependencies()) {
            Files.createSymbolicLink(jars.resolve(jar.getFileName()), jar);
        }
        // bin/spark-submit as Spark's own script works: the launcher library builds the driver's command
        // (spark.driver.extraJavaOptions, the module flags), NUL-separated, and it is run.
        Path submit = Files.createDirectories(home.resolve("bin")).resolve("spark-submit");
        Files.writeString(submit, """
                #!/usr/bin/env bash
                CMD=()
                while IFS= read -d '' -r ARG; do
                  # Before the command the launcher may print lines of its own; the command starts at the java binary.
                  [[ ${#CMD[@]} -eq 0 ]] && ARG="${ARG##*$'\n'}"
                  [[ ${#CMD[@]} -eq 0 && -z "$ARG" ]] || CMD+=("$ARG")
                done < <("%s" -Xmx128m -cp "$SPARK_HOME/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@")
                exec "${CMD[@]}"
                """.formatted(org.zhijian.ChildJvm.java()));
        submit.toFile().setExecutable(true);
        StandaloneCluster cluster = new StandaloneCluster(home, JavaProcesses.freePort(), JavaProcesses.freePort());
        try {
            cluster.startDaemons(directory);
            return cluster;
        }
        catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    String url()
    {
        return "spark://127.0.0.1:" + port;
    }

    Path home()
    {
        return home;
    }

    /** The master's state as JSON (applications, workers). */
    String state()
            throws IOException, InterruptedException
    {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void startDaemons(Path directory)
            throws IOException, InterruptedException
    {
        Map<String, String> environment = Map.of("SPARK_HOME", home.toString(), "SPARK_SCALA_VERSION", "2.13");
        List<String> master = daemon("org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--webui-port", String.valueOf(masterUi));
        daemons.add(JavaProcesses.start(master, environment, directory.resolve("master.log")));
        waitFor(directory.resolve("master.log"), "\"status\" : \"ALIVE\"", "the master");
        List<String> worker = daemon("org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--webui-port", String.valueOf(JavaProcesses.freePort()),
                "--cores", "2", "--memory", "3g", "--work-dir", Files.createDirectories(directory.resolve("work")).toString(), url());
        daemons.add(JavaProcesses.start(worker, environment, directory.resolve("worker.log")));
        waitFor(directory.resolve("worker.log"), "\"aliveworkers\" : 1", "the worker");
    }

    private List<String> daemon(String mainClass, String... arguments)
    {
        return org.zhijian.ChildJvm.command(home.resolve("jars") + "/*", List.of("-Xmx512m", org.zhijian.ChildJvm.C1), mainClass, List.of(arguments));
    }

    /** Polls the master's JSON until it shows {@code expected}, for at most two minutes. */
    private void waitFor(Path log, String expected, String what)
            throws InterruptedException
    {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            for (Process daemon : daemons) {
                if (!daemon.isAlive()) {
                    throw new AssertionError(what + " exited " + daemon.exitValue() + "\n" + JavaProcesses.tail(log));
                }
            }
            try {
                if (state().contains(expected)) {
                    return;
                }
            }
            catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + " did not come up in two minutes\n" + JavaProcesses.tail(log));
    }

    @Override
    public void close()
    {
        // The worker first (it stops its executors), then the master.
        for (int i = daemons.size() - 1; i >= 0; i--) {
            JavaProcesses.stop(daemons.get(i));
        }
    }
}

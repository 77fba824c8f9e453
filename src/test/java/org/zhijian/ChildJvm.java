package org.zhijian;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a JVM of its own for a test: this JVM's java binary, the project's Spark
 * flags (pom.xml's {@code spark.jvm.opens}, which the build hands the tests as {@code zhijian.opens})
 * and this JVM's class path. zhijian's command line runs there with the C1 compiler
 * only: a child command lives a few seconds to a minute on a few thousand rows, so C2's
 * compilations cost more CPU than the faster code gives back (TestReaderLimits 22.2 s → 16.7 s,
 * TestLakePublication the same wall with 38 CPU-seconds fewer). A child that loops over half a
 * million rows (TestLargeWorkbook) keeps C2: it was 2.7 s slower with C1.
 */
public final class ChildJvm
{
    /** The JIT setting of every command-line JVM a test starts. */
    public static final String C1 = "-XX:TieredStopAtLevel=1";

    private ChildJvm() {}

    /** This JVM's java binary. */
    public static String java()
    {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The flags Spark needs on Java 17 (module opens, reflection settings), exactly as pom.xml gives them to the test JVMs. */
    public static List<String> sparkFlags()
    {
        String flags = System.getProperty("zhijian.opens");
        if (flags == null || flags.isBlank()) {
            throw new IllegalStateException("system property zhijian.opens is not set; run the tests with Maven (`mvn test`, `mvn verify`)");
        }
        return Arrays.stream(flags.trim().split("\\s+")).toList();
    }

    /** {@code java <Spark's flags> <jvmOptions> -cp <this class path> <mainClass> <arguments>}. */
    public static List<String> command(List<String> jvmOptions, String mainClass, List<String> arguments)
    {
        return command(System.getProperty("java.class.path"), jvmOptions, mainClass, arguments);
    }

    /** {@code java <Spark's flags> <jvmOptions> -cp <classPath> <mainClass> <arguments>}: a JVM on another class path (the launcher's, a Spark distribution's). */
    public static List<String> command(String classPath, List<String> jvmOptions, String mainClass, List<String> arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(sparkFlags());
        command.add("-Djava.awt.headless=true");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(arguments);
        return command;
    }

    /** zhijian's command line in a JVM of its own, C1 only. */
    public static List<String> cli(List<String> jvmOptions, String... arguments)
    {
        List<String> options = new ArrayList<>(List.of(C1));
        options.addAll(jvmOptions);
        return command(options, "org.zhijian.cli.ZhijianCli", List.of(arguments));
    }
}

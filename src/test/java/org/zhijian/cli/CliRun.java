package org.zhijian.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.zhijian.spark.SharedSpark;

/** Runs the command line in-process, on the shared Spark session, capturing what it prints. */
public record CliRun(int status, String out, String err)
{
    public static CliRun of(String... arguments)
    {
        SharedSpark.session();
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuffer = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(outBuffer, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errBuffer, true, StandardCharsets.UTF_8));
        try {
            int status = ZhijianCli.execute(arguments);
            return new CliRun(status, outBuffer.toString(StandardCharsets.UTF_8), errBuffer.toString(StandardCharsets.UTF_8));
        }
        finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}

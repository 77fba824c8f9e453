package org.zhijian.cli;

import java.io.PrintStream;

import static java.util.Objects.requireNonNull;

/** The CLI's own output: progress goes away with --quiet, results and errors never do. */
public final class Console
{
    private final PrintStream out;
    private final PrintStream err;
    private final boolean quiet;

    public Console(PrintStream out, PrintStream err, boolean quiet)
    {
        this.out = requireNonNull(out, "out is null");
        this.err = requireNonNull(err, "err is null");
        this.quiet = quiet;
    }

    public void progress(String message)
    {
        if (!quiet) {
            out.println(message);
            out.flush();
        }
    }

    public void result(String message)
    {
        out.println(message);
        out.flush();
    }

    public void error(String message)
    {
        err.println("error: " + message);
        err.flush();
    }
}

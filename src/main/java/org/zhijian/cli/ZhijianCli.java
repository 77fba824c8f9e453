package org.zhijian.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;

import org.zhijian.Messages;
import org.zhijian.ZhijianException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `zhijian` command line: parses flags and hands each command to its use case. */
@Command(name = "zhijian", mixinStandardHelpOptions = true, version = "zhijian " + org.zhijian.Version.NUMBER,
        description = {"zhijian (质监): batch analytics and reporting for a provincial quality and technical supervision bureau.",
                "Exit codes: 0 ok, 1 failure, 2 usage, 3 data-quality gate, 4 lake in use by another run."},
        subcommands = {
                DemoCommand.class,
                GenerateCommand.class,
                ValidateCommand.class,
                IngestCommand.class,
                BuildCommand.class,
                ReportCommand.class,
                ScenarioCommand.class,
                ExportCommand.class,
                PublishCommand.class,
                DossierCommand.class,
                RunCommand.class,
                LakeCommand.class,
        })
public final class ZhijianCli
        implements Runnable
{
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args)
    {
        System.exit(execute(args));
    }

    public static int execute(String... args)
    {
        CommandLine commandLine = new CommandLine(new ZhijianCli());
        commandLine.setExecutionExceptionHandler(ZhijianCli::handle);
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            PrintWriter err = exception.getCommandLine().getErr();
            err.println("error: " + exception.getMessage());
            err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ZhijianException.Code.USAGE.exitStatus();
        });
        return commandLine.execute(args);
    }

    /** The innermost I/O failure under an exception (Spark wraps a task's in its own), if any. */
    static java.util.Optional<java.io.IOException> ioFailure(Throwable exception)
    {
        java.io.IOException found = null;
        for (Throwable cause = exception; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.io.IOException io) {
                found = io;
            }
        }
        return java.util.Optional.ofNullable(found);
    }

    private static int handle(Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
    {
        PrintWriter err = commandLine.getErr();
        if (exception instanceof ZhijianException expected) {
            err.println("error: " + expected.getMessage());
            return expected.code().exitStatus();
        }
        java.util.Optional<java.io.IOException> io = ioFailure(exception);
        if (io.isPresent()) {
            // Out of space, permissions, a vanished file: the system's reason, one line.
            err.println("error: " + (exception instanceof UncheckedIOException ? "" : "I/O failure: ") + Messages.firstLine(io.get()));
            return ZhijianException.Code.FAILURE.exitStatus();
        }
        err.println("error: unexpected failure: " + Messages.firstLine(exception));
        if (Logging.verbose()) {
            exception.printStackTrace(err);
        }
        else {
            err.println("(run again with --verbose for the details)");
        }
        return ZhijianException.Code.FAILURE.exitStatus();
    }
}

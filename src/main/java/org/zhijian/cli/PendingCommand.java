package org.zhijian.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/** A command that is planned but not built yet: it says so in one line and exits 2. */
abstract class PendingCommand
        implements Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Unmatched
    List<String> arguments;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        System.err.println("error: '" + spec.name() + "' is not built yet in this version of zhijian");
        return 2;
    }


    @Command(name = "scenario", mixinStandardHelpOptions = true, description = "Run planners' Monte Carlo scenarios from a YAML file (not built yet).")
    static final class Scenario
            extends PendingCommand {}
}

package org.zhijian.cli;

import java.nio.file.Path;
import java.util.Optional;

import org.zhijian.config.ConfigLoader;
import org.zhijian.config.ZhijianConfig;
import org.zhijian.reference.ReferenceData;
import org.zhijian.reference.ReferenceDataLoader;

import static java.util.Objects.requireNonNull;

/** What a command needs once its flags are parsed: settings, reference data and the console. */
public final class CommandContext
{
    private final ZhijianConfig config;
    private final Path configFile;
    private final Console console;
    private ReferenceData reference;

    private CommandContext(ZhijianConfig config, Path configFile, Console console)
    {
        this.config = requireNonNull(config, "config is null");
        this.configFile = requireNonNull(configFile, "configFile is null");
        this.console = requireNonNull(console, "console is null");
    }

    static CommandContext create(GlobalOptions options, Optional<String> raw, Optional<String> language)
    {
        Path home = installationHome();
        Path configFile = options.conf != null ? options.conf.toAbsolutePath() : home.resolve("conf").resolve("zhijian.yaml");
        ZhijianConfig config = ConfigLoader.load(configFile, home, System.getenv(), options.overrides(raw, language));
        Console console = new Console(System.out, System.err, options.quiet);
        Logging.configure(options.verbose);
        return new CommandContext(config, configFile, console);
    }

    /** The installation directory: set by the launcher, else the working directory. */
    static Path installationHome()
    {
        String home = System.getProperty("zhijian.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
    }

    public ZhijianConfig config()
    {
        return config;
    }

    public Console console()
    {
        return console;
    }

    public Path configDirectory()
    {
        return configFile.getParent();
    }

    public synchronized ReferenceData reference()
    {
        if (reference == null) {
            reference = ReferenceDataLoader.load(configDirectory().resolve("reference"));
        }
        return reference;
    }
}

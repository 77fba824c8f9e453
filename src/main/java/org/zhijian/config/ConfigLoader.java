package org.zhijian.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;


import static java.util.Objects.requireNonNull;

/**
 * Loads conf/zhijian.yaml, then applies environment variables, then flags (file &lt; environment
 * &lt; flag), and checks every value once. Relative paths in the file resolve against the
 * installation directory; relative paths from the environment or flags against the working directory.
 */
public final class ConfigLoader
{
    public static final String ENV_RAW = "ZHIJIAN_RAW";
    public static final String ENV_LAKE = "ZHIJIAN_LAKE";
    public static final String ENV_REPORTS = "ZHIJIAN_REPORTS";
    public static final String ENV_MASTER = "ZHIJIAN_MASTER";
    public static final String ENV_LANGUAGE = "ZHIJIAN_LANG";
    public static final String ENV_REJECT_GATE = "ZHIJIAN_REJECT_GATE";
    public static final String ENV_SHUFFLE_PARTITIONS = "ZHIJIAN_SHUFFLE_PARTITIONS";

    private static final Set<String> LANGUAGES = Set.of("zh", "en");
    private static final Set<String> FORMATS = Set.of("csv", "gbk", "xlsx");
    private static final Pattern URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]+:.*");

    private ConfigLoader() {}

    public static ZhijianConfig load(Path file, Path home, Map<String, String> environment, ConfigOverrides overrides)
    {
        requireNonNull(environment, "environment is null");
        requireNonNull(overrides, "overrides is null");
        ZhijianConfig fromFile = readFile(file);
        ZhijianConfig.PathSettings paths = fromFile.paths();
        String raw = resolve(home, paths.raw());
        String lake = resolve(home, paths.lake());
        String reports = resolve(home, paths.reports());
        Path workingDirectory = Path.of("").toAbsolutePath();
        raw = pick(raw, environment.get(ENV_RAW), overrides.raw(), value -> resolve(workingDirectory, value));
        lake = pick(lake, environment.get(ENV_LAKE), overrides.lake(), value -> resolve(workingDirectory, value));
        reports = pick(reports, environment.get(ENV_REPORTS), overrides.reports(), value -> resolve(workingDirectory, value));
        String master = pick(fromFile.spark().master(), environment.get(ENV_MASTER), overrides.master(), Function.identity());
        String language = pick(fromFile.report().language(), environment.get(ENV_LANGUAGE), overrides.language(), Function.identity());

        double rejectGate = fromFile.quality().rejectGate();
        if (environment.get(ENV_REJECT_GATE) != null) {
            rejectGate = parseDouble(ENV_REJECT_GATE, environment.get(ENV_REJECT_GATE), "environment variable");
        }
        int shufflePartitions = fromFile.spark().shufflePartitions();
        if (environment.get(ENV_SHUFFLE_PARTITIONS) != null) {
            shufflePartitions = (int) parseDouble(ENV_SHUFFLE_PARTITIONS, environment.get(ENV_SHUFFLE_PARTITIONS), "environment variable");
        }

        ZhijianConfig config = new ZhijianConfig(
                new ZhijianConfig.PathSettings(raw, lake, reports),
                new ZhijianConfig.SparkSettings(master, shufflePartitions, fromFile.spark().settings()),
                new ZhijianConfig.ReportSettings(language, fromFile.report().font() == null ? null : resolve(home, fromFile.report().font()),
                        resolve(home, fromFile.report().definition())),
                new ZhijianConfig.QualitySettings(rejectGate, fromFile.quality().acceptPilotCreditCodes()),
                fromFile.generate(),
                fromFile.export(),
                fromFile.ingest());
        check(file, config);
        return config;
    }

    private static ZhijianConfig readFile(Path file)
    {
        ZhijianConfig config = YamlFiles.read(file, ZhijianConfig.class);
        return config == null ? new ZhijianConfig(null, null, null, null, null, null, null) : config;
    }

    private static void check(Path file, ZhijianConfig config)
    {
        if (!LANGUAGES.contains(config.report().language())) {
            throw new ConfigException(file + ": report.language must be zh or en, not '" + config.report().language() + "'");
        }
        double gate = config.quality().rejectGate();
        if (!(gate >= 0 && gate <= 1)) {
            throw new ConfigException(file + ": quality.reject_gate must be a share between 0 and 1, not " + gate);
        }
        if (config.spark().master().isBlank()) {
            throw new ConfigException(file + ": spark.master must not be empty");
        }
        if (config.spark().shufflePartitions() < 1) {
            throw new ConfigException(file + ": spark.shuffle_partitions must be at least 1, not " + config.spark().shufflePartitions());
        }
        config.spark().settings().keySet().stream()
                .filter(key -> !key.startsWith("spark."))
                .findFirst()
                .ifPresent(key -> {
                    throw new ConfigException(file + ": spark.settings key '" + key + "' must start with 'spark.'");
                });
        ZhijianConfig.GenerateSettings generate = config.generate();
        if (!(generate.scale() > 0)) {
            throw new ConfigException(file + ": generate.scale must be positive, not " + generate.scale());
        }
        if (!(generate.dirty() >= 0 && generate.dirty() < 1)) {
            throw new ConfigException(file + ": generate.dirty must be a share in [0, 1), not " + generate.dirty());
        }
        for (String format : generate.formats()) {
            if (!FORMATS.contains(format)) {
                throw new ConfigException(file + ": generate.formats has unknown format '" + format + "' (known: csv, gbk, xlsx)");
            }
        }
        ZhijianConfig.IngestSettings ingest = config.ingest();
        if (ingest.maxLineBytes() < 1024 || ingest.maxSheetBytes() < 1024 || ingest.maxSharedStringsBytes() < 1024) {
            throw new ConfigException(file + ": ingest.max_line_bytes, max_sheet_bytes and max_shared_strings_bytes must be at least 1024 bytes");
        }
        try {
            config.export().timeoutDuration();
        }
        catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
        List.of(config.paths().raw(), config.paths().lake(), config.paths().reports()).forEach(path -> {
            if (path.isBlank()) {
                throw new ConfigException(file + ": paths must not be empty");
            }
        });
    }

    private static String pick(String fromFile, String fromEnvironment, Optional<String> fromFlag, Function<String, String> resolver)
    {
        if (fromFlag.isPresent()) {
            return resolver.apply(fromFlag.get());
        }
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return resolver.apply(fromEnvironment);
        }
        return fromFile;
    }

    /** A URI with a scheme (hdfs://, s3a://, file:) is kept; a plain path is made absolute. */
    static String resolve(Path base, String path)
    {
        if (URI_SCHEME.matcher(path).matches()) {
            return path;
        }
        return base.resolve(path).normalize().toString();
    }

    private static double parseDouble(String key, String value, String source)
    {
        try {
            return Double.parseDouble(value.trim());
        }
        catch (NumberFormatException e) {
            throw new ConfigException(source + " " + key + ": '" + value + "' is not a number");
        }
    }
}

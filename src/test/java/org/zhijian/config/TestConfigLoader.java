package org.zhijian.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestConfigLoader
{
    @TempDir
    Path directory;

    @Test
    void fileThenEnvironmentThenFlag()
            throws IOException
    {
        Path file = write("paths:\n  lake: from-file\n  reports: reports-file\nspark:\n  master: local[2]\n");
        ZhijianConfig fileOnly = ConfigLoader.load(file, directory, Map.of(), ConfigOverrides.NONE);
        assertThat(fileOnly.paths().lake()).isEqualTo(directory.resolve("from-file").toString());
        assertThat(fileOnly.spark().master()).isEqualTo("local[2]");

        Map<String, String> environment = Map.of("ZHIJIAN_LAKE", "hdfs://namenode:8020/lake", "ZHIJIAN_MASTER", "local[1]");
        ZhijianConfig withEnvironment = ConfigLoader.load(file, directory, environment, ConfigOverrides.NONE);
        assertThat(withEnvironment.paths().lake()).isEqualTo("hdfs://namenode:8020/lake");
        assertThat(withEnvironment.spark().master()).isEqualTo("local[1]");
        assertThat(withEnvironment.paths().reports()).isEqualTo(directory.resolve("reports-file").toString());

        ConfigOverrides flags = new ConfigOverrides(Optional.empty(), Optional.of("s3a://bucket/lake"), Optional.empty(), Optional.of("spark://127.0.0.1:7077"), Optional.of("en"));
        ZhijianConfig withFlags = ConfigLoader.load(file, directory, environment, flags);
        assertThat(withFlags.paths().lake()).isEqualTo("s3a://bucket/lake");
        assertThat(withFlags.spark().master()).isEqualTo("spark://127.0.0.1:7077");
        assertThat(withFlags.report().language()).isEqualTo("en");
    }

    @Test
    void missingSectionsTakeDefaults()
            throws IOException
    {
        ZhijianConfig config = ConfigLoader.load(write("report:\n  language: zh\n"), directory, Map.of(), ConfigOverrides.NONE);
        assertThat(config.quality().rejectGate()).isEqualTo(0.05);
        assertThat(config.spark().master()).isEqualTo("local[*]");
        assertThat(config.paths().raw()).isEqualTo(directory.resolve("data/raw").toString());
    }

    @Test
    void unknownKeyNamesKeyAndFile()
            throws IOException
    {
        Path file = write("paths:\n  lak: x\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, directory, Map.of(), ConfigOverrides.NONE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("unknown key 'paths.lak'")
                .hasMessageContaining("lake");
    }

    @Test
    void badValuesNameKeyAndFile()
            throws IOException
    {
        Path notNumber = write("quality:\n  reject_gate: lots\n");
        assertThatThrownBy(() -> ConfigLoader.load(notNumber, directory, Map.of(), ConfigOverrides.NONE))
                .hasMessageContaining(notNumber.toString())
                .hasMessageContaining("quality.reject_gate");
        Path outOfRange = write("quality:\n  reject_gate: 1.5\n");
        assertThatThrownBy(() -> ConfigLoader.load(outOfRange, directory, Map.of(), ConfigOverrides.NONE))
                .hasMessageContaining("quality.reject_gate must be a share between 0 and 1");
        Path language = write("report:\n  language: fr\n");
        assertThatThrownBy(() -> ConfigLoader.load(language, directory, Map.of(), ConfigOverrides.NONE))
                .hasMessageContaining("report.language");
        Path ok = write("report:\n  language: zh\n");
        assertThatThrownBy(() -> ConfigLoader.load(ok, directory, Map.of("ZHIJIAN_REJECT_GATE", "abc"), ConfigOverrides.NONE))
                .hasMessageContaining("ZHIJIAN_REJECT_GATE");
        assertThatThrownBy(() -> ConfigLoader.load(directory.resolve("missing.yaml"), directory, Map.of(), ConfigOverrides.NONE))
                .hasMessageContaining("does not exist");
    }

    @Test
    void shippedConfigurationLoads()
    {
        ZhijianConfig config = ConfigLoader.load(Path.of("conf", "zhijian.yaml"), Path.of(""), Map.of(), ConfigOverrides.NONE);
        assertThat(config.generate().formats()).containsExactly("csv", "gbk", "xlsx");
        assertThat(config.quality().rejectGate()).isEqualTo(0.05);
    }

    private Path write(String yaml)
            throws IOException
    {
        Path file = Files.createTempFile(directory, "zhijian", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }
}

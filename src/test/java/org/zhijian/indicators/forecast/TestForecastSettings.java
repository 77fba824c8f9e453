package org.zhijian.indicators.forecast;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.config.ConfigException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** conf/forecasts.yaml: the shipped file loads; a setting out of range is refused naming its key. */
class TestForecastSettings
{
    @TempDir
    Path directory;

    @Test
    void theShippedSettingsLoad()
    {
        ForecastSettings settings = ForecastSettings.load(Path.of("conf", "forecasts.yaml"));
        assertThat(settings.horizon()).isEqualTo(4);
        assertThat(settings.backtestQuarters()).isEqualTo(8);
    }

    @Test
    void aSettingOutOfRangeIsRefusedNamingItsKey()
            throws IOException
    {
        String shipped = Files.readString(Path.of("conf", "forecasts.yaml"));
        assertThatThrownBy(() -> ForecastSettings.load(Files.writeString(directory.resolve("a.yaml"), shipped.replace("discount: 0.93", "discount: 0"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a.yaml: discount must be above 0 and at most 1, not 0.0");
        assertThatThrownBy(() -> ForecastSettings.load(Files.writeString(directory.resolve("b.yaml"), shipped.replace("draws: 4000", "draws: -5"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("draws must be from 100 to 1,000,000, not -5");
        assertThatThrownBy(() -> ForecastSettings.load(Files.writeString(directory.resolve("c.yaml"), shipped.replace("  seasonal: 0.2", "  seasonal: -0.2"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spread.seasonal must be positive");
    }
}

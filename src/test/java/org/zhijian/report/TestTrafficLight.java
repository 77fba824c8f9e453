package org.zhijian.report;

import org.junit.jupiter.api.Test;
import org.zhijian.ZhijianException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Status colours are the three the marts write; anything else is refused where it enters, not drawn red. */
class TestTrafficLight
{
    @Test
    void theMartsValuesParseAndAnyOtherIsRefusedNamingItsSource()
    {
        assertThat(TrafficLight.parse("green", "x")).isEqualTo(TrafficLight.GREEN);
        assertThat(TrafficLight.parse("amber", "x").style()).isEqualTo("status_amber");
        assertThat(TrafficLight.parse("red", "x").rgb()).isEqualTo(0xFFC7CE);
        assertThatThrownBy(() -> TrafficLight.parse("purple", "report block 'warnings', column severity"))
                .isInstanceOf(ZhijianException.class)
                .hasMessage("report block 'warnings', column severity: 'purple' is not a status colour (green, amber or red)");
        assertThatThrownBy(() -> TrafficLight.parse("Green", "x")).isInstanceOf(ZhijianException.class);
    }
}

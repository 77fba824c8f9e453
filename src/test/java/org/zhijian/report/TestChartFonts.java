package org.zhijian.report;

import java.awt.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhijian.ZhijianException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** .ci/run installs a CJK font first (scripts/install-fonts), so these run on a fresh machine too. */
class TestChartFonts
{
    private static final List<String> LABELS = List.of("监督抽查批次合格率", "杭州市", "宁波市", "丽水市", "合格率 (%)", "2025年第三季度");

    @Test
    void anInstalledFontCoversEveryChineseLabel()
    {
        Font font = ChartFonts.resolve(Optional.empty(), LABELS);
        assertThat(font.canDisplayUpTo(String.join("", LABELS))).isEqualTo(-1);
        assertThat(font.getFamily()).isNotIn(Font.DIALOG, Font.SANS_SERIF);
    }

    @Test
    void labelsNoFontCoversFailWithTheFix()
    {
        // U+E000 is a private-use code point: no installed font draws it.
        assertThatThrownBy(() -> ChartFonts.resolve(Optional.empty(), List.of("合格率\uE000")))
                .isInstanceOf(ZhijianException.class).hasMessageContaining("scripts/install-fonts");
    }

    @Test
    void aConfiguredFileThatIsNotAFontIsAUsageError(@TempDir Path directory)
            throws java.io.IOException
    {
        Path file = Files.writeString(directory.resolve("font.ttf"), "not a font");
        assertThatThrownBy(() -> ChartFonts.resolve(Optional.of(file), LABELS))
                .isInstanceOf(ZhijianException.class).hasMessageContaining("is not a TrueType or OpenType font");
    }
}

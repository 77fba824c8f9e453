package org.zhijian.report;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.zhijian.ZhijianException;

/**
 * Finds the font charts draw with: a configured TTF/OTF/TTC file, else an installed family
 * known for CJK glyphs, else any installed family — always checked to cover every label, so a
 * chart never shows boxes. Fails with one line saying how to fix it.
 */
public final class ChartFonts
{
    /** Families tried first, in order: common CJK fonts on Debian, macOS and Windows. */
    static final List<String> PREFERRED = List.of("Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei",
            "WenQuanYi Zen Hei", "Droid Sans Fallback", "PingFang SC", "Microsoft YaHei", "SimHei", "AR PL UMing CN");

    private static final String FIX = "run scripts/install-fonts (as root: apt-get install fonts-noto-cjk) or set report.font in conf/zhijian.yaml to a .ttf, .otf or .ttc file with Chinese glyphs";

    private ChartFonts() {}

    /** The font (size 12) that covers every label, from the configured file if any. */
    public static Font resolve(Optional<Path> configured, Collection<String> labels)
    {
        String sample = String.join("", labels);
        if (configured.isPresent()) {
            Font font = load(configured.get());
            int missing = font.canDisplayUpTo(sample);
            if (missing >= 0) {
                throw new ZhijianException(ZhijianException.Code.FAILURE, "the configured report font " + configured.get() + " has no glyph for '"
                        + new String(Character.toChars(sample.codePointAt(missing))) + "'; " + FIX);
            }
            return font.deriveFont(Font.PLAIN, 12f);
        }
        Set<String> installed = Set.of(GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames());
        for (String family : PREFERRED) {
            if (installed.contains(family)) {
                Font font = new Font(family, Font.PLAIN, 12);
                if (font.canDisplayUpTo(sample) < 0) {
                    return font;
                }
            }
        }
        for (String family : installed.stream().sorted().toList()) {
            Font font = new Font(family, Font.PLAIN, 12);
            // Logical fonts (Dialog, SansSerif) map to several files and may draw boxes; only real families are taken.
            if (!Set.of(Font.DIALOG, Font.DIALOG_INPUT, Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED).contains(family) && font.canDisplayUpTo(sample) < 0) {
                return font;
            }
        }
        int first = firstNonLatin(sample);
        throw new ZhijianException(ZhijianException.Code.FAILURE, "no installed font has glyphs for the chart labels (e.g. '"
                + (first < 0 ? sample : new String(Character.toChars(sample.codePointAt(first)))) + "'); " + FIX);
    }

    private static Font load(Path file)
    {
        if (!Files.isRegularFile(file)) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "report.font: " + file + " is not a file");
        }
        try {
            Font[] fonts = Font.createFonts(file.toFile());
            return fonts[0];
        }
        catch (FontFormatException | IOException e) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "report.font: " + file + " is not a TrueType or OpenType font: " + e.getMessage());
        }
    }

    private static int firstNonLatin(String text)
    {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x2000) {
                return i;
            }
        }
        return -1;
    }
}

package org.zhijian.reference;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GB/T 4754-2017 sections and manufacturing divisions, and the parsing of industry codes. */
public final class Industries
        implements java.io.Serializable
{
    private static final long serialVersionUID = 1L;

    // A section letter, or an optional section letter then a division (2 digits) or class (4 digits).
    private static final Pattern CODE = Pattern.compile("([A-T])?(\\d{2})(\\d{2})?");

    private final Map<String, Industry> byCode;

    public Industries(List<Industry> industries)
    {
        Map<String, Industry> map = new LinkedHashMap<>();
        for (Industry industry : industries) {
            if (map.put(industry.code(), industry) != null) {
                throw new IllegalArgumentException("duplicate industry code " + industry.code());
            }
        }
        this.byCode = Map.copyOf(map);
    }

    public List<Industry> all()
    {
        return byCode.values().stream().sorted(java.util.Comparator.comparing(Industry::code)).toList();
    }

    public List<Industry> sections()
    {
        return all().stream().filter(Industry::isSection).toList();
    }

    public List<Industry> divisions()
    {
        return all().stream().filter(industry -> !industry.isSection()).toList();
    }

    public Optional<Industry> byCode(String code)
    {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The reference entry an industry code falls under: a section letter itself, or the
     * division of a division or class code (C3311, 3311 and 33 all give division 33).
     */
    public Optional<Industry> resolve(String code)
    {
        if (code == null) {
            return Optional.empty();
        }
        String trimmed = code.trim();
        if (trimmed.length() == 1) {
            return byCode(trimmed).filter(Industry::isSection);
        }
        Matcher matcher = CODE.matcher(trimmed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<Industry> division = byCode(matcher.group(2)).filter(industry -> !industry.isSection());
        String section = matcher.group(1);
        if (section != null && division.isPresent() && !division.get().section().equals(section)) {
            return Optional.empty();
        }
        return division;
    }

    /** The manufacturing division of a code, or empty when the code is not manufacturing. */
    public Optional<String> manufacturingDivision(String code)
    {
        return resolve(code).filter(industry -> !industry.isSection() && industry.section().equals("C")).map(Industry::code);
    }
}

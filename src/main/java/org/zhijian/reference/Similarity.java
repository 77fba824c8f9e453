package org.zhijian.reference;

import java.util.HashSet;
import java.util.Set;

/** How alike two names are: the Dice coefficient of their character pairs (a one-character name is its own pair). */
public final class Similarity
{
    private Similarity() {}

    public static Set<String> pairs(String text)
    {
        String folded = text == null ? "" : text.strip();
        Set<String> pairs = new HashSet<>();
        for (int i = 0; i + 1 < folded.length(); i++) {
            pairs.add(folded.substring(i, i + 2));
        }
        if (folded.length() == 1) {
            pairs.add(folded);
        }
        return pairs;
    }

    /** 2·|shared| / (|a| + |b|), 0 when both are empty. */
    public static double dice(Set<String> a, Set<String> b)
    {
        if (a.isEmpty() && b.isEmpty()) {
            return 0;
        }
        long shared = a.stream().filter(b::contains).count();
        return 2.0 * shared / (a.size() + b.size());
    }
}

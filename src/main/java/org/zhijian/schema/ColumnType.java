package org.zhijian.schema;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The logical type of a raw column, which decides how its text is parsed and stored. */
public enum ColumnType
{
    TEXT("text"),
    CODE("code"),
    DATE("date"),
    BOOLEAN("boolean"),
    DECIMAL("amount"),
    INTEGER("integer"),
    YEAR("year");

    private final String word;

    ColumnType(String word)
    {
        this.word = word;
    }

    /** The type's name in conf/datasets. */
    public String word()
    {
        return word;
    }

    public static Optional<ColumnType> forWord(String word)
    {
        return Arrays.stream(values()).filter(type -> type.word.equals(word.toLowerCase(Locale.ROOT))).findFirst();
    }
}

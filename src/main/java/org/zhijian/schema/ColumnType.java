package org.zhijian.schema;

/** The logical type of a raw column, which decides how its text is parsed and stored. */
public enum ColumnType
{
    TEXT,
    CODE,
    DATE,
    BOOLEAN,
    DECIMAL,
    INTEGER,
    YEAR,
}

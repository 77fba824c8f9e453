package org.zhijian.lake;

import java.util.regex.Pattern;

import org.zhijian.ZhijianException;

import static java.util.Objects.requireNonNull;

/**
 * A lake table by layer and name, written {@code staged.inspections}: the name Spark views,
 * exports and manifests use, and the folder {@code staged/inspections} it lives under.
 */
public record TableName(String layer, String name)
        implements Comparable<TableName>
{
    private static final Pattern PART = Pattern.compile("[a-z][a-z0-9_]*");

    public TableName
    {
        requireNonNull(layer, "layer is null");
        requireNonNull(name, "name is null");
        if (!PART.matcher(layer).matches() || !PART.matcher(name).matches()) {
            throw new IllegalArgumentException("bad table name " + layer + "." + name);
        }
    }

    public static TableName of(String layer, String name)
    {
        return new TableName(layer, name);
    }

    /** Parses {@code layer.name}, failing with a usage error a person can act on. */
    public static TableName parse(String text)
    {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.') || !PART.matcher(text.substring(0, dot)).matches() || !PART.matcher(text.substring(dot + 1)).matches()) {
            throw new ZhijianException(ZhijianException.Code.USAGE, "'" + text + "' is not a table name; write layer.table, e.g. staged.inspections");
        }
        return new TableName(text.substring(0, dot), text.substring(dot + 1));
    }

    /** The table's folder relative to the lake root. */
    public String folder()
    {
        return layer + "/" + name;
    }

    @Override
    public int compareTo(TableName other)
    {
        return toString().compareTo(other.toString());
    }

    @Override
    public String toString()
    {
        return layer + "." + name;
    }
}

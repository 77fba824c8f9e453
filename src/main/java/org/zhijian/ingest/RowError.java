package org.zhijian.ingest;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * One broken rule of one row: the rule's id, the column it concerns (empty for a whole-row rule),
 * the offending value as written and the message a person reads.
 */
public record RowError(String rule, String column, String value, String message)
        implements Serializable
{
    public RowError
    {
        requireNonNull(rule, "rule is null");
        requireNonNull(column, "column is null");
        requireNonNull(value, "value is null");
        requireNonNull(message, "message is null");
    }

    /** The reason as stored in quarantine: the column first, when there is one. */
    public String reason()
    {
        return column.isEmpty() ? message : column + ": " + message;
    }
}

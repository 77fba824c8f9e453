package org.zhijian.schema;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * A code of one dataset that must name a row of another, e.g. a finance row's credit_code an
 * enterprise: checked against the rows of the other dataset staged or accepted in the same load.
 *
 * @param message the message template; {@code {value}} is the code
 */
public record Reference(String column, String dataset, String key, String rule, String message)
        implements Serializable
{
    public Reference
    {
        requireNonNull(column, "column is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(key, "key is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(message, "message is null");
    }

    public String message(String value)
    {
        return message.replace("{value}", value);
    }

    /** The message as a {@code format_string} template with the code as its one argument. */
    public String formatTemplate()
    {
        return message.replace("%", "%%").replace("{value}", "%s");
    }
}

package org.zhijian.ingest;

/** One broken rule of one quarantined row, as `validate` lists it. */
public record Problem(String file, long line, String rule, String column, String value, String message)
{
    public String describe()
    {
        StringBuilder text = new StringBuilder(file).append(':').append(line);
        if (!column.isEmpty()) {
            text.append(" column ").append(column);
        }
        if (!value.isEmpty()) {
            text.append(" value '").append(value).append('\'');
        }
        return text.append(": ").append(rule).append(": ").append(message).toString();
    }
}

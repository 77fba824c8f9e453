package org.zhijian.ingest;

import org.zhijian.schema.Rule;

import static java.util.Objects.requireNonNull;

/**
 * Why a whole raw file was not loaded (empty, binary, undecodable, a required header missing,
 * an unreadable workbook), with the line and column where it shows when there is one.
 *
 * @param line the line the problem is on, or 0 for the file as a whole
 * @param column the column concerned, or empty
 */
public record FileProblem(String fileName, Rule rule, long line, String column, String message)
{
    public FileProblem
    {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(rule, "rule is null");
        requireNonNull(column, "column is null");
        requireNonNull(message, "message is null");
    }

    /** One line for the console: file, line, column, rule and message. */
    public String describe()
    {
        StringBuilder text = new StringBuilder(fileName);
        if (line > 0) {
            text.append(':').append(line);
        }
        if (!column.isEmpty()) {
            text.append(" column ").append(column);
        }
        return text.append(": ").append(rule.id()).append(": ").append(message).toString();
    }
}

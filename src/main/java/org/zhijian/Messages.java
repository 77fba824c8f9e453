package org.zhijian;

/** Messages as one line, for the single {@code error:} line a command prints. */
public final class Messages
{
    private Messages() {}

    /** The first line of a message, stripped; empty for none. */
    public static String firstLine(String message)
    {
        String line = message == null ? "" : message.strip();
        int newline = line.indexOf('\n');
        return newline < 0 ? line : line.substring(0, newline);
    }

    /** The first line of an exception's message, or its class name when it has none. */
    public static String firstLine(Throwable exception)
    {
        return exception.getMessage() == null || exception.getMessage().isBlank() ? exception.getClass().getSimpleName() : firstLine(exception.getMessage());
    }
}

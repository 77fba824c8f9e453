package org.zhijian;

import static java.util.Objects.requireNonNull;

/**
 * An expected failure with a message a person can act on; the CLI prints the message on one
 * line and exits with the code's status, never with a stack trace.
 */
public class ZhijianException
        extends RuntimeException
{
    /** What kind of failure, and so which exit status. */
    public enum Code
    {
        FAILURE(1),
        USAGE(2),
        DATA_QUALITY_GATE(3),
        LAKE_BUSY(4);

        private final int exitStatus;

        Code(int exitStatus)
        {
            this.exitStatus = exitStatus;
        }

        public int exitStatus()
        {
            return exitStatus;
        }
    }

    private final Code code;

    public ZhijianException(Code code, String message)
    {
        super(requireNonNull(message, "message is null"));
        this.code = requireNonNull(code, "code is null");
    }

    public ZhijianException(Code code, String message, Throwable cause)
    {
        super(requireNonNull(message, "message is null"), cause);
        this.code = requireNonNull(code, "code is null");
    }

    public Code code()
    {
        return code;
    }
}

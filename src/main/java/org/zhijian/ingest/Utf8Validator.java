package org.zhijian.ingest;

/**
 * Validates UTF-8 one byte at a time, going on after a broken sequence: says whether the bytes
 * seen since the last {@link #clear} held an invalid sequence and whether they held characters
 * beyond ASCII. The scanner uses it line by line, the CSV reader record by record.
 */
final class Utf8Validator
{
    private int remaining;
    private boolean invalid;
    private boolean multibyte;

    void accept(int b)
    {
        if (remaining > 0) {
            if ((b & 0xC0) == 0x80) {
                remaining--;
                return;
            }
            // A broken sequence: this byte starts afresh.
            invalid = true;
            remaining = 0;
        }
        if (b < 0x80) {
            return;
        }
        multibyte = true;
        if (b >= 0xC2 && b <= 0xDF) {
            remaining = 1;
        }
        else if (b >= 0xE0 && b <= 0xEF) {
            remaining = 2;
        }
        else if (b >= 0xF0 && b <= 0xF4) {
            remaining = 3;
        }
        else {
            invalid = true;
        }
    }

    /** Ends the input: a sequence still open is invalid. */
    void end()
    {
        if (remaining > 0) {
            invalid = true;
            remaining = 0;
        }
    }

    boolean invalid()
    {
        return invalid;
    }

    boolean multibyte()
    {
        return multibyte;
    }

    /** Forgets what was seen, keeping a sequence in progress (a line may end inside one only when it is broken). */
    void clear()
    {
        invalid = false;
        multibyte = false;
    }

    /** Whether the bytes are valid UTF-8 and hold at least one character beyond ASCII. */
    static boolean isMultibyteUtf8(byte[] bytes)
    {
        Utf8Validator validator = new Utf8Validator();
        for (byte b : bytes) {
            validator.accept(b & 0xFF);
        }
        validator.end();
        return validator.multibyte() && !validator.invalid();
    }
}

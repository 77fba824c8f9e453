package org.zhijian.ingest;

/**
 * Validates UTF-8 one byte at a time, going on after a broken sequence: says whether the bytes
 * seen since the last {@link #clear} held an invalid sequence and whether they held UTF-8 text
 * beyond ASCII. The scanner uses it line by line, the CSV reader record by record.
 *
 * <p>Only a sequence of three or four bytes counts as text beyond ASCII: Chinese and the
 * full-width punctuation around it are three bytes in UTF-8, while GBK text is often valid UTF-8
 * by chance as two-byte sequences (未知 in GBK is CE B4 D6 AA, which UTF-8 reads as δ and a
 * Hebrew point). Counting those would take such GBK lines for UTF-8.
 */
final class Utf8Validator
{
    private int remaining;
    private boolean wideSequence;
    private boolean invalid;
    private boolean multibyte;

    void accept(int b)
    {
        if (remaining > 0) {
            if ((b & 0xC0) == 0x80) {
                remaining--;
                if (remaining == 0 && wideSequence) {
                    multibyte = true;
                }
                return;
            }
            // A broken sequence: this byte starts afresh.
            invalid = true;
            remaining = 0;
        }
        if (b < 0x80) {
            return;
        }
        wideSequence = b >= 0xE0;
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

    /** Whether a complete sequence of three or four bytes was seen (UTF-8 text beyond ASCII). */
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

    /** Whether the bytes are valid UTF-8 and hold at least one character of three or four bytes. */
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

package org.zhijian.generate;

/** Fast, locale-free formatting of amounts with two decimals, the way raw files carry them. */
final class Amounts
{
    private Amounts() {}

    static String format(double value)
    {
        long cents = Math.round(value * 100);
        StringBuilder builder = new StringBuilder(16);
        if (cents < 0) {
            builder.append('-');
            cents = -cents;
        }
        builder.append(cents / 100).append('.');
        long fraction = cents % 100;
        if (fraction < 10) {
            builder.append('0');
        }
        return builder.append(fraction).toString();
    }

    static String formatOne(double value)
    {
        long tenths = Math.round(value * 10);
        return (tenths / 10) + "." + Math.abs(tenths % 10);
    }
}

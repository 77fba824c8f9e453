package org.zhijian.reference;

import java.util.Optional;

/**
 * The unified social credit code of GB 32100-2015: 18 characters whose 9th to 17th hold an
 * organisation code (GB 11714) with its own check character, and whose 18th is the check
 * character over the first 17.
 */
public final class CreditCode
{
    /** The 31 characters of the code, in value order; I, O, S, V and Z are not used. */
    public static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ORGANIZATION_WEIGHTS = {3, 7, 9, 10, 5, 8, 4, 2};
    public static final int LENGTH = 18;

    /** What the validator concludes of one value. */
    public enum Verdict
    {
        VALID,
        BAD_FORMAT,
        BAD_CHECK,
    }

    private CreditCode() {}

    public static Verdict verify(String code)
    {
        if (code == null || code.length() != LENGTH) {
            return Verdict.BAD_FORMAT;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Verdict.BAD_FORMAT;
            }
        }
        return code.charAt(17) == checkCharacter(code.substring(0, 17)) ? Verdict.VALID : Verdict.BAD_CHECK;
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17)
    {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("expected 17 characters, got " + first17.length());
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = ALPHABET.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not a credit-code character");
            }
            sum += value * WEIGHTS[i];
        }
        int check = 31 - sum % 31;
        return ALPHABET.charAt(check == 31 ? 0 : check);
    }

    /** The expected check character of a code of the right shape, for messages. */
    public static Optional<Character> expectedCheckCharacter(String code)
    {
        if (code == null || code.length() != LENGTH) {
            return Optional.empty();
        }
        try {
            return Optional.of(checkCharacter(code.substring(0, 17)));
        }
        catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The GB 11714 check character of an 8-character organisation-code body: 0-9, X (10) or 0 (11). */
    public static char organizationCheckCharacter(String body)
    {
        if (body.length() != 8) {
            throw new IllegalArgumentException("expected 8 characters, got " + body.length());
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = body.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
            }
            else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
            }
            else {
                throw new IllegalArgumentException("'" + c + "' is not an organisation-code character");
            }
            sum += value * ORGANIZATION_WEIGHTS[i];
        }
        int check = 11 - sum % 11;
        if (check == 10) {
            return 'X';
        }
        return check == 11 ? '0' : (char) ('0' + check);
    }

    /**
     * Builds a valid code for an enterprise (registration authority 9, type 1) registered in a
     * division, from an 8-character organisation-code body of digits and credit-code letters.
     */
    public static String forEnterprise(String divisionCode, String organizationBody)
    {
        if (divisionCode.length() != 6) {
            throw new IllegalArgumentException("division code must have 6 digits: " + divisionCode);
        }
        String first17 = "91" + divisionCode + organizationBody + organizationCheckCharacter(organizationBody);
        return first17 + checkCharacter(first17);
    }
}

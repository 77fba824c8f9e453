package org.zhijian.reference;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.zhijian.reference.CreditCode.Verdict.BAD_CHECK;
import static org.zhijian.reference.CreditCode.Verdict.BAD_FORMAT;
import static org.zhijian.reference.CreditCode.Verdict.VALID;

class TestCreditCode
{
    @Test
    void acceptsKnownValidCodes()
    {
        assertThat(CreditCode.verify("91330101589882738D")).isEqualTo(VALID);
        assertThat(CreditCode.verify("91310110666007217T")).isEqualTo(VALID);
    }

    @Test
    void computesCheckCharacterOfKnownCodes()
    {
        assertThat(CreditCode.checkCharacter("91330101589882738")).isEqualTo('D');
        assertThat(CreditCode.checkCharacter("91310110666007217")).isEqualTo('T');
    }

    @Test
    void computesOrganizationCodeCheckCharacter()
    {
        assertThat(CreditCode.organizationCheckCharacter("00251805")).isEqualTo('7');
        assertThat(CreditCode.organizationCheckCharacter("00251809")).isEqualTo('X');
        assertThat(CreditCode.organizationCheckCharacter("58988273")).isEqualTo('8');
    }

    @Test
    void rejectsWrongCheckCharacterAsItsOwnVerdict()
    {
        assertThat(CreditCode.verify("91330101589882738E")).isEqualTo(BAD_CHECK);
        assertThat(CreditCode.expectedCheckCharacter("91330101589882738E")).contains('D');
    }

    @Test
    void rejectsMalformedCodes()
    {
        assertThat(CreditCode.verify(null)).isEqualTo(BAD_FORMAT);
        assertThat(CreditCode.verify("9133010158988273")).isEqualTo(BAD_FORMAT);
        assertThat(CreditCode.verify("91330101589882738D1")).isEqualTo(BAD_FORMAT);
        // I, O, S, V and Z are not in the character set.
        assertThat(CreditCode.verify("9133010158988273ID")).isEqualTo(BAD_FORMAT);
        assertThat(CreditCode.verify("91330101589882738d")).isEqualTo(BAD_FORMAT);
    }

    @Test
    void buildsCodesWhoseBothCheckCharactersAreRight()
    {
        String code = CreditCode.forEnterprise("330782", "58988273");
        assertThat(code).startsWith("91330782589882738");
        assertThat(code.substring(2, 8)).isEqualTo("330782");
        assertThat(code.charAt(16)).isEqualTo('8');
        assertThat(CreditCode.verify(code)).isEqualTo(VALID);
        String newStyle = CreditCode.forEnterprise("330106", "MA2CD7XK");
        assertThat(CreditCode.verify(newStyle)).isEqualTo(VALID);
        assertThat(newStyle.charAt(16)).isEqualTo(CreditCode.organizationCheckCharacter("MA2CD7XK"));
    }
}

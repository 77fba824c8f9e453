package org.zhijian.ingest;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.zhijian.reference.AddressResolver;
import org.zhijian.reference.CreditCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.zhijian.ingest.IngestFixtures.REFERENCE;

/** Producers written as a name and an address, resolved against a register (DOMAIN.md, "Names as printed", "Addresses"). */
class TestProducerResolver
{
    private static final AddressResolver ADDRESSES = AddressResolver.of(REFERENCE.divisions());
    private static final String HARDWARE = CreditCode.forEnterprise("330784", "MA28A011");
    private static final String HARDWARE_BRANCH = CreditCode.forEnterprise("330782", "MA28A012");
    private static final String CABLE = CreditCode.forEnterprise("330102", "MA28A013");
    private static final String TWIN_WUYI = CreditCode.forEnterprise("330723", "MA28A014");
    private static final String TWIN_YONGKANG = CreditCode.forEnterprise("330784", "MA28A015");
    private static final List<ProducerResolver.Entry> REGISTER = List.of(
            new ProducerResolver.Entry(HARDWARE, "永康市恒达五金制品有限公司", List.of("永康市恒达五金厂"), "330784", null),
            new ProducerResolver.Entry(HARDWARE_BRANCH, "永康市恒达五金制品有限公司义乌分公司", List.of(), "330782", HARDWARE),
            new ProducerResolver.Entry(CABLE, "杭州（中策）电缆有限责任公司", List.of(), "330102", null),
            new ProducerResolver.Entry(TWIN_WUYI, "浙江华通工具有限公司", List.of(), "330723", null),
            new ProducerResolver.Entry(TWIN_YONGKANG, "浙江华通工具有限责任公司", List.of(), "330784", null));

    private static ProducerResolver resolver(List<ProducerResolver.Mapping> mappings)
    {
        return new ProducerResolver(REGISTER, mappings, ADDRESSES);
    }

    @Test
    void addressesPlaceACountyByTodaysOrAnOldNameAndACityAloneDecidesNone()
    {
        assertThat(List.of("浙江省金华市永康市东城街道九铃路1号", "金华市永康市", "义乌市稠城街道", "永康经济开发区", "杭州市江干区九堡镇", "浙江省杭州市余杭区临平街道",
                "杭州市余杭区仓前街道", "临安市锦城街道", "浙江省台州市玉环县", "永康市市场监督管理局", "景宁畲族自治县红星街道"))
                .extracting(address -> ADDRESSES.resolve(address).countyCode())
                .containsExactly("330784", "330784", "330782", "330784", "330102", "330113", "330110", "330112", "331083", "330784", "331127");
        assertThat(ADDRESSES.resolve("金华市经济技术开发区").place()).isEqualTo(AddressResolver.Place.CITY);
        assertThat(ADDRESSES.resolve("金华市经济技术开发区").cityCode()).isEqualTo("330700");
        assertThat(List.of("广东省佛山市顺德区", "深圳市宝安区", "上海市闵行区", "江苏省苏州市")).extracting(address -> ADDRESSES.resolve(address).place())
                .containsOnly(AddressResolver.Place.OUTSIDE);
        assertThat(ADDRESSES.resolve("工业园区8号").place()).isEqualTo(AddressResolver.Place.UNKNOWN);
        assertThat(ADDRESSES.resolve("浙江省市场监督管理局").place()).isEqualTo(AddressResolver.Place.UNKNOWN);
    }

    @Test
    void namesResolveExactlyThenNormalisedOverFormerNamesAndBranchesToTheirParent()
    {
        ProducerResolver resolver = resolver(List.of());
        assertThat(List.of(
                resolver.resolve("永康市恒达五金制品有限公司", null),
                // Full-width spaces, half-width brackets, 有限公司 for 有限责任公司.
                resolver.resolve("杭州(中策)电缆有限公司", "杭州市上城区"),
                resolver.resolve("杭州　中策电缆 有限责任公司", null),
                resolver.resolve("永康市恒达五金厂", "浙江省永康市"),
                // A registered branch stands for its parent, in the branch's county.
                resolver.resolve("永康市恒达五金制品有限公司义乌分公司", null)))
                .extracting(ProducerResolver.Resolution::match, ProducerResolver.Resolution::code, ProducerResolver.Resolution::county)
                .containsExactly(
                        tuple(ProducerResolver.Match.EXACT, HARDWARE, "330784"),
                        tuple(ProducerResolver.Match.NORMALISED, CABLE, "330102"),
                        tuple(ProducerResolver.Match.NORMALISED, CABLE, "330102"),
                        tuple(ProducerResolver.Match.NORMALISED, HARDWARE, "330784"),
                        tuple(ProducerResolver.Match.EXACT, HARDWARE, "330782"));
        // A branch the register does not hold is not guessed to be its parent.
        assertThat(resolver.resolve("永康市恒达五金制品有限公司武义分公司", "武义县").match()).isEqualTo(ProducerResolver.Match.ADDRESS);
    }

    @Test
    void oneNameOfTwoEnterprisesIsToldApartByTheAddressOrLeftAmbiguous()
    {
        ProducerResolver resolver = resolver(List.of());
        ProducerResolver.Resolution wuyi = resolver.resolve("浙江华通工具有限公司 ", "金华市武义县");
        assertThat(wuyi.match()).as("the exact name wins").isEqualTo(ProducerResolver.Match.EXACT);
        assertThat(resolver.resolve("浙江华通工具(有限公司)", "永康市").code()).isEqualTo(TWIN_YONGKANG);
        ProducerResolver.Resolution ambiguous = resolver.resolve("浙江华通工具有限公司（）", "金华市");
        assertThat(ambiguous.match()).isEqualTo(ProducerResolver.Match.AMBIGUOUS);
        assertThat(ambiguous.code()).isNull();
        assertThat(ambiguous.candidates()).extracting(ProducerResolver.Candidate::code).containsExactlyInAnyOrder(TWIN_WUYI, TWIN_YONGKANG);
    }

    @Test
    void producersTheRegisterLacksArePlacedByTheirAddressAndTheOperatorsMapResolvesThem()
    {
        ProducerResolver resolver = resolver(List.of(new ProducerResolver.Mapping("恒达五金", null, HARDWARE),
                new ProducerResolver.Mapping("华通工具", "武义县", TWIN_WUYI)));
        assertThat(List.of(
                resolver.resolve("佛山市顺德区某某电器有限公司", "广东省佛山市顺德区"),
                resolver.resolve("乐清市某某电气有限公司", "浙江省乐清市"),
                resolver.resolve("某某电气有限公司", "温州市"),
                resolver.resolve("恒达五金", "随便写的地址"),
                resolver.resolve("华通工具", "武义县"),
                resolver.resolve("华通工具", "永康市")))
                .extracting(ProducerResolver.Resolution::match, ProducerResolver.Resolution::code, ProducerResolver.Resolution::county)
                .containsExactly(
                        tuple(ProducerResolver.Match.OUTSIDE, null, null),
                        tuple(ProducerResolver.Match.ADDRESS, null, "330382"),
                        tuple(ProducerResolver.Match.UNMATCHED, null, null),
                        tuple(ProducerResolver.Match.OPERATOR, HARDWARE, "330784"),
                        tuple(ProducerResolver.Match.OPERATOR, TWIN_WUYI, "330723"),
                        tuple(ProducerResolver.Match.ADDRESS, null, "330784"));
        // For the review: the register names most like an unmatched one, best first.
        assertThat(resolver.candidates("永康恒达五金制品公司", 3, 0.5)).extracting(ProducerResolver.Candidate::code).startsWith(HARDWARE);
        assertThat(resolver.candidates("宁波某某塑料厂", 3, 0.5)).isEmpty();
    }

    @Test
    void aResolverShippedToTheTasksResolvesAsTheOneBuilt()
            throws Exception
    {
        ProducerResolver built = resolver(List.of(new ProducerResolver.Mapping("恒达五金", null, HARDWARE),
                new ProducerResolver.Mapping("华通工具", "武义县", TWIN_WUYI)));
        // Spark's broadcast writes it with Java serialization; its serial form is the register and the mapping, not the indexes.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(built);
        }
        ProducerResolver shipped;
        try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            shipped = (ProducerResolver) in.readObject();
        }
        assertThat(shipped.size()).isEqualTo(REGISTER.size());
        assertThat(shipped.registered(HARDWARE_BRANCH)).isTrue();
        List<String[]> producers = List.of(new String[] {"永康市恒达五金制品有限公司", null}, new String[] {"杭州(中策)电缆有限公司", "杭州市上城区"},
                new String[] {"永康市恒达五金厂", "浙江省永康市"}, new String[] {"永康市恒达五金制品有限公司义乌分公司", null},
                new String[] {"浙江华通工具(有限公司)", "永康市"}, new String[] {"浙江华通工具有限公司（）", "金华市"},
                new String[] {"恒达五金", "随便写的地址"}, new String[] {"华通工具", "武义县"}, new String[] {"华通工具", "永康市"},
                new String[] {"乐清市某某电气有限公司", "浙江省乐清市"}, new String[] {"佛山市顺德区某某电器有限公司", "广东省佛山市顺德区"});
        for (String[] producer : producers) {
            assertThat(shipped.resolve(producer[0], producer[1])).as(producer[0]).isEqualTo(built.resolve(producer[0], producer[1]));
        }
        assertThat(shipped.resolve("华通工具", "武义县").match()).isEqualTo(ProducerResolver.Match.OPERATOR);
        assertThat(shipped.candidates("永康恒达五金制品公司", 3, 0.5)).isEqualTo(built.candidates("永康恒达五金制品公司", 3, 0.5)).isNotEmpty();
    }

    @Test
    void namesAreComparedWithoutSpacesAndBracketsOfEitherWidth()
    {
        // The characters the comparison leaves out, as the regular expression [\s\u3000()\[\]【】〔〕<>《》]+ of earlier versions did.
        List<String> names = List.of(" 杭州\t(中策)\n电缆\u000B有限\f责任\r公司\u3000", "【浙江】〔华通〕<工具>《有限公司》", "ｚｊ　ＨＵＡＴＯＮＧ（工具）有限责任公司", "[A]b c", "",
                "\u00A0不间断空格\u2003全角空", "𠀋字有限公司");
        for (String name : names) {
            String folded = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKC).replaceAll("[\\s\\u3000()\\[\\]【】〔〕<>《》]+", "");
            assertThat(ProducerResolver.normalise(name)).as(name).isEqualTo(folded.replace("有限责任公司", "有限公司").toUpperCase(java.util.Locale.ROOT));
        }
        assertThat(ProducerResolver.normalise("杭州　中策电缆 有限责任公司")).isEqualTo("杭州中策电缆有限公司");
        assertThat(ProducerResolver.normalise(null)).isEmpty();
    }
}
